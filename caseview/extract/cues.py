"""Typing cues: what tells us that a capitalised chunk is a person, a body, a product or a place.

Each function looks at a chunk (a list of tokens) and its neighbours and returns an
``(EntityType, cue)`` pair, or ``None`` when it has nothing to say.
"""

from __future__ import annotations

import re

from caseview.extract.chunker import Token
from caseview.extract.lexicon import cues
from caseview.extract.models import EntityType

SPEECH_VERBS = frozenset(
    "said says told stated added wrote announced argued noted tweeted posted claimed insisted explained "
    "warned recalled replied testified emphasised emphasized".split()
)
#: Chunks ending in these words name laws, plans and programmes: not entities of our types.
NON_ENTITY_HEADS = frozenset(
    "act acts bill bills plan program programme law laws amendment doctrine treaty accords".split()
)
_ACCORDING_RE = re.compile(
    r"(?:according to|reported by|a report (?:by|from)|an interview with|told)\s+$", re.IGNORECASE
)
_PRODUCT_BEFORE_RE = re.compile(r"\b(?:model|chatbot|assistant|app)\s+$", re.IGNORECASE)


def strip_title_dots(word: str) -> str:
    return word.lower().rstrip(".")


def title_at(tokens: list[Token], position: int) -> int:
    """Length in tokens of the person title ("Treasury Secretary" → 0, "Secretary" → 1) starting here."""
    options = cues().titles_by_first.get(strip_title_dots(tokens[position].text))
    if not options:
        return 0
    for title in options:
        size = len(title)
        if position + size <= len(tokens) and all(
            strip_title_dots(tokens[position + k].text) == title[k] for k in range(1, size)
        ):
            return size
    return 0


def lowercase_title_before(text: str, tokens: list[Token], first: Token) -> bool:
    """A title in lower case just before a chunk: "defence secretary Pete Hegseth"."""
    if first.index == 0:
        return False
    options = cues().titles_by_last.get(strip_title_dots(tokens[first.index - 1].text))
    for title in options or ():
        size = len(title)
        begin = first.index - size
        if begin < 0:
            continue
        window = tokens[begin : first.index]
        if all(strip_title_dots(t.text) == title[k] for k, t in enumerate(window)):
            spaced = text[window[-1].end : first.start].strip(" .") == ""
            if spaced and (not window[0].cap or window[0].initial):
                return True
    return False


def type_by_heads(words: list[Token], next_word: Token | None) -> tuple[EntityType, str] | None:
    """Institutional head words: "... Agency", "Department of ...", "... Foundation", "... Times"."""
    lexicon = cues()
    content = [w for w in words if w.cap]
    if len(content) < 2:
        return None
    last = words[-1].lower
    first = words[0].lower
    if last in NON_ENTITY_HEADS:
        return None
    if len(content) == 2 and last in ("administration", "admin"):
        return EntityType.GOV_BODY, "administration"
    of_name = len(words) > 2 and words[1].lower == "of"
    if of_name and first in lexicon.gov_prefix_heads:
        return EntityType.GOV_BODY, "gov-prefix"
    if of_name and first in lexicon.org_prefix_heads:
        return EntityType.ORG, "org-prefix"
    if of_name and first in lexicon.event_prefix_heads:
        return EntityType.EVENT, "event-prefix"
    if last in lexicon.gov_heads:
        return EntityType.GOV_BODY, "gov-suffix"
    if last in lexicon.org_heads:
        return EntityType.ORG, "org-suffix"
    if last in lexicon.publication_heads:
        return EntityType.PUBLICATION, "publication-suffix"
    if last in lexicon.event_heads:
        return EntityType.EVENT, "event-suffix"
    if last in lexicon.gpe_heads:
        return EntityType.GPE, "place-suffix"
    return None


_PLACE_BEFORE_RE = re.compile(r"\b(?:in|from|near|outside|across)\s+$")


def type_single_word(
    text: str, word: Token, following: list[Token], gpe_names: frozenset[str]
) -> tuple[EntityType, str] | None:
    """A lone capitalised word mid-sentence: a known first name, "Allentown, Pennsylvania", "in Phoenix"."""
    lexicon = cues()
    if word.initial or word.lower in lexicon.nonentity_caps or word.lower in lexicon.sentence_starters:
        return None
    if word.lower in lexicon.first_names:
        return EntityType.PERSON, "first-name"
    if len(following) >= 1 and text[word.end : following[0].start] == ", " and following[0].text in gpe_names:
        return EntityType.GPE, "context:city-state"
    if _PLACE_BEFORE_RE.search(text, max(0, word.start - 12), word.start) and not (following and following[0].cap):
        return EntityType.GPE, "context:in"
    return None


def looks_like_person_name(words: list[Token]) -> bool:
    lexicon = cues()
    if not 2 <= len(words) <= 4 or not all(w.cap for w in words):
        return False
    if any(any(ch.isdigit() for ch in w.text) or (w.is_acronym and len(w.text) > 1) for w in words):
        return False
    return words[0].lower in lexicon.first_names


def type_by_context(text: str, words: list[Token], following: list[Token]) -> tuple[EntityType, str] | None:
    """Context around the chunk: "... said", "according to ...", "model Mythos", "its X model"."""
    lexicon = cues()
    before = text[max(0, words[0].start - 40) : words[0].start]
    nxt = following[0] if following else None
    adjacent = nxt is not None and text[words[-1].end : nxt.start] == " "
    if adjacent and nxt.text[:1].isdigit() and len(nxt.text) <= 4 and len(following) > 1:
        nxt = following[1]  # "the Zephyrine 4 model": look past the version number
    if adjacent and nxt.lower in lexicon.product_context_heads and not nxt.cap:
        return EntityType.PRODUCT, "context:model"
    if _PRODUCT_BEFORE_RE.search(before):
        return EntityType.PRODUCT, "context:model"
    if _ACCORDING_RE.search(before) and len(words) <= 3 and words[0].lower not in lexicon.first_names:
        return EntityType.PUBLICATION, "context:according-to"
    if (
        len(words) >= 2
        and nxt is not None
        and nxt.lower in SPEECH_VERBS
        and text[words[-1].end : nxt.start] in (" ", ", ")
    ):
        if all(w.cap for w in words):
            return EntityType.PERSON, "context:said"
    return None


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether "NSA" abbreviates "National Security Agency" (connectors may be skipped or kept)."""
    letters = acronym.replace(".", "").upper()
    connectors = cues().connectors
    full = "".join(w[0] for w in words if w).upper()
    content = "".join(w[0] for w in words if w and w.lower() not in connectors).upper()
    return letters in (full, content) and len(letters) >= 2
