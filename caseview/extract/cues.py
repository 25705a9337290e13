"""Typing cues: what tells us that a capitalised chunk is a person, a body, a product or a place.

Each function looks at a chunk (a list of tokens) and the text around it and returns an
``(EntityType, cue)`` pair, or ``None`` when it has nothing to say. Context is read from the text
itself (a few characters either side), never from a token list of the whole document.
"""

from __future__ import annotations

import re

from caseview.extract.chunker import Token
from caseview.extract.lexicon import cues, wordlists
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
_WORD_BEFORE_RE = re.compile(r"([a-z][a-z'’-]*),?[ ]+$")
_TWO_WORDS_BEFORE_RE = re.compile(r"([a-z][a-z'’.-]*) ([a-z][a-z'’.-]*),?[ ]+$", re.IGNORECASE)
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|from|near|outside|across|to|at|based in|of)\s+$")
_PLACE_NOUN_OF_RE = re.compile(r"\b(?:the )?(city|town|village|suburb|county|state|province|region|port|island) of $")
_APPOSITIVE_RE = re.compile(r"^,? (?:a|an|the) ((?:[\w-]+ ){0,3}?[\w-]+)\b")
_BASED_RE = re.compile(r"^(?:-based|, based in)\b")
_PRODUCT_CODE_RE = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Z][A-Za-z]*-?\d+[A-Za-z\d]*(?:-\d+)?")


def strip_title_dots(word: str) -> str:
    return word.lower().rstrip(".")


def title_at(tokens: list[Token], position: int) -> int:
    """Length in tokens of the person title ("Treasury Secretary" → 2, "Secretary" → 1) starting here."""
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


def generic_title_at(tokens: list[Token], position: int) -> tuple[int, int]:
    """A title of office the title list lacks: modifiers then a head word ("Police Chief", "Deputy
    Foreign Minister", "Committee Chair"). Returns (start, end) token positions, or (0, 0)."""
    lexicon = cues()
    word = strip_title_dots(tokens[position].text)
    if word not in lexicon.title_heads:
        return 0, 0
    begin = position
    while begin > 0 and strip_title_dots(tokens[begin - 1].text) in lexicon.title_modifiers and tokens[begin - 1].cap:
        begin -= 1
    return begin, position + 1


def lowercase_title_before(text: str, first: Token) -> str | None:
    """A title or role in lower case just before a chunk: "defence secretary Pete Hegseth", "striker
    Dean Whitaker". Returns the title as written, in lower case."""
    lexicon = cues()
    before = text[max(0, first.start - 60) : first.start]
    match = _TWO_WORDS_BEFORE_RE.search(before)
    if match:
        pair = (strip_title_dots(match.group(1)), strip_title_dots(match.group(2)))
        starts_low = match.group(1)[0].islower() or _line_or_sentence_start(before, match.start())
        if starts_low and pair in cues().titles_by_last.get(pair[1], ()):
            return " ".join(pair)
    match = _WORD_BEFORE_RE.search(before)
    if match:
        word = match.group(1).lower()
        if word in lexicon.role_nouns or (word,) in lexicon.titles_by_last.get(word, ()):
            return word
    return None


def _line_or_sentence_start(before: str, position: int) -> bool:
    head = before[:position].rstrip(" \"“'(*")
    return not head or head[-1] in ".!?:;\n"


def type_by_heads(words: list[Token]) -> tuple[EntityType, str] | None:
    """Institutional head words: "... Agency", "Department of ...", "... Foundation", "... Times", and
    the head before a connector ("Public Health Agency of Canada", "Court of Appeals for ...")."""
    lexicon = cues()
    content = [w for w in words if w.cap]
    if len(content) < 2:
        return None
    last = strip_title_dots(words[-1].text)
    first = words[0].lower
    if last in NON_ENTITY_HEADS:
        return None
    if len(content) == 2 and last in ("administration", "admin"):
        return EntityType.GOV_BODY, "administration"
    connector_at = next((k for k, w in enumerate(words) if not w.cap and k > 0), None)
    if connector_at is not None and words[connector_at].lower in ("of", "for", "on"):
        if first in lexicon.gov_prefix_heads:
            return EntityType.GOV_BODY, "gov-prefix"
        if first in lexicon.org_prefix_heads:
            return EntityType.ORG, "org-prefix"
        if first in lexicon.event_prefix_heads:
            return EntityType.EVENT, "event-prefix"
        head = words[connector_at - 1].lower
        if head in lexicon.gov_heads:
            return EntityType.GOV_BODY, "gov-head"
        if head in lexicon.org_heads or head in lexicon.org_prefix_heads:
            return EntityType.ORG, "org-head"
    return _type_by_last(last)


def _type_by_last(last: str) -> tuple[EntityType, str] | None:
    lexicon = cues()
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
    if last in lexicon.product_heads:
        return EntityType.PRODUCT, "product-suffix"
    return None


def is_facility(words: list[Token]) -> bool:
    return len(words) >= 2 and words[-1].lower in cues().facility_heads


def type_by_form(words: list[Token]) -> tuple[EntityType, str] | None:
    """The shape of the name itself: "Kirkland & Ellis", product codes ("PX-9", "F-35"), versions
    ("Claude Mythos Preview", "Galaxy S24 Ultra")."""
    lexicon = cues()
    if len(words) >= 3 and any(w.text == "&" for w in words):
        return EntityType.ORG, "ampersand"
    if len(words) == 1 and "&" in words[0].text and not words[0].is_acronym:
        return EntityType.ORG, "ampersand"
    if any(_PRODUCT_CODE_RE.fullmatch(w.text) for w in words) and not any(w.lower in lexicon.nonentity_caps for w in words):
        return EntityType.PRODUCT, "product-code"
    if len(words) >= 2 and words[-1].lower in lexicon.version_words:
        return EntityType.PRODUCT, "version-word"
    return None


def looks_like_person_name(words: list[Token]) -> bool:
    """Two to four capitalised words that start with a known given name ("Ingrid Solberg")."""
    lexicon = cues()
    names = [w for w in words if w.lower not in lexicon.name_suffixes]
    if not 2 <= len(names) <= 4 or not all(w.cap or w.lower in ("de", "van", "von", "der", "al", "bin", "la", "le", "da") for w in names):
        return False
    if any(any(ch.isdigit() for ch in w.text) or (w.is_acronym and len(w.text) > 2) for w in names):
        return False
    first = names[0].text.split("-")[0]
    return first in wordlists().given_names or names[0].lower in lexicon.first_names


def looks_like_surname_pair(words: list[Token]) -> bool:
    """ "Tomasz Wrobel": two capitalised words whose second is a common surname and whose first is no
    common word (weaker than a known given name)."""
    if len(words) != 2 or not all(w.cap and w.text.isalpha() for w in words):
        return False
    lists = wordlists()
    return words[1].text in lists.surnames and words[0].lower not in lists.common_words


def type_by_context(text: str, words: list[Token], end: int) -> tuple[EntityType, str] | None:
    """Context around the chunk: "... said", "according to ...", "model Mythos", "its X model",
    "the carmaker Volkswagen", "Volkswagen, a carmaker", "the city of Goodyear", "San Jose-based"."""
    lexicon = cues()
    start = words[0].start
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    nxt = _NEXT_WORD_RE.match(after)
    nxt_word = nxt.group(1) if nxt else ""
    if nxt and nxt_word[:1].isdigit() and len(nxt_word) <= 4:
        nxt = _NEXT_WORD_RE.match(after, nxt.end())  # "the Zephyrine 4 model": look past the version number
        nxt_word = nxt.group(1) if nxt else ""
    if nxt_word.lower() in lexicon.product_context_heads and nxt_word[:1].islower():
        return EntityType.PRODUCT, "context:model"
    if _PRODUCT_BEFORE_RE.search(before):
        return EntityType.PRODUCT, "context:model"
    if _PLACE_NOUN_OF_RE.search(before):
        return EntityType.GPE, "context:city-of"
    if _BASED_RE.match(after):
        return EntityType.GPE, "context:based"
    noun = _noun_before(before)
    if noun in lexicon.publication_nouns:
        return EntityType.PUBLICATION, "context:noun"
    if noun in lexicon.org_nouns:
        return EntityType.ORG, "context:noun"
    appositive = _APPOSITIVE_RE.match(after)
    if appositive and text[end : end + 1] == ",":
        head = appositive.group(1).split()[-1].lower()
        if head in lexicon.org_nouns:
            return EntityType.ORG, "context:appositive"
        if head in lexicon.place_nouns:
            return EntityType.GPE, "context:appositive"
        if head in lexicon.role_nouns:
            return EntityType.PERSON, "context:appositive"
    if len(words) >= 2 and after.startswith(", who ") and all(w.cap for w in words):
        return EntityType.PERSON, "context:who"
    role_at = _ROLE_AT_RE.search(before)
    if role_at and role_at.group(1).lower() in lexicon.role_nouns:
        return EntityType.ORG, "context:role-at"
    if _ACCORDING_RE.search(before) and len(words) <= 3 and words[0].lower not in lexicon.first_names:
        return EntityType.PUBLICATION, "context:according-to"
    if len(words) >= 2 and nxt_word in SPEECH_VERBS and after[: nxt.start(1)] in (" ", ", ") and all(w.cap for w in words):
        return EntityType.PERSON, "context:said"
    return None


_NEXT_WORD_RE = re.compile(r"[ ,]*([\w'’-]+)")
_ROLE_AT_RE = re.compile(r"\b([a-z]+) (?:at|with|for) (?:the )?$")
_NOUN_BEFORE_RE = re.compile(r"\b(?:the|a|an|its|rival|fellow|their|his|her)(?: [a-z][\w-]*){0,2} ([a-z][\w-]*) $")


def _noun_before(before: str) -> str:
    match = _NOUN_BEFORE_RE.search(before)
    return match.group(1) if match else ""


def type_single_word(text: str, word: Token, end: int) -> tuple[EntityType, str] | None:
    """A lone capitalised word mid-sentence: a known first name, "Allentown, Pennsylvania", "in Phoenix"."""
    lexicon = cues()
    if word.initial or word.lower in lexicon.nonentity_caps or word.lower in lexicon.sentence_starters:
        return None
    if word.lower in lexicon.first_names:
        return EntityType.PERSON, "first-name"
    after = text[end : end + 30]
    if after.startswith(", "):
        state = _NEXT_WORD_RE.match(after)
        if state and (state.group(1) in wordlists().places or after[2:].startswith(tuple(lexicon.state_abbreviations))):
            return EntityType.GPE, "context:city-state"
    before = text[max(0, word.start - 12) : word.start]
    if _PLACE_BEFORE_RE.search(before) and not _cap_follows(text, end) and word.text in wordlists().places:
        return EntityType.GPE, "context:in"
    return None


def _cap_follows(text: str, end: int) -> bool:
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether "NSA" abbreviates "National Security Agency" (connectors may be skipped or kept)."""
    letters = acronym.replace(".", "").replace("-", "").upper()
    connectors = cues().connectors
    parts = [p for w in words for p in w.replace("-", " ").split()]
    full = "".join(w[0] for w in words if w).upper()
    content = "".join(w[0] for w in words if w and w.lower() not in connectors).upper()
    hyphenated = "".join(p[0] for p in parts if p and p.lower() not in connectors).upper()
    return letters in (full, content, hyphenated) and len(letters) >= 2
