"""Cutting a capitalised chunk into the pieces that are typed one by one: leading sentence words and
time words go, person titles, "of" and gazetteer names split it (the steps 1 to 4 of
:mod:`caseview.extract.entities`), and gazetteer names a chunk would not join are found in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from caseview.extract.chunker import Token
from caseview.extract.cues import (
    generic_title_at,
    is_facility,
    looks_like_person_name,
    strip_title_dots,
    title_at,
    type_by_form,
    type_by_heads,
    words_before,
)
from caseview.extract.findings import (
    _CORPORATE_TITLES,
    _EVENT_AFTER_RE,
    _PARTICLES,
    _PLACE_TITLES,
    _Found,
    _inside,
)
from caseview.extract.lexicon import GazetteerEntry, cues, gazetteer, wordlists
from caseview.extract.models import EntityType
from caseview.extract.wordfacts import ARTICLES as _ARTICLES


def _join_and_names(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """ "Securities and Exchange Commission", "Geopolitics and Security Studies Center": a lone common
    word, "and", then a name with an institutional head is one name (a chunk does not join across "and"
    by itself: "OpenAI and Google" are two)."""
    heads = _head_nouns()
    joined: list[list[Token]] = []
    for run in runs:
        if joined:
            left = joined[-1]
            if (
                ((len(left) == 1 and not left[0].initial) or (len(left) == 2 and left[0].lower in _ARTICLES))
                and text[left[-1].end : run[0].start] == " and "
                and run[-1].lower in heads
                and _no_name_alone(left[-1])
            ):
                connector = Token(0, left[-1].end + 1, left[-1].end + 4, "and", False, False)
                merged = [*left, connector, *run]
                joined[-1] = [
                    Token(k, t.start, t.end, t.text, t.cap, t.initial if k == 0 else False)
                    for k, t in enumerate(merged)
                ]
                continue
        joined.append(run)
    return joined


@cache
def _head_nouns() -> frozenset[str]:
    return cues().gov_heads | cues().org_heads


def _no_name_alone(word: Token) -> bool:
    facts = word.facts
    return facts.plain or (not facts.place and not facts.given and facts.gazetteer_word is None)


def _strip_leading(run: list[Token]) -> list[Token]:
    words = list(run)
    # A common word loses its capital as a name part only where the capital is positional
    # ("However Anthropic ..."); mid-sentence "Federal Government" keeps "Federal".
    while words and not words[0].cap:
        words.pop(0)
    while words and words[0].facts.article and not _gazetteer_hit(words, 0):
        words.pop(0)  # "the Treasury" → "Treasury", but "The Wall Street Journal" is the paper's name
    while (
        len(words) > 1
        and words[0].initial
        and words[0].lower.endswith(("ing", "ly", "ed"))
        and words[0].facts.plain
        and not _starts_a_known_name(words)
    ):
        words.pop(0)  # "Following NAFTA", "Keeping America": a verb or adverb opens the sentence
        words[0] = _as_initial(words[0], True)
    while (
        len(words) > 2
        and words[0].initial
        and words[0].facts.plain
        and words[1].lower == "on"
        and words[0].lower not in _of_keepers()
        and not _starts_a_known_name(words)
    ):
        # "Fishermen on Lake Corran": a common noun opening the sentence, not "Council on Foreign Relations"
        del words[:2]
        words[0] = _as_initial(words[0], True)
    if len(words) > 1 and words[0].initial and words[0].lower in cues().industry_nouns and words[1].cap:
        # "Steelmaker Stelco cut jobs": the industry noun opens the sentence; the context cue still
        # reads it before the name ("the steelmaker Stelco") and types the company.
        words.pop(0)
        words[0] = _as_initial(words[0], True)
    while words and words[0].initial and words[0].facts.starter and not _starts_a_known_name(words):
        words.pop(0)
        if words:
            words[0] = _as_initial(words[0], True)
    while words and not words[-1].cap:
        words.pop()
    return words


def _starts_a_known_name(words: list[Token]) -> bool:
    """ "New York", "NEW YORK", "White House": a name the lists know keeps its first word."""
    if _gazetteer_hit(words, 0) is not None:
        return True
    places = wordlists().places
    for size in range(min(4, len(words)), 1, -1):
        written = " ".join(w.text for w in words[:size])
        if written in places or written.title() in places:
            return True
    return False


def _as_initial(token: Token, initial: bool) -> Token:
    return Token(token.index, token.start, token.end, token.text, token.cap, initial)


def _cut_at_time_words(text: str, words: list[Token]) -> list[list[Token]]:
    """ "Geneva Friday", "Paris Monday", "December Toronto": weekdays, months and time words cut a chunk;
    a month stays as a name part only where a given name stands before it ("Theresa May")."""
    for w in words:
        if w.facts.time:
            break
    else:
        return [words] if words else []
    pieces: list[list[Token]] = []
    current: list[Token] = []
    publication_heads = cues().publication_heads
    for k, word in enumerate(words):
        is_month_name = word.facts.month and (
            (k > 0 and words[k - 1].facts.given) or _month_opens_a_name(text, words, k)
        )
        # "The Sunday Telegraph", "Sunday Times": a weekday before an outlet's head word is its name.
        in_outlet = k + 1 < len(words) and words[k + 1].lower in publication_heads
        if word.facts.time and not is_month_name and not in_outlet:
            if current:
                pieces.append(current)
            current = []
            continue
        current.append(word)
    if current:
        pieces.append(current)
    return [_trim_connectors(p) for p in pieces if _trim_connectors(p)]


#: Words before a month that make it a date ("in June", "last May", "since April"), not a given name.
_MONTH_LEADS = frozenset(
    "in on since by until till from to through during before after of last next this that early late mid "
    "every each the a around between throughout".split()
)


def _month_opens_a_name(text: str, words: list[Token], k: int) -> bool:
    """ "Council members Arturo Vega, June Okafor and Hal Simmons": a month that is also a given name,
    before a capitalised word no dictionary knows, opens a person's name unless a preposition or
    determiner makes it a date ("In June Halvern said", "last May Reuters reported")."""
    if k + 1 >= len(words):
        return False
    following = words[k + 1]
    if not following.cap or following.facts.common or following.facts.time or following.facts.digit:
        return False
    if k > 0:
        previous = words[k - 1].lower
    else:
        before = words_before(text, words[k].start)
        previous = before[-1].lower().rstrip(",") if before else ""
        if before and before[-1].endswith(","):
            return True  # "Arturo Vega, June Okafor": a list of people, not "in June"
    return previous not in _MONTH_LEADS


def _trim_connectors(words: list[Token]) -> list[Token]:
    begin, end = 0, len(words)
    while begin < end and not words[begin].cap:
        begin += 1
    while end > begin and not words[end - 1].cap:
        end -= 1
    # A segment left whole is returned as it is (no caller changes a segment), so that the answer
    # ``_heads`` remembers for it still applies.
    return words if begin == 0 and end == len(words) else words[begin:end]


class _HeadsMemo:
    """The segment ``type_by_heads`` was last asked about, and its answer. ``_split_gazetteer`` asks it
    of a segment that ``_type_by_evidence`` then asks again; holding the list keeps its identity from
    being given to another one."""

    __slots__ = ("heads", "words")

    def __init__(self) -> None:
        self.words: list[Token] | None = None
        self.heads: tuple[EntityType, str] | None = None


_HEADS_MEMO = _HeadsMemo()


def _heads(words: list[Token]) -> tuple[EntityType, str] | None:
    """``type_by_heads(words)``, remembered for the last segment asked about."""
    memo = _HEADS_MEMO
    if memo.words is words:
        return memo.heads
    heads = type_by_heads(words)
    memo.words, memo.heads = words, heads
    return heads


def _split_titles(text: str, words: list[Token], found: list[_Found]) -> list[tuple[list[Token], str | None]]:
    """Split at person titles; the title words themselves are not part of any mention. Returns the
    remaining segments with a fallback type hint ("org" for "Acme | CEO Jane Doe", "place" for
    "Goodyear | Mayor Joe Pizzillo")."""
    lexicon = cues()
    k = 0
    while k < len(words):
        if not words[k].facts.title_start:
            k += 1  # neither a listed title nor a generic one starts here
            continue
        size = title_at(words, k)
        begin, after = (k, k + size) if size else generic_title_at(words, k)
        if not size and after and words[k].facts.given and k == begin:
            begin, after = 0, 0
        while after and after + 1 < len(words) and words[after].facts.bare in lexicon.title_heads:
            after += 1  # "Detective Inspector Mark Ellison": two title words, one title
        if after and after < len(words) and words[after].cap and words[after].lower not in lexicon.connectors:
            honorific = after - begin == 1 and words[begin].lower.rstrip(".") in lexicon.honorifics_plain
            name = _name_after_title(words, after, honorific)
            if name:
                prefix = _trim_connectors(words[:begin])
                title = " ".join(strip_title_dots(w.text) for w in words[begin:after])
                end = _name_end(text, name)
                found.append(_Found(name[0].start, end, EntityType.PERSON, "title", title=title))
                _department_in_title(words[begin:after], found)
                heads = {strip_title_dots(w.text) for w in words[begin:after]}
                hint = "org" if heads & _CORPORATE_TITLES else "place" if heads & _PLACE_TITLES else None
                result: list[tuple[list[Token], str | None]] = [(prefix, hint)] if prefix else []
                rest = _trim_connectors(words[after + len(name) :])
                return result + (_split_titles(text, rest, found) if rest else [])
        k += 1
    return [(words, None)] if words else []


def _department_in_title(title: list[Token], found: list[_Found]) -> None:
    """ "Treasury Secretary Scott Bessent": the title names the department too ("Treasury")."""
    hit = _gazetteer_hit(title, 0)
    if hit is not None and hit[0] < len(title) and hit[1].type is EntityType.GOV_BODY:
        size, entry = hit
        found.append(_Found(title[0].start, title[size - 1].end, entry.type, "gazetteer", entry.name))


def _capitals(words: list[Token]) -> int:
    return sum(1 for word in words if word.cap)


def _name_after_title(words: list[Token], after: int, honorific: bool = False) -> list[Token]:
    """The person's name after a title: up to four words, stopping at a connector; empty when what
    follows is no name ("General Motors", "Justice Department")."""
    lexicon = cues()
    name: list[Token] = []
    for word in words[after:]:
        if (not word.cap and word.lower not in _PARTICLES) or word.lower == "of" or _capitals(name) == 4:
            break  # four names at most, particles not counted ("Luiz Inácio Lula da Silva")
        name.append(word)
    while name and not name[-1].cap:
        name.pop()
    if not name:
        return []
    if honorific:
        return name  # "Mrs. Gore", "Dr. Moore": after Mr/Mrs/Dr comes a name, whatever it looks like
    first = name[0]
    no_name = first.lower in lexicon.org_heads or first.lower in lexicon.gov_heads or first.facts.plain
    if no_name and not first.facts.given:
        return []
    if len(name) >= 2 and (_heads(name) is not None or name[-1].lower in lexicon.org_heads):
        return []
    if first.facts.place and len(name) == 1:
        return []
    return name


def _name_end(text: str, words: list[Token]) -> int:
    """Where a name ends: after "Jr." or "Inc." the period belongs to it."""
    end = words[-1].end
    if text[end : end + 1] == "." and words[-1].lower in cues().abbreviations and len(words) > 1:
        return end + 1
    return end


_OF_KEEPERS_CACHE: list[frozenset[str]] = []


def _of_keepers() -> frozenset[str]:
    if not _OF_KEEPERS_CACHE:
        lexicon = cues()
        _OF_KEEPERS_CACHE.append(
            lexicon.org_prefix_heads
            | lexicon.gov_prefix_heads
            | lexicon.event_prefix_heads
            | lexicon.org_heads
            | lexicon.gov_heads
            | lexicon.gpe_heads
            | lexicon.title_heads
            | frozenset(("states", "chamber", "friends", "daughters", "sons", "people", "institute", "museum"))
        )
    return _OF_KEEPERS_CACHE[0]


def _split_of(words: list[Token], hint: str | None) -> list[tuple[list[Token], str | None]]:
    """ "Marta Lindqvist of Nordea Markets" is a person and a company; "Bank of America" one name.
    What follows "<person> of" is an organisation unless other evidence types it (a place)."""
    for k, word in enumerate(words):
        if word.lower == "of" and not word.cap and 0 < k < len(words) - 1:
            if words[k - 1].lower in _of_keepers() or words[0].lower in _of_keepers():
                continue
            left = _trim_connectors(words[:k])
            right = _trim_connectors(words[k + 1 :])
            right_hint = "org" if left and looks_like_person_name(left) else None
            left_hint = hint
            if 2 <= len(left) <= 3 and all(w.cap for w in left) and _is_place(right) and _heads(left) is None:
                left_hint = "person"  # "Irine Cheptai of Kenya", "Angela Ruiz of Sacramento"
            return ([(left, left_hint)] if left else []) + (_split_of(right, right_hint) if right else [])
    return [(words, hint)]


def _is_place(words: list[Token]) -> bool:
    hit = _gazetteer_hit(words, 0)
    if hit is not None:
        return hit[0] == len(words) and hit[1].type is EntityType.GPE
    return " ".join(w.text for w in words) in wordlists().places


def _gazetteer_hit(words: list[Token], position: int) -> tuple[int, GazetteerEntry] | None:
    options = words[position].facts.gazetteer_options
    if not options:
        return None
    available = len(words) - position
    texts: list[str] | None = None
    for name, size, entry in options:
        if size > available:
            continue
        if size == 1:
            if words[position].text == name:
                return size, entry
            continue
        if texts is None:  # the words' texts, read once for all the longer names
            texts = [w.text for w in words[position:]]
        if " ".join(texts[:size]) == name:
            return size, entry
    return None


def _split_gazetteer(text: str, words: list[Token], found: list[_Found]) -> list[list[Token]]:
    """Type gazetteer names inside a segment; a hit never cuts a longer name."""
    if not words:
        return []
    if _EVENT_AFTER_RE.match(text, words[-1].end):
        return [words]  # "Semafor World Economy forum": an event named after the outlet
    whole = _gazetteer_hit(words, 0)
    if whole and whole[0] == len(words):
        entry = whole[1]
        found.append(_Found(words[0].start, words[-1].end, entry.type, "gazetteer", entry.name))
        return []
    if len(words) >= 2 and (_heads(words) is not None or type_by_form(words) is not None):
        return [words]  # "Arizona Commerce Authority", "Claude Mythos Preview": the longer name wins
    lexicon = cues()
    if words[0].facts.bare in lexicon.place_first_words and is_facility(words):
        return [words]  # "Mount Kenya National Park": the park is named after the mountain, not cut by it
    for k in range(len(words)):
        if k and words[k].facts.gazetteer_options is None:
            continue  # no gazetteer name starts with this word
        hit = whole if k == 0 else _gazetteer_hit(words, k)
        if hit is None:
            continue
        size, entry = hit
        left, right = words[:k], words[k + size :]
        if entry.type is EntityType.GPE and _place_is_part_of_name(left, right, lexicon.geo_modifiers):
            return [words]
        found.append(_Found(words[k].start, words[k + size - 1].end, entry.type, "gazetteer", entry.name))
        parts = [_trim_connectors(left), *_split_gazetteer(text, _trim_connectors(right), found)]
        return [p for p in parts if p]
    return [words]


def _place_is_part_of_name(left: list[Token], right: list[Token], modifiers: frozenset[str]) -> bool:
    """ "Eastern Ontario", "Public Health Ontario", "Chicago Event Management": a place inside a name."""
    if left and not right:
        return all(w.cap and not w.facts.acronym and not w.facts.time for w in left)
    if right and not left:
        return all(
            w.cap and not w.facts.acronym and not w.facts.nonentity_cap and not w.facts.demonym and not w.facts.place
            for w in right
            if w.cap
        ) and not (right[0].facts.given and len(right) >= 2)
    return False


def _gazetteer_phrases(text: str, skip: list[tuple[int, int]], found: list[_Found]) -> None:
    """Gazetteer names with a lower-case word a chunk would not join ("Securities and Exchange
    Commission", "Food and Drug Administration") replace the pieces found inside them."""
    pattern = _gazetteer_phrase_re()
    if pattern is None:
        return
    by_name = gazetteer().by_name
    for match in _matches_at_word_starts(pattern, text):
        start, end = match.span()
        if _inside(start, skip):
            continue
        entry = by_name[match.group()]
        if any(f.start <= start and end <= f.end and (f.end - f.start) > (end - start) and f.type for f in found):
            continue  # "Ohio Department of Education" holds "Department of Education"
        found[:] = [f for f in found if not (f.start < end and start < f.end)]
        found.append(_Found(start, end, entry.type, "gazetteer", entry.name))


@cache
def _gazetteer_phrase_re() -> re.Pattern[str] | None:
    """The names, longest first, each ending at a word's end; that one also starts at a word's start
    is checked by :func:`_matches_at_word_starts` (a pattern that opens with an alternative of
    literals lets the regular expression engine skip every position no name can start at)."""
    names = sorted(
        (n for n in gazetteer().by_name if any(w[:1].islower() for w in n.split()[1:])), key=len, reverse=True
    )
    if not names:
        return None
    return re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _matches_at_word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""``pattern.finditer(text)`` as if the pattern began with ``(?<!\w)``: a match after a word
    character is dropped and the search goes on from the next position (the lookbehind depends on
    the position alone, so the same matches come out)."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            position = start + 1
            continue
        yield match
        position = match.end() if match.end() > start else start + 1
