"""Entity mentions in one document, found by rules: chunks, titles, heads, word lists, gazetteer, context.

Each capitalised chunk (see :mod:`caseview.extract.chunker`) is cut and typed in this order:
1. leading sentence starters go, and time words cut it ("Geneva Friday" → "Geneva");
2. person titles split it ("Treasury Secretary | Scott Bessent", "Goodyear Mayor | Joe Pizzillo"),
   from the title list or a generic title of office ("Police Chief", "Committee Chair");
3. "of" splits it unless an institutional head stands before it ("Marta Lindqvist | Nordea Markets",
   but "Bank of America", "Public Health Agency of Canada");
4. gazetteer names inside it are typed, but a gazetteer hit never cuts a longer name
   ("Arizona Commerce Authority", "Chicago Fire Department" stay whole);
5. what is left is typed by evidence — head words, the name's form (``&``, product codes, versions),
   a title before it, the place list, given names, context ("the carmaker X", "X, a start-up",
   "according to X") — or kept as ``UNKNOWN`` when no cue types it but it is still a name;
6. acronyms defined in the text ("National Security Agency (NSA)") type their later uses;
7. within the document, an untyped or weakly typed chunk that repeats a typed name, a person's
   surname or the start of an organisation's name takes that type.
Publisher boilerplate lines are skipped; chunks of call-to-action lines and title-case headlines are
only candidates (they become mentions when the corpus names them elsewhere).

Everything here works on plain tuples and small slotted records; pydantic models are built once, at
the end (:func:`_finish`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from caseview.extract.chunker import Token, capitalised_runs, starts_sentence
from caseview.extract.construct import new_candidate, new_mention
from caseview.extract.cues import (
    acronym_matches,
    generic_title_at,
    is_facility,
    looks_like_person_name,
    looks_like_surname_pair,
    lowercase_title_before,
    strip_title_dots,
    title_at,
    type_by_context,
    type_by_form,
    type_by_heads,
    type_single_word,
)
from caseview.extract.filters import is_plain_lower, weak_line_spans
from caseview.extract.lexicon import TOKEN_RE, GazetteerEntry, cues, gazetteer, wordlists
from caseview.extract.models import Candidate, EntityType, Mention
from caseview.extract.sentences import boilerplate_spans
from caseview.extract.wordfacts import ARTICLES as _ARTICLES
from caseview.extract.wordfacts import gazetteer_surnames as _gazetteer_surnames

_ACRONYM_DEF_RE = re.compile(r" ?\((?P<acr>[A-Z][A-Za-z.&-]{1,8})\)")
_VERSION_RE = re.compile(r"\d{1,2}(?:\.\d{1,2})?")
_EVENT_AFTER_RE = re.compile(r" (?:forum|summit|conference|hearing)(?![\w-])")
#: "Mythos 5 now", "Claude 3.5 is": a small version number after a name (not "5 percent", "9 million").
_VERSION_AFTER_RE = re.compile(
    r" \d{1,2}(?:\.\d{1,2})?(?![\d%:/-]|[.,]\d| ?(?:percent|per|million|billion|thousand|years?|days?|weeks?"
    r"|months?|hours?|minutes?|people|points?|times|seconds?|miles|km|kilometres|kilometers|metres|meters|votes"
    r"|seats|cases)\b)"
)
_EVENT_SUFFIXES = (" forum", " summit", " conference", " hearing")
_PARTICLES = frozenset(("de", "du", "von", "van", "der", "den", "al", "bin", "la", "le", "del", "da", "dos"))
_CORPORATE_TITLES = frozenset(
    "ceo cfo cto coo founder co-founder cofounder chairman chairwoman chair spokesman spokeswoman spokesperson "
    "president executive director manager owner".split()
)
_PLACE_TITLES = frozenset(
    "mayor governor senator premier sheriff councillor councilman councilwoman commissioner representative".split()
)
#: Cues too weak to stand against a person's surname in the same document ("Moore" is also a town).
_WEAK_CUES = frozenset(("place-list", "context:in", "first-name", "surname-list"))


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: EntityType | None
    cue: str
    gazetteer: str | None = None
    expands_to: str | None = None
    title: str | None = None
    #: A plain word ("Commission", "Analysts"): kept only if the document resolves it to a name.
    plain: bool = False
    #: From a headline or a call-to-action line: a candidate only.
    candidate: bool = False


def find_mentions(text: str) -> tuple[list[Mention], list[Candidate]]:
    """Typed mentions (``UNKNOWN`` where no cue types a name) and candidates of ``text``, in document
    order, never overlapping."""
    skip = boilerplate_spans(text)
    weak = weak_line_spans(text)
    found: list[_Found] = []
    for run in _join_and_names(text, capitalised_runs(text, skip)):
        start = len(found)
        _analyse_run(text, run, found)
        if weak and _inside(run[0].start, weak):
            for item in found[start:]:
                if item.cue != "gazetteer":
                    item.candidate = True
    _gazetteer_phrases(text, skip, found)
    _acronyms(text, found)
    _extend_versions(text, found)
    return _finish(text, found)


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


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


# --- cutting a chunk ---------------------------------------------------------------------------


def _analyse_run(text: str, run: list[Token], found: list[_Found]) -> None:
    if len(run) == 1:
        first = run[0]
        if first.initial and first.facts.starter and not first.text.isupper():
            return  # "The", "He", "However": most runs, and never a name (but "US" is not "us")
        if first.cap:
            _analyse_word(text, run, found)
            return
        _analyse_words(text, run, found)
    else:
        _analyse_words(text, run, found)


def _analyse_word(text: str, run: list[Token], found: list[_Found]) -> None:
    """:func:`_analyse_words` for a chunk of one capitalised word (two chunks in three), without the
    steps that cannot cut one word: no title splits it ("Secretary" alone is followed by no name),
    no "of" stands in it, and a gazetteer hit on it is the whole of it.
    ``tests/extract/test_entity_fast_paths.py`` holds the two equal on every one-word chunk."""
    word = run[0]
    facts = word.facts
    entry = facts.gazetteer_word
    if facts.article and not entry:
        return
    if word.initial and facts.starter and entry is None:
        return
    if facts.time:
        return
    if entry is not None and not _EVENT_AFTER_RE.match(text, word.end):
        found.append(_Found(word.start, word.end, entry.type, "gazetteer", entry.name))
        return
    _type_word(text, word, None, found)


def _analyse_words(text: str, run: list[Token], found: list[_Found]) -> None:
    """Cut a chunk (leading words, time words, titles, "of", gazetteer names) and type each piece."""
    words = _strip_leading(run)
    for word in words:
        if word.facts.cuts:
            break
    else:
        # No time word, no title and no "of": neither of the first three steps cuts the chunk.
        for leftover in _split_gazetteer(text, words, found) if words else ():
            _type_segment(text, leftover, None, found)
        return
    for piece in _cut_at_time_words(text, words):
        for segment, fallback in _split_titles(text, piece, found):
            for part, hint in _split_of(segment, fallback):
                for leftover in _split_gazetteer(text, part, found):
                    _type_segment(text, leftover, hint, found)


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
    for k, word in enumerate(words):
        is_month_name = word.facts.month and k > 0 and words[k - 1].facts.given
        if word.facts.time and not is_month_name:
            if current:
                pieces.append(current)
            current = []
            continue
        current.append(word)
    if current:
        pieces.append(current)
    return [_trim_connectors(p) for p in pieces if _trim_connectors(p)]


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


def _name_after_title(words: list[Token], after: int, honorific: bool = False) -> list[Token]:
    """The person's name after a title: up to four words, stopping at a connector; empty when what
    follows is no name ("General Motors", "Justice Department")."""
    lexicon = cues()
    name: list[Token] = []
    for word in words[after:]:
        if (not word.cap and word.lower not in _PARTICLES) or word.lower == "of" or len(name) == 4:
            break
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


# --- typing a segment --------------------------------------------------------------------------


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
            context = type_by_context(text, words, end)
            if context is not None and context[1] in ("context:noun", "context:appositive", "context:model"):
                found.append(_Found(start, end, context[0], context[1]))
            else:
                found.append(_Found(start, end, None, "acronym"))
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
    after = text[end : end + 16]
    if single and after.startswith(" administration"):
        found.append(_Found(start, end + 15, EntityType.GOV_BODY, "administration"))
        return
    for suffix in _EVENT_SUFFIXES if after.startswith(_EVENT_SUFFIXES) else ():
        if after.startswith(suffix) and not after[len(suffix) : len(suffix) + 1].isalpha():
            found.append(_Found(start, end + len(suffix), EntityType.EVENT, "event-suffix"))
            return
    typed = _type_by_evidence(text, words, end)
    if typed is not None:
        entity_type, cue, title = typed
        entry = _gazetteer_surnames().get(first.text) if cue == "gazetteer-surname" else None
        found.append(_Found(start, end, entity_type, cue, entry.name if entry else None, title=title))
        return
    if fallback == "org":
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
            context = type_by_context(text, words, end)
            if context is not None and context[1] in ("context:noun", "context:appositive", "context:model"):
                found.append(_Found(start, end, context[0], context[1]))
            else:
                found.append(_Found(start, end, None, "acronym"))
        return
    if facts.title_alone or facts.nonentity_head:
        return  # a title alone names no one in particular; "Act", "Code" end names of laws
    # The abbreviations are written with their period ("Calif."): a word not followed by one is none.
    if text[end : end + 1] == "." and text[start : end + 1] in cues().state_abbreviations:
        found.append(_Found(start, end + 1, EntityType.GPE, "state-abbreviation"))
        return
    after = text[end : end + 16]
    if after[:1] == " ":
        if after.startswith(" administration"):
            found.append(_Found(start, end + 15, EntityType.GOV_BODY, "administration"))
            return
        for suffix in _EVENT_SUFFIXES if after.startswith(_EVENT_SUFFIXES) else ():
            if after.startswith(suffix) and not after[len(suffix) : len(suffix) + 1].isalpha():
                found.append(_Found(start, end + len(suffix), EntityType.EVENT, "event-suffix"))
                return
    typed = _type_word_by_evidence(text, word, end)
    if typed is not None:
        entity_type, cue, title = typed
        entry = facts.gazetteer_surname if cue == "gazetteer-surname" else None
        found.append(_Found(start, end, entity_type, cue, entry.name if entry else None, title=title))
        return
    if fallback == "org":
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
    if not facts.plain and _VERSION_AFTER_RE.match(text, end):
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
    ):
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
    ):
        return EntityType.GPE, "place-list", None
    if (
        not single
        and looks_like_person_name(words)
        and not any(w.facts.demonym or w.facts.nonentity_cap for w in words)
    ):
        return EntityType.PERSON, "first-name", None
    with_place = None if single else _name_with_place(words)
    if with_place is not None:
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
            rest = words[:-size]
        elif head in places:
            rest = words[size:]
        else:
            continue
        capitalised = [w for w in rest if w.cap]
        if not capitalised or any(
            w.is_acronym or w.lower in lexicon.demonyms or w.lower in lexicon.nonentity_caps for w in capitalised
        ):
            return None
        if rest is words[:-size] and all(w.lower in lexicon.geo_modifiers for w in capitalised):
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


# --- acronyms and versions ---------------------------------------------------------------------


def _acronyms(text: str, found: list[_Found]) -> None:
    """ "Long Form (LF)": the acronym inherits the long form's type (ORG when the form had none);
    later uses of a defined acronym take it too; a gazetteer acronym is typed by its entry."""
    definitions: dict[str, _Found] = {}
    by_span = {(f.start, f.end): f for f in found}
    for item in list(found):
        if item.cue == "acronym" or item.plain:
            continue
        match = _ACRONYM_DEF_RE.match(text, item.end)
        if not match:
            continue
        acronym = match["acr"]
        long_form = text[item.start : item.end]
        if not acronym_matches(acronym, long_form.split()):
            continue
        if item.type is None or item.type is EntityType.UNKNOWN:
            item.type, item.cue = EntityType.ORG, "acronym-definition"
        definitions[acronym] = item
        span = (match.start("acr"), match.end("acr"))
        defined = by_span.get(span)
        if defined is None:
            defined = _Found(span[0], span[1], None, "acronym")
            found.append(defined)
        defined.type, defined.cue, defined.gazetteer, defined.expands_to = (
            item.type,
            "acronym-definition",
            item.gazetteer,
            long_form,
        )
    for item in found:
        if item.cue != "acronym" or item.type is not None:
            continue
        definition = definitions.get(text[item.start : item.end])
        if definition is not None:
            item.type, item.gazetteer = definition.type, definition.gazetteer
            item.expands_to = text[definition.start : definition.end]


def _extend_versions(text: str, found: list[_Found]) -> None:
    """ "Mythos 5", "Claude 3.5": a product name takes the version number that follows it."""
    for item in found:
        if item.type is not EntityType.PRODUCT or text[item.end : item.end + 1] != " ":
            continue
        match = _VERSION_RE.match(text, item.end + 1)
        if match is None or text[match.end() : match.end() + 1].isalnum():
            continue
        if not text[match.end() : match.end() + 2].startswith(("%", " p")):
            item.end = match.end()


# --- the document as a whole -------------------------------------------------------------------


def _finish(text: str, found: list[_Found]) -> tuple[list[Mention], list[Candidate]]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            if kept[-1].type is None and item.type is not None:
                kept[-1] = item
            continue
        kept.append(item)
    _propagate_within_document(text, kept)
    _propagate_along_lists(text, kept)
    _names_inside_headlines(text, kept)
    mentions: list[Mention] = []
    candidates: list[Candidate] = []
    for f in kept:
        written = text[f.start : f.end]
        if f.candidate:
            if not f.plain or f.type is not None:
                candidates.append(new_candidate(f.start, f.end, written, f.cue))
            continue
        if f.type is None and f.plain:
            continue
        # Every field is built here from checked values; validation would only cost time.
        mentions.append(
            new_mention(
                f.start, f.end, written, f.type or EntityType.UNKNOWN, f.cue, f.gazetteer, f.expands_to, f.title
            )
        )
    return mentions, candidates


_NAMES_WITH_PARTS = frozenset((EntityType.PERSON, EntityType.ORG, EntityType.GOV_BODY, EntityType.PUBLICATION))


def _propagate_within_document(text: str, items: list[_Found]) -> None:
    """Untyped chunks, plain words and weakly typed words take the type of what the document names
    more clearly: the same name typed elsewhere, a person's surname ("Moore" after "Kieran Moore"),
    the start of an organisation's name ("Baltic Rail" after "Baltic Rail Logistics")."""
    by_text: dict[str, _Found] = {}
    surnames: dict[str, list[_Found]] = {}
    long_names: dict[tuple[str, ...], list[_Found]] = {}
    for item in items:
        entity_type = item.type
        if entity_type is None or entity_type is EntityType.UNKNOWN or item.candidate:
            continue
        written = text[item.start : item.end]
        if item.cue not in _WEAK_CUES:
            by_text.setdefault(written, item)
        if entity_type not in _NAMES_WITH_PARTS:
            continue  # places, events, products: neither surnames nor short forms come from them
        parts = written.split()
        if entity_type is EntityType.PERSON and len(parts) >= 2:
            last = parts[-1].rstrip(".")
            if last.lower() in cues().name_suffixes and len(parts) >= 3:
                last = parts[-2]
            surnames.setdefault(last, []).append(item)
        elif entity_type in (EntityType.ORG, EntityType.GOV_BODY, EntityType.PUBLICATION) and len(parts) >= 2:
            for k in range(1, len(parts)):
                long_names.setdefault(tuple(parts[:k]), []).append(item)
            if item.type in (EntityType.ORG, EntityType.GOV_BODY):
                long_names.setdefault(("$", *parts[-1:]), []).append(item)
    for item in items:
        weak = item.cue in _WEAK_CUES
        if item.type is not None and item.type is not EntityType.UNKNOWN and not weak:
            continue
        written = text[item.start : item.end]
        owners = surnames.get(written, [])
        full_names = {text[o.start : o.end] for o in owners} if owners else ()
        if len(full_names) == 1 and written != next(iter(full_names)):
            owner = owners[0]
            item.type, item.cue, item.expands_to = EntityType.PERSON, "surname", text[owner.start : owner.end]
            item.plain = item.candidate = False
            continue
        if weak and item.cue != "place-list":
            continue
        if written in by_text and not weak:
            source = by_text[written]
            item.type, item.cue, item.gazetteer = source.type, "propagated", source.gazetteer
            item.plain = item.candidate = False
            continue
        written_parts = tuple(written.split())
        longer = [] if item.plain else long_names.get(written_parts, [])
        if not longer and len(written_parts) == 1 and written_parts[0].lower() in _head_nouns():
            longer = long_names.get(("$", *written_parts), [])
        names = {text[o.start : o.end] for o in longer} if longer else ()
        if len(names) == 1:
            owner = longer[0]
            item.type, item.cue, item.gazetteer = owner.type, "short-form", owner.gazetteer
            item.expands_to = text[owner.start : owner.end]
            item.plain = item.candidate = False


def _names_inside_headlines(text: str, items: list[_Found]) -> None:
    """ "**Mythos Security Concerns: ...**": a headline chunk that starts with a name the document
    names elsewhere yields that name (the rest of the chunk stays a candidate)."""
    for f in items:
        if f.candidate and f.type is None:
            break
    else:
        return  # no untyped candidate: nothing to look for (most documents)
    typed = {
        text[f.start : f.end]: f
        for f in items
        if f.type is not None and f.type is not EntityType.UNKNOWN and not f.candidate
    }
    if not typed:
        return
    for item in items:
        if not item.candidate or item.type is not None:
            continue
        written = text[item.start : item.end]
        words = written.split(" ")
        for size in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:size])
            source = typed.get(prefix)
            if source is not None:
                item.end = item.start + len(prefix)
                item.type, item.cue, item.gazetteer, item.candidate = source.type, "propagated", source.gazetteer, False
                break


_LIST_GLUE = frozenset((" and ", ", ", ", and ", " or "))
_LIST_CUES = frozenset(("context:city-of", "place-list", "gazetteer", "context:in", "dateline"))


def _propagate_along_lists(text: str, items: list[_Found]) -> None:
    """ "the towns of Buñol and Chiva", "Ireland, India and Brazil": an untyped single name listed
    right after a place takes the place's type."""
    for previous, item in itertools.pairwise(items):
        if (
            item.type is None
            and not item.plain
            and previous.type is EntityType.GPE
            and previous.cue in _LIST_CUES
            and text[previous.end : item.start] in _LIST_GLUE
            and " " not in text[item.start : item.end]
        ):
            item.type, item.cue, item.candidate = EntityType.GPE, "list-of-places", False


def type_span(text: str, start: int, end: int) -> tuple[EntityType, str] | None:
    """The rules' type for a span another backend found (spaCy), from the same evidence the rules use
    for their own chunks; None when the rules have no evidence for it, and ``(UNKNOWN, "plain")`` when
    their filters say it is no name at all (a common word, a demonym, a month)."""
    words = [
        Token(k, start + m.start(), start + m.end(), m.group(), m.group()[:1].isupper(), False)
        for k, m in enumerate(TOKEN_RE.finditer(text[start:end]))
    ]
    if not words:
        return None
    words[0] = _as_initial(words[0], starts_sentence(text, words[0].start))
    whole = _gazetteer_hit(words, 0)
    if whole is None and all(is_plain_lower(w.lower) or not w.cap for w in words):
        return EntityType.UNKNOWN, "plain"  # "AI", "Federal": the rules' filters hold for the model's spans too
    if whole and whole[0] == len(words):
        return whole[1].type, "gazetteer"
    if len(words) == 1 and words[0].is_acronym:
        context = type_by_context(text, words, end)
        return context if context and context[1] in ("context:noun", "context:appositive") else None
    typed = _type_by_evidence(text, words, end)
    if typed is None or typed[0] is EntityType.UNKNOWN:
        return None
    return typed[0], typed[1]


def person_name_tokens(name: str) -> list[str]:
    """The words of a person's name without initials ("Donald J. Trump" → Donald, Trump)."""
    return [w for w in name.replace(".", ". ").split() if not (len(w.rstrip(".")) == 1 and w.endswith("."))]


__all__ = ["find_mentions", "person_name_tokens", "type_span"]
