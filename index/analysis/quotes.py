"""Direct quotations and who said them.

The finder works in three passes over one article:

1. classify every double quotation mark (straight or curly) as opening,
   closing or neither (``India"s`` in old wire copy is an apostrophe); an
   article with no double marks is read with its curly single marks;
2. pair the marks into quotations, following the news convention for
   quotations continued under a new opening mark (in the next paragraph,
   or after a finished sentence: ``...he said. "I think...``), each
   stretch its own span, and giving up on a mark that never closes, so an
   unbalanced mark cannot swallow the article;
3. keep the quotations that stand as speech and attribute each to a
   speaker through the cue before or after it, the previous sentence or
   paragraph, or the speaker of the quotation it continues; quoted words
   inside the reporter's sentence that report someone's speech become
   fragments (:func:`find_fragments`), scare quotes and titles nothing.

Passes 1 and 2 live in :mod:`~byline.index.analysis.quote_marks`, the
reporting cues of pass 3 in :mod:`~byline.index.analysis.quote_cues`.
Speaker names are resolved by :mod:`byline.index.analysis.speakers` with the
entities of :func:`byline.index.analysis.entities.find_entities`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from byline.index.analysis.quote_cues import (
    ABBREV_END,
    CUE_SET,
    DET_WORDS,
    FUNCTION_WORDS,
    NOT_SPEAKERS,
    PRONOUNS,
    TOKEN,
    WORD,
    Attribution,
    cue_at_start,
    find_cues,
    first_np,
    is_cue,
    last_sentence,
    left_cue,
    object_np,
    right_cue,
    subject_np,
    word_list,
)
from byline.index.analysis.quote_marks import (
    DOUBLE_MARK,
    SINGLE_MARK,
    Mark,
    RawQuote,
    mark_role,
    pair_marks,
    paragraph_starts,
    single_mark_role,
)
from byline.index.analysis.speakers import NameResolver, is_pronoun
from byline.index.models import Quote

if TYPE_CHECKING:
    from collections.abc import Sequence

    from byline.index.models import Entity

__all__ = ["find_fragments", "find_quotations", "find_quotes"]


def _is_direct(text: str, raw: RawQuote, para_start: int, para_end: int) -> bool:
    """Whether the quotation stands as speech rather than inside the reporter's sentence."""
    s, e = raw.start, raw.end
    inner = text[raw.inner_start : raw.inner_end]
    stripped_inner = inner.strip()
    if not stripped_inner:
        return False
    left = text[max(para_start, s - 120) : s].rstrip()
    first = stripped_inner[0]
    upper = first.isupper() or first.isdigit() or first in "\u2018'\u2026.([\u2014-"
    before_close = inner.rstrip()[-1]
    right = text[e : min(para_end, e + 80)]
    right_l = right.lstrip()
    # Embedded in the reporter's sentence: “... blame thousands of $12-an-hour” workers.
    if (
        before_close not in ".,;:!?\u2026\u2014\u2013-\u2019')"
        and right_l[:1].islower()
        and cue_at_start(right_l) is None
        and not re.match(rf"{PRONOUNS}\s+", right_l)
    ):
        return False
    if not left:
        return True
    c = left[-1]
    if c in ".!?" and ABBREV_END.search(left[:-1]):
        return False  # Rep. Robert C. "Bobby" Scott: a nickname, not a new sentence
    if c in ".!?\u201d\"\u2026)]'\u2019:;":
        return True
    if c in "\u2014\u2013-":
        return upper
    # After a comma or a word, the quotation must follow a cue:
    # 'He says, “...”', '“A,” Tester said, referring to X, “b.”', 'Trump declared “I ...”'.
    sent = last_sentence(left.rstrip(","))
    words = WORD.findall(sent[-160:])
    if c != ",":
        return upper and bool(words) and is_cue(words[-1])
    if (
        not upper
        and not (words and is_cue(words[-1]))
        and not any(m in sent for m in ("\u201d", '"', "''"))
    ):
        # A lowercase fragment after "X said on the other hand," is the
        # reporter's sentence going on, unless the cue directly introduces it
        # ("Mr. Barrett said, “we were floored.”") or it completes a split
        # quotation ("“A,” he said, “b.”").
        return False
    for w in reversed(words[-12:]):
        if w.lower() in _EMBEDDING:
            return False
        if is_cue(w) or w.lower() == "according":
            return True
    return False


# Words that make what follows reported (indirect) speech or a list item.
_EMBEDDING = frozenset(word_list("that whether if because including as and or than like such"))


_TAG = re.compile(r"[\"\u201c\u201d']*\s*\(?[A-Z][A-Z.\- ]{1,30}\)?[:.]")


def _is_transcript(text: str, raw: RawQuote, para_starts: list[int]) -> bool:
    """A quoted block of exchanges ("WALLACE: ... \n\n"PENCE: ..."), not one speaker's words."""
    if raw.last_para == raw.para:
        return False
    tags = 0
    for k in range(raw.para, raw.last_para + 1):
        start = max(para_starts[k], raw.start)
        if _TAG.match(text, start):
            tags += 1
            if tags >= 2:
                return True
    return False


def find_quotes(text: str, entities: Sequence[Entity] | None = None) -> list[Quote]:
    """Return the direct quotations in ``text`` with their speakers.

    ``entities`` (from :func:`byline.index.analysis.entities.find_entities`) name the
    people and organisations that speak; when None they are found here.
    Quoted fragments inside the reporter's sentence are not included (see
    :func:`find_fragments`).  Never raises on any input.
    """
    return find_quotations(text, entities)[0]


def find_fragments(text: str, entities: Sequence[Entity] | None = None) -> list[Quote]:
    """Return the quoted fragments in ``text``: someone's words inside the reporter's sentence.

    ``described the plan as "unworkable"``, ``Blair said he was "very
    disappointed"``: each with the speaker whose words they are when the
    sentence names one.  Scare quotes, nicknames and titles are left out.
    Never raises on any input.
    """
    return find_quotations(text, entities)[1]


def find_quotations(
    text: str, entities: Sequence[Entity] | None = None
) -> tuple[list[Quote], list[Quote]]:
    """Both :func:`find_quotes` and :func:`find_fragments` in one pass."""
    doubles = '"' in text or "\u201c" in text or "\u201d" in text or "''" in text
    if not doubles and "\u2018" not in text:
        return [], []
    para_starts = paragraph_starts(text)
    marks: list[Mark] = []
    # British style quotes with single marks (\u2018...\u2019) when an article has
    # no double marks at all; otherwise single marks are nested quotations.
    pattern, role_of = (DOUBLE_MARK, mark_role) if doubles else (SINGLE_MARK, single_mark_role)
    for m in pattern.finditer(text):
        pos = m.start()
        role = role_of(text, pos, m.group())
        if role:
            mark = m.group()
            para = bisect_right(para_starts, pos) - 1
            marks.append(Mark(pos, role, para, len(mark), mark != '"' and mark != "''"))
    if not marks:
        return [], []
    raws = pair_marks(text, marks, para_starts)
    n_paras = len(para_starts)

    def para_end(k: int) -> int:
        return para_starts[k + 1] - 1 if k + 1 < n_paras else len(text)

    if entities is None:
        # Imported here: the entity finder's lists are slow to load, and
        # callers that pass entities never need them.
        from byline.index.analysis.entities import find_entities

        entities = find_entities(text)
    resolver = NameResolver(text, entities)
    quotes: list[Quote] = []
    fragments: list[Quote] = []
    # Speaker of the last kept quotation, by paragraph, to carry attribution
    # over "“A,” said X. “B.”" and consecutive quotation paragraphs.
    prev_attr: Attribution | None = None
    prev_para_last = -2
    prev_end = -1
    prev_name: str | None = None
    for raw in raws:
        ps, pe = para_starts[raw.para], para_end(raw.last_para)
        if not _is_direct(text, raw, ps, pe):
            if raw.para == raw.last_para:
                frag = _fragment(text, raw, ps, pe, resolver)
                if frag is not None:
                    fragments.append(frag)
            continue
        if _is_transcript(text, raw, para_starts):
            continue
        attr = None
        if text[ps : raw.start].rstrip().endswith(":"):
            # 'Y said: "…"': the cue that introduces the quotation wins over
            # whatever sentence follows it.
            attr = left_cue(text, raw.start, ps)
            if attr is not None and attr.speaker is None:
                attr = None
        if attr is None:
            attr = right_cue(text, raw.end, pe)
        if attr is None:
            attr = left_cue(text, raw.start, ps)
        if attr is None or attr.speaker is None:
            carried = _carry(text, raw, para_starts, prev_attr, prev_para_last, prev_end)
            if carried is not None:
                attr = carried
        speaker: str | None = None
        name: str | None = None
        cue = attr.cue if attr else None
        if attr is not None and attr.speaker is not None:
            s0, e0 = attr.speaker
            speaker = text[s0:e0].strip() or None
            if speaker is not None:
                name = resolver.resolve(speaker, s0)
                if (
                    is_pronoun(speaker)
                    and prev_name is not None
                    and not resolver.is_person(prev_name)
                    and not resolver.persons_between(prev_end, s0)
                ):
                    # 'A spokesman for the council said: "…" He added: "…"':
                    # nobody else came up, so "he" is the same (unnamed) speaker.
                    name = prev_name
        for q_start, q_end in raw.pieces:
            # Trim whitespace so the span holds only the quoted words.
            while q_start < q_end and text[q_start].isspace():
                q_start += 1
            while q_end > q_start and (text[q_end - 1].isspace() or text[q_end - 1] == ","):
                q_end -= 1  # the comma before "he said" belongs to the attribution
            if q_start < q_end:
                quotes.append(Quote(q_start, q_end, text[q_start:q_end], speaker, cue, name))
        if speaker is not None:
            prev_attr = attr
            prev_name = name
        prev_para_last = raw.last_para
        prev_end = raw.end
    return quotes, fragments


def _carry(
    text: str,
    raw: RawQuote,
    para_starts: list[int],
    prev_attr: Attribution | None,
    prev_para_last: int,
    prev_end: int,
) -> Attribution | None:
    """Speaker for a quotation with no cue of its own."""
    ps = para_starts[raw.para]
    between = text[prev_end : raw.start] if prev_end >= 0 else ""
    # Same paragraph as the previous quotation: "“A,” said X. “B.”", unless a
    # sentence about someone else comes between ("But Y disagreed. “B.”").
    if prev_attr is not None and prev_para_last == raw.para and "\n" not in between:
        tail = between.rstrip()
        last = last_sentence(tail)
        if last.strip() and len(last) < len(tail):
            s0 = prev_end + len(tail) - len(last)
            got = _previous_speaker(text, s0, raw.start) or _sentence_subject(text, s0, raw.start)
            if got is not None and got.speaker is not None:
                return got
        return prev_attr
    # Previous paragraph introduces it: "Caddell continued:".
    if raw.para > 0 and not text[ps : raw.start].strip():
        k = raw.para - 1
        while k > 0 and not text[para_starts[k] : para_starts[k + 1]].strip():
            k -= 1
        prev_text_end = para_starts[k + 1] - 1
        prev_para = text[para_starts[k] : prev_text_end].rstrip()
        if prev_para.endswith(":") or prev_para.endswith(","):
            got = left_cue(text, para_starts[k] + len(prev_para), para_starts[k])
            if got is not None and got.speaker is not None:
                return got
        # Consecutive quotation paragraphs by one speaker.
        if prev_attr is not None and prev_para_last == k:
            return prev_attr
        # Indirect speech in the previous paragraph: "Rogozin said on Monday that ..."
        got = _previous_speaker(text, para_starts[k], prev_text_end)
        if got is not None:
            return got
        # Failing all that, whoever the previous paragraph ends up talking about.
        return _sentence_subject(text, para_starts[k], prev_text_end)
    # Inside a paragraph: the speaker of the reported speech before it.
    got = _previous_speaker(text, ps, raw.start)
    if got is not None:
        return got
    return _sentence_subject(text, ps, raw.start)


_LEADING_CONJUNCTION = re.compile(r"(?:But|And|So|Yet|Then|However|Meanwhile|Still)\s+(?=[A-Z])")


def _sentence_subject(text: str, start: int, end: int) -> Attribution | None:
    """The named (or pronoun) subject of the last sentence in text[start:end]."""
    chunk = text[start:end].rstrip()
    sent = last_sentence(chunk.rstrip(" \"\u201c\u201d'"))
    if not sent.strip():
        sent = last_sentence(chunk[: len(chunk) - len(sent)].rstrip())
    base = start + len(chunk[: chunk.rfind(sent)]) if sent else start
    conj = _LEADING_CONJUNCTION.match(sent)
    if conj:
        # "But Ann Ruiz disagreed.": the subject follows the conjunction.
        sent, base = sent[conj.end() :], base + conj.end()
    np = first_np(sent, base)
    if np is None:
        return None
    word = text[np[0] : np[1]]
    if not (is_pronoun(word) or word[:1].isupper()) or word.split()[0] in NOT_SPEAKERS:
        return None
    return Attribution(np, None)


def _previous_speaker(text: str, start: int, end: int) -> Attribution | None:
    """The subject of the last cue verb in text[start:end] (reported speech)."""
    chunk = text[start:end]
    last = None
    for m in find_cues(chunk):
        if m.group() != "according to":
            last = m
    if last is None:
        return None
    head = chunk[: last.start()]
    if head.rstrip().endswith(("\u201d", '"', "''", ",")):
        # Inverted: '“...,” says Paul Rieckhoff, founder of ...'
        np = object_np(chunk[last.end() :], start + last.end())
        return Attribution(np, None) if np else None
    sent = last_sentence(head)
    base = start + len(head) - len(sent)
    np = subject_np(sent, base)
    if np is None:
        return None
    return Attribution(np, None)


# -- fragments -------------------------------------------------------------------

# Verbs that report what someone said in the reporter's own words, with the
# speaker's words quoted inside: 'called it "rigged"', 'described ... as "x"'.
_REPORT_WORDS = CUE_SET | frozenset(
    word_list(
        """
        call calls called calling describe describes described describing brand brands
        branded branding label labels labelled labeled dismiss dismissed dismisses
        condemn condemned condemns criticise criticised criticize criticized attack
        attacked praise praised hailed hail accused accuse accuses blamed blame blames
        claim claims pledged pledge pledges promise promises vow vows urge urging
        insist admit deny denies denied described believe believes believed think
        thinks thought feel feels felt
        """
    )
)
# Words before a quotation that make it the name of a work, not speech.
_WORK_WORDS = frozenset(
    word_list(
        """
        film films movie book books novel song songs album albums single show shows
        programme programmes program series play musical opera episode poem title
        titled entitled headline headlined slogan campaign operation code-named
        nicknamed known dubbed term terms termed phrase word words label motto
        expression so-called
        """
    )
)
_FRAGMENT_MAX_WORDS = 25


def _fragment(
    text: str, raw: RawQuote, para_start: int, para_end: int, resolver: NameResolver
) -> Quote | None:
    """The quotation as a fragment of someone's words, or None (scare quotes, names, titles)."""
    s, e = raw.inner_start, raw.inner_end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    inner = text[s:e]
    words = WORD.findall(inner)
    if not words or len(words) > _FRAGMENT_MAX_WORDS:
        return None
    if all(w[0].isupper() or not w[0].isalpha() for w in words):
        return None  # a name or a title: "Finding Neverland", "Bobby"
    left = text[max(para_start, raw.start - 400) : raw.start]  # bounded: linear time
    sent_left = last_sentence(left)
    before = WORD.findall(sent_left)
    if before and before[-1].lower() in _WORK_WORDS:
        return None
    if len(words) == 1 and words[0][0].isupper():
        return None  # a single capitalised word: a name in quotation marks
    base = raw.start - len(sent_left)
    # A reporting verb in the sentence before the fragment, else a cue after
    # it ('the plan was "unworkable", he said'); none: scare quotes.
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    verbs = [m for m in TOKEN.finditer(sent_left) if m.group().lower() in _REPORT_WORDS]
    if verbs:
        # The main clause's verb names the speaker: in "X told MPs that the
        # US had agreed to ... "words"", X speaks, not the US.  A form in
        # -ing is as often a noun ("its warning to ...") and comes last.
        finite = [m for m in verbs if not m.group().endswith("ing")]
        v = (finite or verbs)[0]
        cue = v.group()
        head = sent_left[: v.start()]
        speaker_span = subject_np(_strip_auxiliaries(head), base)
        if speaker_span is not None:
            speaker_span = _drop_time(text, speaker_span)
        if cue.lower().endswith("ing") and speaker_span is None:
            return Quote(s, e, inner, None, cue, None)
        if speaker_span is None or not _plausible_speaker(text, speaker_span):
            speaker_span = first_np(sent_left, base)
    else:
        after = right_cue(text, raw.end, para_end)
        if after is None or after.cue is None:
            return None  # nobody's words are being reported
        speaker_span, cue = after.speaker, after.cue
    if speaker_span is not None and not _plausible_speaker(text, speaker_span):
        speaker_span = None
    speaker = name = None
    if speaker_span is not None:
        speaker = text[speaker_span[0] : speaker_span[1]].strip() or None
        if speaker is not None:
            name = resolver.resolve(speaker, speaker_span[0])
            if (
                name is None
                and not _described_speaker(speaker)
                and not resolver.names_entity(speaker_span[0], speaker_span[1])
            ):
                speaker = None  # a stray capitalised word, not someone named
    return Quote(s, e, inner, speaker, cue, name)


def _described_speaker(speaker: str) -> bool:
    """A pronoun or a short described speaker ("the minister"), not a clause piece."""
    words = speaker.split()
    if is_pronoun(speaker):
        return True
    return (
        words[0].lower() in DET_WORDS
        and len(words) <= 5
        and words[-1].lower() not in FUNCTION_WORDS
        and words[-1].lower() not in DET_WORDS
    )


_AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|will|would|could|should|may|might|also|"
    r"then|later|once|again|previously|repeatedly|went\s+on\s+to|going\s+on\s+to))+\s*$"
)


def _strip_auxiliaries(head: str) -> str:
    """Drop 'has', 'had', 'went on to' before a verb so the subject ends the text."""
    m = _AUXILIARIES.search(head)
    return head[: m.start()] if m else head


def _plausible_speaker(text: str, span: tuple[int, int]) -> bool:
    """A pronoun, a capitalised name or a determiner phrase, not a clause fragment."""
    words = text[span[0] : span[1]].split()
    if not words:
        return False
    first = words[0]
    return (
        is_pronoun(first)
        or first.lower() in DET_WORDS
        or (first[0].isupper() and first not in NOT_SPEAKERS)
    )


_LEADING_TIME = re.compile(
    r"(?:(?:On|In|At|By|Last|This|Earlier|Later|Then|But|And|So|Now)\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b,?\s+)?"
)


def _drop_time(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop a leading time phrase: 'On Tuesday Foreign Secretary Jack Straw'."""
    m = _LEADING_TIME.match(text, span[0], span[1])
    if m and m.end() > span[0] and m.end() < span[1] and text[m.end()].isupper():
        return m.end(), span[1]
    return span
