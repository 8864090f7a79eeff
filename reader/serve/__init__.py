"""`byline serve`: the reader over SSH."""
