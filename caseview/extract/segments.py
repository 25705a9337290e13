"""Typing a segment (step 5 of :mod:`caseview.extract.entities`): head words, the name's form, a title
before it, the word lists, given names and context, or ``UNKNOWN`` when it is still a name.
"""

from __future__ import annotations

import re

from caseview.extract.chunker import Token
from caseview.extract.cues import (
    is_facility,
    looks_like_person_name,
    looks_like_surname_pair,
    lowercase_title_before,
    title_at,
    type_by_context,
    type_by_form,
    type_single_word,
)
from caseview.extract.cutting import (
    _heads,
    _name_end,
    _trim_connectors,
)
from caseview.extract.filters import is_plain_lower
from caseview.extract.findings import (
    _EVENT_SUFFIXES,
    _PARTICLES,
    _VERSION_AFTER_RE,
    _Found,
)
from caseview.extract.lexicon import cues, wordlists
from caseview.extract.models import EntityType
from caseview.extract.wordfacts import gazetteer_surnames as _gazetteer_surnames

#: Context cues strong enough to type an acronym alone ("the regulator FSA", "FSA, a start-up").
_ACRONYM_CONTEXTS = ("context:noun", "context:appositive", "context:model")


def _acronym_found(text: str, words: list[Token], start: int, end: int) -> _Found:
    """An acronym typed by a strong context cue around it, else left for its definition to type."""
    context = type_by_context(text, words, end)
    if context is not None and context[1] in _ACRONYM_CONTEXTS:
        return _Found(start, end, context[0], context[1])
    return _Found(start, end, None, "acronym")


def _named_by_next_word(start: int, end: int, after: str, single: bool) -> _Found | None:
    """A name the word after it makes a body or an event: "Trump administration" (one word only),
    "Semafor forum", "the Munich conference". ``after`` is the text right after the name."""
    if single and after.startswith(" administration"):
        return _Found(start, end + 15, EntityType.GOV_BODY, "administration")
    if after.startswith(_EVENT_SUFFIXES):
        for suffix in _EVENT_SUFFIXES:
            if after.startswith(suffix) and not after[len(suffix) : len(suffix) + 1].isalpha():
                return _Found(start, end + len(suffix), EntityType.EVENT, "event-suffix")
    return None


def _type_segment(text: str, words: list[Token], fallback: str | None, found: list[_Found]) -> None:
    """Type a segment: one capitalised word (most segments) by :func:`_type_word`, longer ones by
    :func:`_type_words`."""
    if len(words) != 1:
        words = _trim_connectors(words)
    if len(words) == 1:
        if words[0].cap:
            _type_word(text, words[0], fallback, found)
    elif words:
        _type_words(text, words, fallback, found)


def _type_words(text: str, words: list[Token], fallback: str | None, found: list[_Found]) -> None:
    """The general typing of a segment, for any number of words (:func:`_type_segment` gives it
    those of two words or more)."""
    lexicon = cues()
    words = _trim_connectors(words)
    if not words:
        return
    start = words[0].start
    end = _name_end(text, words)
    single = len(words) == 1
    first = words[0]
    if _is_dateline(text, words, end):
        found.append(_Found(start, end, EntityType.GPE, "dateline"))
        return
    if single and first.is_acronym and "-" not in first.text and not any(ch.isdigit() for ch in first.text):
        if first.lower not in lexicon.nonentity_caps:
            found.append(_acronym_found(text, words, start, end))
        return
    title_size = title_at(words, 0)
    if title_size == len(words):
        return  # a title alone ("the President", "Chief of Staff") names no one in particular
    if words[-1].facts.nonentity_head:
        return  # laws, codes and programmes ("Recovery Act", "Tax Code") are not entities of our types
    if len(words) >= 3 and title_size and words[title_size].lower == "of":
        return  # an office ("Secretary of Health and Human Services"), not a person
    abbreviation = text[start : first.end + 1]
    if single and abbreviation in lexicon.state_abbreviations:
        found.append(_Found(start, first.end + 1, EntityType.GPE, "state-abbreviation"))
        return
    named_by_next = _named_by_next_word(start, end, text[end : end + 16], single)
    if named_by_next is not None:
        found.append(named_by_next)
        return
    if len(words) >= 4 and words[-2].text != "&" and words[-1].facts.product_code and any(w.text == "&" for w in words):
        # "Pratt & Whitney PW127 engines": the maker and its model, two names.
        _type_segment(text, words[:-1], fallback, found)
        found.append(_Found(words[-1].start, words[-1].end, EntityType.PRODUCT, "product-code"))
        return
    typed = _type_by_evidence(text, words, end)
    if typed is not None:
        entity_type, cue, title = typed
        entry = _gazetteer_surnames().get(first.text) if cue == "gazetteer-surname" else None
        found.append(_Found(start, end, entity_type, cue, entry.name if entry else None, title=title))
        return
    if fallback == "org" and not any(w.facts.demonym for w in words):
        found.append(_Found(start, end, EntityType.ORG, "title-org"))
        return
    if fallback == "place" and single:
        found.append(_Found(start, end, EntityType.GPE, "title-place"))
        return
    if fallback == "person" and not any(w.facts.plain for w in words):
        found.append(_Found(start, end, EntityType.PERSON, "context:of-place"))
        return
    plain = (
        all(w.facts.plain or not w.cap for w in words)
        or words[-1].facts.run_together
        or (single and (first.initial or "'" in first.text or "’" in first.text) and _is_plain_initial(text, first))
    )
    # A sentence's first word with no evidence at all is only a candidate: the corpus may name it.
    found.append(_Found(start, end, None, "chunk", plain=plain, candidate=single and first.initial and not plain))


def _type_word(text: str, word: Token, fallback: str | None, found: list[_Found]) -> None:
    """:func:`_type_segment` for a segment of one capitalised word (most segments), reading the word's
    facts instead of asking the lists: the same steps in the same order, without those that need two
    words or more. ``tests/extract/test_entity_fast_paths.py`` holds the two equal."""
    facts = word.facts
    start = word.start
    end = word.end
    words = [word]
    if text[end : end + 2] in _DATELINE_ENDS and _is_dateline(text, words, end):
        found.append(_Found(start, end, EntityType.GPE, "dateline"))
        return
    written = word.text
    if facts.acronym and "-" not in written and not any(ch.isdigit() for ch in written):
        if not facts.nonentity_cap:
            found.append(_acronym_found(text, words, start, end))
        return
    if facts.title_alone or facts.nonentity_head:
        return  # a title alone names no one in particular; "Act", "Code" end names of laws
    # The abbreviations are written with their period ("Calif."): a word not followed by one is none.
    if text[end : end + 1] == "." and text[start : end + 1] in cues().state_abbreviations:
        found.append(_Found(start, end + 1, EntityType.GPE, "state-abbreviation"))
        return
    if text[end : end + 1] == " ":
        named_by_next = _named_by_next_word(start, end, text[end : end + 16], True)
        if named_by_next is not None:
            found.append(named_by_next)
            return
    typed = _type_word_by_evidence(text, word, end)
    if typed is not None:
        entity_type, cue, title = typed
        entry = facts.gazetteer_surname if cue == "gazetteer-surname" else None
        found.append(_Found(start, end, entity_type, cue, entry.name if entry else None, title=title))
        return
    if fallback == "org" and not facts.demonym:  # "Brazilian President ...": a nationality, no company
        found.append(_Found(start, end, EntityType.ORG, "title-org"))
        return
    if fallback == "place":
        found.append(_Found(start, end, EntityType.GPE, "title-place"))
        return
    if fallback == "person" and not facts.plain:
        found.append(_Found(start, end, EntityType.PERSON, "context:of-place"))
        return
    plain = (
        facts.plain
        or facts.run_together
        or ((word.initial or "'" in written or "’" in written) and _is_plain_initial(text, word))
    )
    # A sentence's first word with no evidence at all is only a candidate: the corpus may name it.
    found.append(_Found(start, end, None, "chunk", plain=plain, candidate=word.initial and not plain))


#: What follows a dateline's place ("FRANKFURT, March 4", "SAN FRANCISCO (Reuters) —").
_DATELINE_ENDS = frozenset((", ", " —", " -", " (", " –"))


def _type_word_by_evidence(text: str, word: Token, end: int) -> tuple[EntityType, str, str | None] | None:
    """:func:`_type_by_evidence` for one word: the same cues in the same order, but those that need
    two words or more (heads, person names, names with a place, surname pairs)."""
    facts = word.facts
    if text[end : end + 1] == " ":
        next_word = text[end + 1 : end + 12].split(" ", 1)[0].rstrip(",.;:")
        if next_word in cues().facility_heads:
            return EntityType.UNKNOWN, "facility", None  # "the A-3 motorway", "Grant Park"
    words = [word]
    # A word of letters alone has no form of its own (no ampersand, no product code).
    form = None if word.text.isalpha() else type_by_form(words)
    if form is not None:
        return form[0], form[1], None
    # The version pattern opens with a space and a digit: a word followed by none is not asked.
    if not facts.plain and text[end + 1 : end + 2].isdigit() and _VERSION_AFTER_RE.match(text, end):
        return EntityType.PRODUCT, "version-number", None
    start = word.start
    if start and text[start - 1] == " " and not (facts.plain or facts.place) and not facts.demonym:
        title = lowercase_title_before(text, word)
        if title is not None:
            return EntityType.PERSON, "title", title
    if facts.gazetteer_surname is not None and not word.initial:
        return EntityType.PERSON, "gazetteer-surname", None
    if (
        (facts.place or facts.place_in_capitals)
        and not (facts.acronym and (not word.text.isupper() or len(word.text) <= 3))
        and not facts.plain
        # "Airport operator Fraport ...": a sentence's first word the document also writes in lower
        # case ("at Frankfurt airport") is that word, not the town of the same name.
        and not (word.initial and _written_in_lower_case(text, facts.lower))
    ):
        if _org_noun_before(text, start):
            return EntityType.ORG, "context:noun", None  # "Ligue 1 side Lens", "the club Barcelona"
        return EntityType.GPE, "place-list", None
    context = type_by_context(text, words, end)
    if context is not None:
        return context[0], context[1], None
    typed = type_single_word(text, word, end)
    if typed is not None:
        return typed[0], typed[1], None
    if not word.initial and facts.given and not facts.plain and not facts.place:
        return EntityType.PERSON, "first-name", None
    return None


def _type_by_evidence(text: str, words: list[Token], end: int) -> tuple[EntityType, str, str | None] | None:
    lexicon = cues()
    lists = wordlists()
    single = len(words) == 1
    written = text[words[0].start : words[-1].end]
    # Head words, facilities, person names, names with a place and surname pairs all need two words
    # or more: a one-word segment (most segments) does not ask them.
    heads = None if single else _heads(words)
    if heads is not None:
        return heads[0], heads[1], None
    next_word = text[end + 1 : end + 12].split(" ", 1)[0].rstrip(",.;:") if text[end : end + 1] == " " else ""
    if next_word in lexicon.facility_heads:
        return EntityType.UNKNOWN, "facility", None  # "the A-3 motorway", "Grant Park"
    form = type_by_form(words)
    if form is not None:
        return form[0], form[1], None
    if not single and is_facility(words):
        override = _overriding_context(text, words, end)
        if override is not None:
            return override  # "said Tim Bridge, a director in the firm's ...": a person, not a bridge
        return EntityType.UNKNOWN, "facility", None
    if _VERSION_AFTER_RE.match(text, end) and not all(w.facts.plain for w in words):
        return EntityType.PRODUCT, "version-number", None
    # ``lowercase_title_before`` finds no title unless a space stands before the segment.
    start = words[0].start
    title = lowercase_title_before(text, words[0]) if start and text[start - 1] == " " else None
    if (
        title is not None
        and all(w.cap or w.lower in _PARTICLES for w in words)
        and len(words) <= 4
        and not (single and (words[0].facts.plain or written in lists.places))
        and not any(w.facts.demonym for w in words)
    ):
        return EntityType.PERSON, "title", title
    if single and words[0].text in _gazetteer_surnames() and not words[0].initial:
        return EntityType.PERSON, "gazetteer-surname", None
    if (written in lists.places or (written.isupper() and written.title() in lists.places)) and not (
        any(w.facts.acronym for w in words if not w.text.isupper() or len(w.text) <= 3)
        or (single and words[0].facts.plain)
        or (single and words[0].initial and _written_in_lower_case(text, words[0].lower))
    ):
        if _org_noun_before(text, start):
            return EntityType.ORG, "context:noun", None
        return EntityType.GPE, "place-list", None
    if (
        not single
        and looks_like_person_name(words)
        # A month left in a chunk is a given name: the time-word cut kept it ("June Okafor", "Theresa May").
        and not any(w.facts.demonym or (w.facts.nonentity_cap and not w.facts.month) for w in words)
    ):
        return EntityType.PERSON, "first-name", None
    with_place = None if single else _name_with_place(words)
    if with_place is not None:
        override = _overriding_context(text, words, end)
        if override is not None:
            return override  # "said Priya Raman, an analyst", "The Halden Courier reported": not a town's body
        return with_place[0], with_place[1], None
    context = type_by_context(text, words, end)
    if context is not None:
        return context[0], context[1], None
    if not single and looks_like_surname_pair(words):
        return EntityType.PERSON, "surname-list", None
    if single:
        typed = type_single_word(text, words[0], end)
        if typed is not None:
            return typed[0], typed[1], None
        word = words[0]
        if (
            not word.initial
            and word.text in lists.given_names
            and not is_plain_lower(word.lower)
            and word.text not in lists.places
        ):
            return EntityType.PERSON, "first-name", None
    return None


def _org_noun_before(text: str, start: int) -> bool:
    """Whether the word right before ``start`` is an organisation noun ("side", "club", "carmaker"):
    a listed place's name after it names a club or a company."""
    if start < 2 or text[start - 1] != " ":
        return False
    begin = text.rfind(" ", max(0, start - 24), start - 1) + 1
    return text[begin : start - 1] in cues().org_nouns


#: The context cues that say what a name is whatever its own words suggest: a person's (not the verb
#: of speech: companies speak too) and an outlet's.
_OVERRIDING_CONTEXTS = frozenset(
    ("context:appositive", "context:who", "context:age", "context:role-after", "context:reported")
)


def _overriding_context(text: str, words: list[Token], end: int) -> tuple[EntityType, str, str | None] | None:
    """A person's or an outlet's context cue around a name of several words, if there is one: "said
    Priya Raman, an analyst", "The Halden Courier reported on Monday that ..."."""
    if text[end : end + 2] != ", " and text[end : end + 9] != " reported":
        return None  # every such cue reads a comma or the verb after the name
    context = type_by_context(text, words, end)
    if context is None or context[1] not in _OVERRIDING_CONTEXTS:
        return None
    if context[0] is not EntityType.PERSON and context[1] != "context:reported":
        return None  # an appositive's organisation or place does not outweigh the name's own words
    return context[0], context[1], None


def _name_with_place(words: list[Token]) -> tuple[EntityType, str] | None:
    """ "Eastern Ontario" is a place; "Public Health Ontario" a public body; "Chicago Event Management"
    a company: a place list name at one end of a longer name."""
    if len(words) < 2:
        return None
    lexicon = cues()
    places = wordlists().places
    for size in range(min(3, len(words) - 1), 0, -1):
        tail = " ".join(w.text for w in words[-size:])
        head = " ".join(w.text for w in words[:size])
        rest: list[Token] = []
        if tail in places:
            rest, place_at_end = words[:-size], True
        elif head in places:
            rest, place_at_end = words[size:], False
        else:
            continue
        capitalised = [w for w in rest if w.cap]
        if not capitalised or any(
            w.is_acronym or w.lower in lexicon.demonyms or w.lower in lexicon.nonentity_caps for w in capitalised
        ):
            return None
        if place_at_end and all(w.lower in lexicon.geo_modifiers for w in capitalised):
            return EntityType.GPE, "place-with-modifier"
        if any(w.lower in lexicon.gov_name_words for w in capitalised):
            return EntityType.GOV_BODY, "name-with-place"
        return EntityType.ORG, "name-with-place"
    return None


def _is_plain_initial(text: str, word: Token) -> bool:
    """A sentence's first word that is no name: a plain or role word, a contraction ("We'll"), or a
    word the same document also writes in lower case ("Measles ..." / "... measles cases")."""
    lexicon = cues()
    lower = word.lower
    if is_plain_lower(word.lower) or lower in lexicon.role_nouns or lower.rstrip("s") in lexicon.role_nouns:
        return True
    if re.search(r"['’](?:ll|re|ve|d|m|t)$", lower):
        return True
    return _written_in_lower_case(text, lower)


_LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z][a-z'’-]*")
_LOWER_WORD_FULL_RE = re.compile(r"[a-z][a-z'’-]*")
_LOWER_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")
_LOWER_WORDS: list[tuple[str, frozenset[str]]] = []


def _written_in_lower_case(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` as a whole lower-case word (one of ``_LOWER_WORD_RE``'s words).
    Found by looking for the word itself: a sentence's first words are asked about a few times per
    document, and reading all its lower-case words for that took longer than the asking."""
    if _LOWER_WORD_FULL_RE.fullmatch(word) is None:
        return False
    size = len(word)
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at else ""
        if before in ("'", "’"):
            return word in _lowercase_words(text)  # "rock'n'roll": where a word starts needs the words before
        if not before or not (before.isalnum() or before in "_-"):
            after = text[at + size : at + size + 1]
            if not after or after not in _LOWER_WORD_CHARS:
                return True
        at = text.find(word, at + 1)
    return False


def _lowercase_words(text: str) -> frozenset[str]:
    """The words the document writes in lower case (computed once per document)."""
    if _LOWER_WORDS and _LOWER_WORDS[0][0] is text:
        return _LOWER_WORDS[0][1]
    words = frozenset(_LOWER_WORD_RE.findall(text))
    _LOWER_WORDS[:] = [(text, words)]
    return words


def _is_dateline(text: str, words: list[Token], end: int) -> bool:
    """ "FRANKFURT, March 4 —", "SAN FRANCISCO (Reuters) —": capitals at the start of a line."""
    # The checks are pure: the cheapest (what follows the chunk) goes first.
    if text[end : end + 2] not in (", ", " —", " -", " (", " –"):
        return False
    if not all(w.text.isupper() and len(w.text) > 1 for w in words if w.cap):
        return False
    line_start = text.rfind("\n", 0, words[0].start) + 1
    return not text[line_start : words[0].start].strip(" *_")
