"""Reading article files: the format, safe text, the stat keys of a corpus."""
