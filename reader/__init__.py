"""byline.reader: the Textual app and the command line."""
