"""Whom a document cites as the source of what it reports, with the sentence as evidence.

Recognised: "according to Axios", "citing sources familiar with the matter", "The Wall Street
Journal reported", "reported by Reuters", "told the FT", "in a CNBC interview", "two sources said".
An outlet the document itself is ("told the FT" in the Financial Times) is own reporting: kept, but
marked ``own`` so it is never counted as a relay.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from caseview.extract.sentences import split_sentences
from caseview.provenance.models import Citation, CitationKind
from caseview.provenance.outlets import canonical_outlet, is_known_outlet, outlet_pattern

_ANONYMOUS = (
    r"(?:(?:two|three|four|several|multiple|many|some|unnamed|anonymous|senior|administration|government|"
    r"industry|other)\s+){0,3}"
    r"(?:sources?|people|persons?|officials?|insiders?|individuals?)"
    r"(?:\s+(?:familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|briefed\s+on|involved\s+in)"
    r"(?:\s+the)?\s+\w+)?"
)
_NAME = r"[A-Z][\w’'&.-]*\w(?:\s+(?:of\s+|and\s+|the\s+|for\s+)?[A-Z][\w’'&.-]*\w){0,5}"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], CitationKind | None], ...]:
    """Each pattern has a group ``src``; the kind is fixed, or ``None`` for "decide by what was named"."""
    outlet = outlet_pattern()
    src_any = rf"(?P<src>{outlet}|{_ANONYMOUS}|{_NAME})"
    return (
        (
            re.compile(
                rf"\b[Aa]ccording\s+to\s+(?:an?\s+|[Tt]he\s+)?(?:reports?\s+(?:by|in|from)\s+(?:the\s+)?)?{src_any}"
            ),
            None,
        ),
        (re.compile(rf"\b[Cc]iting\s+(?:an?\s+|[Tt]he\s+)?{src_any}"), None),
        (
            re.compile(
                rf"(?:\b[Aa]s\s+)?(?:\b[Tt]he\s+)?(?P<src>{outlet})\s+(?:(?:first|previously|also|earlier|"
                r"exclusively)\s+)?(?:reported|revealed|wrote|reports|has\s+reported|said\s+in\s+a\s+report)\b"
            ),
            "outlet",
        ),
        (re.compile(rf"\b(?:first\s+)?reported\s+by\s+(?:[Tt]he\s+)?(?P<src>{outlet}|{_NAME})"), "outlet"),
        (re.compile(rf"\btold\s+(?:[Tt]he\s+)?(?P<src>{outlet})"), "outlet"),
        (re.compile(rf"\bin\s+an?\s+(?P<src>{outlet})\s+interview\b"), "outlet"),
        (
            re.compile(
                rf"\b(?:in\s+an\s+interview\s+with|speaking\s+to|talking\s+to)\s+(?:[Tt]he\s+)?(?P<src>{outlet})"
            ),
            "outlet",
        ),
        (re.compile(rf"(?P<src>\b{_ANONYMOUS})\s+(?:have\s+|has\s+)?(?:said|say|told|confirmed)\b"), "anonymous"),
        (re.compile(rf"\b(?:said|say|told)\s+(?P<src>{_ANONYMOUS})"), "anonymous"),
    )


_ANONYMOUS_RE = re.compile(rf"^{_ANONYMOUS}$", re.IGNORECASE)


def _kind_of(source: str, fixed: CitationKind | None) -> tuple[CitationKind, str]:
    """The kind of a named source and its canonical name."""
    if fixed is not None and fixed != "outlet":
        return fixed, source
    if _ANONYMOUS_RE.match(source):
        return "anonymous", source
    if fixed == "outlet" or is_known_outlet(source):
        return "outlet", canonical_outlet(source) or source
    return "other", source


def find_citations(doc_id: str, text: str, own_outlet: str | None = None) -> list[Citation]:
    """Every citation of a source in ``text``, in order, with its evidence sentence."""
    own = canonical_outlet(own_outlet)
    sentences = split_sentences(text)
    starts = [start for start, _ in sentences]
    found: dict[int, Citation] = {}
    for pattern, fixed in _patterns():
        for match in pattern.finditer(text):
            source = match.group("src").strip()
            kind, name = _kind_of(source, fixed)
            if kind == "other" and fixed is None and name.split()[0] in {"The", "A", "An", "This", "That"}:
                continue  # "according to The plan…": a capitalised sentence word, not a source
            start = match.start("src") if kind != "anonymous" else match.start()
            if start in found or any(c.start <= start < c.end for c in found.values()):
                continue
            index = bisect_right(starts, match.start()) - 1
            sentence_start, sentence_end = sentences[index] if index >= 0 else (match.start(), match.end())
            found[start] = Citation(
                doc_id=doc_id,
                source=name,
                kind=kind,
                start=match.start(),
                end=match.end(),
                evidence_start=sentence_start,
                evidence_end=sentence_end,
                evidence=text[sentence_start:sentence_end],
                own=kind == "outlet" and own is not None and name == own,
            )
    return [found[key] for key in sorted(found)]
