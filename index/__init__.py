"""byline.index: parse, analyse, index and search articles (no UI code here)."""
