"""Text analysis shared by the index writer and the query side, so both agree."""

from __future__ import annotations

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemmingAnalyzer


def text_analyzer() -> Analyzer:
    """Words, lowercased and stemmed, stop words kept (phrases need them)."""
    return StemmingAnalyzer(stoplist=None)


def name_analyzer() -> Analyzer:
    """Names: lowercased words, no stemming."""
    return RegexTokenizer() | LowercaseFilter()
