"""The query language, search preparation, hits, highlights, timeline."""
