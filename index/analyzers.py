"""The text analyzers shared by the index schema and the query translation,
defined once so that a query word is always analysed like indexed text."""

from __future__ import annotations

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemmingAnalyzer


def text_analyzer() -> Analyzer:
    """Headline, body and quotation text: words, lowercased, Porter-stemmed.

    No stop list, so phrases such as "the end of the war" keep every word.
    """
    return StemmingAnalyzer(stoplist=None)


def name_analyzer() -> Analyzer:
    """Entity and speaker names: words, lowercased, nothing else (a name
    must not be stemmed: "Jones" is not "Jone")."""
    return RegexTokenizer() | LowercaseFilter()
