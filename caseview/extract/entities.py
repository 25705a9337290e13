"""Entity mentions in one document, found by rules: gazetteer, titles, connectors, acronyms, context.

Order of the passes (each covers the tokens it used, so later passes cannot overlap it):
1. gazetteer names (longest first, case-sensitive, whole words);
2. capitalised chunks, split at person titles ("Treasury Secretary | Scott Bessent") and typed by
   institutional heads, first names, lower-case titles before them, and context;
3. acronyms defined in the text ("National Security Agency (NSA)") and their later uses;
4. within the document, an untyped chunk that repeats a typed mention (or a person's surname)
   takes that type. What is still untyped is returned as a candidate for the corpus level.
Publisher boilerplate lines are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from caseview.extract.chunker import Token, capitalised_runs, joined, tokens_of
from caseview.extract.cues import (
    acronym_matches,
    looks_like_person_name,
    lowercase_title_before,
    title_at,
    type_by_context,
    type_by_heads,
    type_single_word,
)
from caseview.extract.lexicon import GazetteerEntry, cues, gazetteer
from caseview.extract.models import Candidate, EntityType, Mention
from caseview.extract.sentences import boilerplate_spans

_ACRONYM_DEF_RE = re.compile(r" ?\((?P<acr>[A-Z][A-Z.&]{1,7})\)")
_VERSION_RE = re.compile(r"\d{1,2}(?:\.\d{1,2})?")
_ARTICLES = frozenset(("the", "a", "an"))
_CORPORATE_TITLES = frozenset(
    "ceo cfo cto coo founder co-founder cofounder chairman chairwoman chair spokesman spokeswoman spokesperson president executive".split()
)


@dataclass
class _Found:
    start: int
    end: int
    type: EntityType | None
    cue: str
    gazetteer: str | None = None
    expands_to: str | None = None


def find_mentions(text: str) -> tuple[list[Mention], list[Candidate]]:
    """Typed mentions and untyped candidates in ``text``, in document order, never overlapping."""
    tokens = tokens_of(text)
    covered = _boilerplate_tokens(text, tokens)
    found: list[_Found] = []
    _gazetteer_pass(text, tokens, covered, found)
    for run in capitalised_runs(text, tokens, covered):
        for segment in _segments(text, tokens, run, found):
            _type_segment(text, tokens, segment, found)
    acronyms = _acronym_definitions(text, tokens, covered, found)
    _acronym_uses(tokens, covered, acronyms, found)
    _extend_versions(text, tokens, found)
    return _finish(text, found)


def _boilerplate_tokens(text: str, tokens: list[Token]) -> set[int]:
    spans = boilerplate_spans(text)
    if not spans:
        return set()
    return {t.index for t in tokens if any(start <= t.start < end for start, end in spans)}


def _gazetteer_pass(text: str, tokens: list[Token], covered: set[int], found: list[_Found]) -> None:
    table = gazetteer().by_first_token
    count = len(tokens)
    for i, token in enumerate(tokens):
        if i in covered:
            continue
        options = table.get(token.text)
        if not options:
            continue
        for name, size, entry in options:
            if i + size > count or any(k in covered for k in range(i, i + size)):
                continue
            last = tokens[i + size - 1]
            if text[token.start : last.end] == name:
                if entry.type is EntityType.GPE and _names_an_institution_of(text, tokens, i):
                    break  # "University of Minnesota": the chunker takes the whole name
                found.append(_Found(token.start, last.end, entry.type, "gazetteer", entry.name))
                covered.update(range(i, i + size))
                break


def _names_an_institution_of(text: str, tokens: list[Token], i: int) -> bool:
    if i < 2 or tokens[i - 1].text != "of" or not tokens[i - 2].cap:
        return False
    lexicon = cues()
    heads = lexicon.org_prefix_heads | lexicon.gov_prefix_heads | lexicon.event_prefix_heads
    return tokens[i - 2].lower in heads and text[tokens[i - 2].end : tokens[i].start] == " of "


def _segments(text: str, tokens: list[Token], run: list[Token], found: list[_Found]) -> list[list[Token]]:
    """Split a chunk at person titles; the title words themselves are not part of any mention."""
    lexicon = cues()
    words = list(run)
    # A common word loses its capital as a name part only where the capital is positional
    # ("However Anthropic ..."); mid-sentence "Federal Government" keeps "Federal".
    while words and (
        words[0].lower in lexicon.connectors
        or words[0].lower in _ARTICLES
        or (words[0].initial and words[0].lower in lexicon.sentence_starters)
    ):
        words.pop(0)
    segments: list[list[Token]] = []
    k = 0
    while k < len(words):
        size = title_at(words, k)
        after = k + size
        if size and after < len(words) and words[after].cap and words[after].lower not in lexicon.connectors:
            prefix = words[:k]
            name = []
            for word in words[after:]:
                if word.lower in lexicon.connectors or len(name) == 4:
                    break
                name.append(word)
            if prefix:
                title_words = {w.lower for w in words[k:after]}
                segments.extend(_segments_of_prefix(prefix, bool(title_words & _CORPORATE_TITLES)))
            found.append(_Found(name[0].start, name[-1].end, EntityType.PERSON, "title"))
            rest = words[after + len(name) :]
            return segments + (_segments(text, tokens, rest, found) if rest else [])
        k += 1
    return [words] if words else []


def _segments_of_prefix(prefix: list[Token], corporate: bool) -> list[list[Token]]:
    # "Acme CEO Jane Doe": the prefix names her organisation; mark it so typing can fall back to ORG.
    return [[*prefix, _ORG_MARK]] if corporate else [prefix]


_ORG_MARK = Token(-1, -1, -1, "", False, False)


@cache
def _gpe_names() -> frozenset[str]:
    return frozenset(n for e in gazetteer().entries if e.type is EntityType.GPE for n in (e.name, *e.aliases))


@cache
def _gazetteer_surnames() -> dict[str, GazetteerEntry]:
    """Surnames that belong to exactly one person of the gazetteer ("Putin" → Vladimir Putin)."""
    owners: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer().entries:
        if entry.type is EntityType.PERSON:
            for surname in {n.split()[-1] for n in (entry.name, *entry.aliases) if len(n.split()) >= 2}:
                owners.setdefault(surname, []).append(entry)
    return {surname: found[0] for surname, found in owners.items() if len(found) == 1}


def _type_segment(text: str, tokens: list[Token], segment: list[Token], found: list[_Found]) -> None:
    lexicon = cues()
    org_fallback = bool(segment) and segment[-1] is _ORG_MARK
    words = [w for w in segment if w is not _ORG_MARK]
    while words and words[-1].lower in lexicon.connectors:
        words.pop()
    if not words:
        return
    if all(w.lower in lexicon.nonentity_caps or w.lower in lexicon.connectors for w in words):
        return
    if len(words) == 1 and words[0].is_acronym:
        return  # handled with the acronyms
    if title_at(words, 0) == len(words):
        return  # a title alone ("the President", "Chief of Staff") names no one in particular
    start, end = words[0].start, words[-1].end
    following = tokens[words[-1].index + 1 : words[-1].index + 3]
    nxt = following[0] if following else None
    spaced = nxt is not None and text[end : nxt.start] == " " and not nxt.cap
    if spaced and len(words) == 1 and nxt.lower == "administration":
        found.append(_Found(start, nxt.end, EntityType.GOV_BODY, "administration"))
        return
    if spaced and nxt.lower in ("forum", "summit", "conference", "hearing"):
        found.append(_Found(start, nxt.end, EntityType.EVENT, "event-suffix"))
        return
    typed = type_by_heads(words, nxt)
    if typed is None and lowercase_title_before(text, tokens, words[0]) and all(w.cap for w in words):
        typed = (EntityType.PERSON, "title")
    if typed is None and looks_like_person_name(words):
        typed = (EntityType.PERSON, "first-name")
    if typed is None:
        typed = type_by_context(text, words, following)
    if typed is None and len(words) == 1 and words[0].text in _gazetteer_surnames():
        entry = _gazetteer_surnames()[words[0].text]
        found.append(_Found(start, end, EntityType.PERSON, "gazetteer-surname", entry.name))
        return
    if typed is None and len(words) == 1:
        typed = type_single_word(text, words[0], following, _gpe_names())
    if typed is None and org_fallback:
        typed = (EntityType.ORG, "title-org")
    if typed is None:
        if len(words) == 1 and (
            words[0].lower in lexicon.nonentity_caps or words[0].lower in lexicon.sentence_starters
        ):
            return
        found.append(_Found(start, end, None, "chunk"))
        return
    found.append(_Found(start, end, typed[0], typed[1]))


def _acronym_definitions(text: str, tokens: list[Token], covered: set[int], found: list[_Found]) -> dict[str, _Found]:
    """ "Long Form (LF)": the acronym inherits the long form's type (ORG when the form had none)."""
    definitions: dict[str, _Found] = {}
    by_end = {t.end: t for t in tokens}
    for item in list(found):
        match = _ACRONYM_DEF_RE.match(text, item.end)
        if not match:
            continue
        acronym = match["acr"]
        long_form = text[item.start : item.end]
        if not acronym_matches(acronym, long_form.split()):
            continue
        if item.type is None:
            item.type, item.cue = EntityType.ORG, "acronym-definition"
        definitions[acronym] = item
        token = by_end.get(match.end("acr"))
        if token is not None:
            covered.add(token.index)
        found[:] = [f for f in found if not (f.start == match.start("acr") and f.end == match.end("acr"))]
        found.append(
            _Found(match.start("acr"), match.end("acr"), item.type, "acronym-definition", item.gazetteer, long_form)
        )
    return definitions


def _acronym_uses(tokens: list[Token], covered: set[int], definitions: dict[str, _Found], found: list[_Found]) -> None:
    taken = {(f.start, f.end) for f in found}
    nonentity = cues().nonentity_caps
    for token in tokens:
        if (
            not token.cap
            or len(token.text) > 8
            or token.index in covered
            or not token.is_acronym
            or (token.start, token.end) in taken
        ):
            continue
        if token.lower in nonentity:
            continue
        definition = definitions.get(token.text)
        if definition is not None:
            long_form = definition.expands_to or ""
            found.append(
                _Found(token.start, token.end, definition.type, "acronym", definition.gazetteer, long_form or None)
            )
        else:
            found.append(_Found(token.start, token.end, None, "acronym"))


def _extend_versions(text: str, tokens: list[Token], found: list[_Found]) -> None:
    """ "Mythos 5", "Claude 3.5": a product name takes the version number that follows it."""
    by_start = {t.start: t for t in tokens}
    for item in found:
        if item.type is not EntityType.PRODUCT or text[item.end : item.end + 1] != " ":
            continue
        token = by_start.get(item.end + 1)
        if token is not None and _VERSION_RE.fullmatch(token.text):
            after = text[token.end : token.end + 2]
            if not after.startswith(("%", " p")):
                item.end = token.end


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
    mentions = [
        Mention(
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            type=f.type,
            cue=f.cue,
            gazetteer=f.gazetteer,
            expands_to=f.expands_to,
        )
        for f in kept
        if f.type is not None
    ]
    candidates = [
        Candidate(start=f.start, end=f.end, text=text[f.start : f.end], cue=f.cue) for f in kept if f.type is None
    ]
    return mentions, candidates


def _propagate_within_document(text: str, items: list[_Found]) -> None:
    by_text: dict[str, _Found] = {}
    surnames: dict[str, _Found] = {}
    for item in items:
        if item.type is None:
            continue
        written = text[item.start : item.end]
        by_text.setdefault(written, item)
        parts = written.split()
        if item.type is EntityType.PERSON and len(parts) >= 2:
            surnames.setdefault(parts[-1], item)
    for item in items:
        if item.type is not None:
            continue
        written = text[item.start : item.end]
        if written in by_text:
            source = by_text[written]
            item.type, item.cue, item.gazetteer = source.type, "propagated", source.gazetteer
        elif written in surnames:
            item.type, item.cue = EntityType.PERSON, "surname"
        elif written in _gazetteer_surnames():
            item.type, item.cue, item.gazetteer = (
                EntityType.PERSON,
                "gazetteer-surname",
                _gazetteer_surnames()[written].name,
            )


def person_name_tokens(name: str) -> list[str]:
    """The words of a person's name without initials ("Donald J. Trump" → Donald, Trump)."""
    return [w for w in name.replace(".", ". ").split() if not (len(w.rstrip(".")) == 1 and w.endswith("."))]


__all__ = ["find_mentions", "joined", "person_name_tokens"]
