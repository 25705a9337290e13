"""Generic filters: lines whose capitals say nothing, and chunks that are not names.

- call-to-action and advertising lines ("Sign up for our newsletter", "Add Axios as your preferred
  source", "Illustration: … / Stock: Getty Images"): their chunks are only candidates;
- title-case headlines ("White House Workshops Plan To Bring Back Anthropic"): the same, but not the
  address and signature lines of a letter ("To: …", "Signed, …"), which name its people;
- common words, demonyms, months, weekdays and time words alone are never entities.
"""

from __future__ import annotations

import re

from caseview.extract.chunker import Token
from caseview.extract.lexicon import cues
from caseview.extract.wordfacts import is_plain_lower, is_time_lower

_CREDIT_RE = re.compile(r"^\s*(?:illustration|photo|photograph|image|video|stock|credit|source|graphic)s?\s*:", re.I)
#: The address and signature lines of a letter or memo ("To: Dolores Whitcombe, Chief Executive
#: Officer", "Signed, Anita Kowalczyk, Principal Inspector"): capitalised like a headline, but they
#: name the people and bodies the document is from and to.
_LETTER_LINE_RE = re.compile(
    r"^\s*(?:to|from|cc|bcc|attn|attention|signed|sincerely|regards|yours(?: sincerely| faithfully| truly)?)\s*[:,]",
    re.I,
)
_LINE_RE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_LOWER_PAIR_RE = re.compile(r"[a-z]{2}")
_SENTENCE_ENDS = (".", "”", '"')
_BOLD_RE = re.compile(r"\*\*([^*\n]{3,160})\*\*")


def weak_line_spans(text: str) -> list[tuple[int, int]]:
    """Lines whose chunks become candidates only: call-to-action lines, credits and title-case headlines."""
    verbs = cues().cta_verbs
    spans = []
    for match in _LINE_RE.finditer(text):
        line = match.group()
        if len(line) > 200:
            continue
        stripped = line.strip(" *#-•>")
        # Most lines are sentences: ending in a period or a quote, neither a call to action nor a
        # title-case headline can they be, and two lower-case letters in a row make a word that is
        # not in capitals. Only a credit is left to look for, so the words are not read.
        if stripped.endswith(_SENTENCE_ENDS) and _LOWER_PAIR_RE.search(line) and not _CREDIT_RE.match(stripped):
            continue
        words = _WORD_RE.findall(line)
        if not words:
            continue
        if _CREDIT_RE.match(stripped) or (words[0].lower() in verbs and not stripped.endswith((".", "”", '"'))):
            spans.append(match.span())
            continue
        if _LETTER_LINE_RE.match(stripped):
            continue
        if len(words) <= 8 and all(w.isupper() for w in words if len(w) > 1) and any(len(w) > 3 for w in words):
            spans.append(match.span())  # "GETTING AMERICA MOVING": a heading in capitals
            continue
        long_words = [w for w in words if len(w) > 3]
        if len(long_words) >= 4 and not stripped.endswith((".", "”", '"', "?", "!")):
            capitalised = sum(1 for w in long_words if w[0].isupper())
            if capitalised >= 0.75 * len(long_words):
                spans.append(match.span())
    for match in _BOLD_RE.finditer(text):  # "**Computing Power Bottleneck: Practical Constraints**" inside a line
        long_words = [w for w in _WORD_RE.findall(match.group(1)) if len(w) > 3]
        if len(long_words) >= 3 and sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words):
            spans.append(match.span())
    spans.sort()
    return spans


_ROMAN_RE = re.compile(r"[IVXLC]+")


def is_plain_word(word: Token) -> bool:
    """A word that is no name by itself: a common word, a demonym, a month, a weekday, a time word."""
    return is_plain_lower(word.lower)


def is_time_word(word: Token) -> bool:
    return is_time_lower(word.lower)


__all__ = ["is_plain_lower", "is_plain_word", "is_time_lower", "is_time_word", "weak_line_spans"]
