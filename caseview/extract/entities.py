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
7. within the document, a name only weak cues typed is retyped by the evidence around all its
   mentions ("X's shares", "X said it …", "X, which operates …": an organisation; "its plant in X.":
   a place; :mod:`caseview.extract.evidence`), and then an untyped or weakly typed chunk that repeats
   a typed name, a person's surname or the start of an organisation's name takes that type.
Publisher boilerplate lines are skipped, but for the authors a byline names
(:mod:`caseview.corpus.bylines`); chunks of call-to-action lines and title-case headlines are
only candidates (they become mentions when the corpus names them elsewhere).

This module runs the steps; they live in :mod:`~caseview.extract.cutting` (1 to 4),
:mod:`~caseview.extract.segments` (5) and :mod:`~caseview.extract.document` (6 and 7), and share the
record of what is found (:mod:`~caseview.extract.findings`) and the facts of each word
(:mod:`~caseview.extract.wordfacts`). Everything works on plain tuples and small slotted records;
pydantic models are built once, at the end (``document._finish``).
"""

from __future__ import annotations

from caseview.corpus.bylines import find_bylines
from caseview.extract.chunker import Token, capitalised_runs, starts_sentence
from caseview.extract.cues import (
    type_by_context,
)
from caseview.extract.cutting import (
    _as_initial,
    _cut_at_time_words,
    _gazetteer_hit,
    _gazetteer_phrases,
    _join_and_names,
    _split_gazetteer,
    _split_of,
    _split_titles,
    _strip_leading,
)
from caseview.extract.document import (
    _acronyms,
    _extend_versions,
    _finish,
)
from caseview.extract.filters import is_plain_lower, weak_line_spans
from caseview.extract.findings import (
    _EVENT_AFTER_RE,
    _Found,
    _inside,
)
from caseview.extract.lexicon import TOKEN_RE
from caseview.extract.models import Candidate, EntityType, Mention
from caseview.extract.segments import (
    _type_by_evidence,
    _type_segment,
    _type_word,
)
from caseview.extract.sentences import boilerplate_spans


def find_mentions(text: str) -> tuple[list[Mention], list[Candidate]]:
    """Typed mentions (``UNKNOWN`` where no cue types a name) and candidates of ``text``, in document
    order, never overlapping."""
    bylines = find_bylines(text)
    skip = boilerplate_spans(text)
    if bylines:  # "By Dana Whitlock, Valley Courier" is furniture too, but for the authors it names
        skip = sorted({*skip, *((byline.start, byline.end) for byline in bylines)})
    weak = weak_line_spans(text)
    found: list[_Found] = []
    for run in _join_and_names(text, capitalised_runs(text, skip)):
        start = len(found)
        _analyse_run(text, run, found)
        if weak and _inside(run[0].start, weak):
            for item in found[start:]:
                if item.cue != "gazetteer":
                    item.candidate = True
    found.extend(
        _Found(name.start, name.end, EntityType.PERSON, "byline") for byline in bylines for name in byline.names
    )
    _gazetteer_phrases(text, skip, found)
    _acronyms(text, found)
    _extend_versions(text, found)
    return _finish(text, found)


# --- analysing a chunk: the steps of the module docstring, in order --------------------------------


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
