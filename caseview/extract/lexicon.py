"""The editable data the rule-based extractor reads: gazetteer, cue word lists and the action lexicon.

All three live as JSON in ``caseview/extract/data/``. Their combined hash is part of the extractor
version, so editing any of them invalidates the extraction cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from caseview.extract.models import EntityType

#: Bump when the extraction logic changes in a way that changes results. (The fingerprint also hashes
#: the extractor's own source, so a changed rule misses the cache even when nobody bumps this.)
EXTRACTOR_LOGIC_VERSION = "3"

DATA_FILES = (
    "gazetteer.json",
    "cues.json",
    "actions.json",
    "given_names.txt",
    "surnames.txt",
    "places.txt",
    "common_words.txt",
)

#: Word tokens: dotted acronyms ("U.S."), or letters/digits joined by - & . or an apostrophe that
#: is not a possessive ("O'Brien" but not "Anthropic’s").
TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:(?:[-&.]|['’](?![sS]\b))[^\W_]+)*")


def tokenize(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: EntityType
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]
    #: first token of a name → [(the name as a string, its token count, the entry)], longest first.
    by_first_token: dict[str, list[tuple[str, int, GazetteerEntry]]] = field(default_factory=dict)
    by_name: dict[str, GazetteerEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionLexicon:
    #: surface form (lower case) → action lemma
    surface_to_lemma: dict[str, str]
    #: phrase actions made of several words, e.g. "stop using" → lemma; matched before single words
    phrases: tuple[tuple[str, str], ...]
    opposing: frozenset[frozenset[str]]
    families: dict[str, str]


@dataclass(frozen=True)
class Cues:
    person_titles: tuple[tuple[str, ...], ...]  # token sequences without dots, longest first
    titles_by_first: dict[str, tuple[tuple[str, ...], ...]]
    titles_by_last: dict[str, tuple[tuple[str, ...], ...]]
    honorifics: frozenset[str]
    gov_heads: frozenset[str]
    gov_prefix_heads: frozenset[str]
    org_heads: frozenset[str]
    publication_heads: frozenset[str]
    event_heads: frozenset[str]
    event_prefix_heads: frozenset[str]
    org_prefix_heads: frozenset[str]
    #: Words that open a foreign name and make it a body ("Banco ...", "Société ...", "Universidad ..."):
    #: in French, Spanish, Italian, Portuguese and German the head comes first.
    org_first_words: frozenset[str]
    #: The same for public bodies ("Autoridad Portuaria ...", "Generalitat de ...", "Guardia Civil").
    gov_first_words: frozenset[str]
    #: The same for competitions ("Copa ...", "Coupe de ...", "Primera División").
    event_first_words: frozenset[str]
    #: Natural features named head first ("Lake Corran", "Mount Kenya", "Mt. Elgon", "Cape Verde",
    #: "Isla Mujeres", "Lago Maggiore"): places, unless a later head word names a body or a site.
    place_first_words: frozenset[str]
    #: "Banco Central ...", "Banque centrale ...": the bank is the state's.
    central_bank_words: frozenset[str]
    gpe_heads: frozenset[str]
    product_context_heads: frozenset[str]
    connectors: frozenset[str]
    nonentity_caps: frozenset[str]
    sentence_starters: frozenset[str]
    first_names: frozenset[str]
    weekdays: frozenset[str]
    months: frozenset[str]
    time_words: frozenset[str]
    demonyms: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    role_nouns: frozenset[str]
    org_nouns: frozenset[str]
    #: Organisation nouns that never open a company's own name, so that a capital on them is only the
    #: sentence's: "Steelmaker Stelco cut jobs" is the steelmaker Stelco.
    industry_nouns: frozenset[str]
    publication_nouns: frozenset[str]
    place_nouns: frozenset[str]
    facility_heads: frozenset[str]
    geo_modifiers: frozenset[str]
    abbreviations: frozenset[str]
    name_suffixes: frozenset[str]
    version_words: frozenset[str]
    cta_verbs: frozenset[str]
    #: "Calif." → "California": written with their period.
    state_abbreviations: dict[str, str]
    extra_places: frozenset[str]
    product_heads: frozenset[str]
    possessive_name_words: frozenset[str]
    gov_name_words: frozenset[str]
    honorifics_plain: frozenset[str]
    nonentity_heads: frozenset[str]
    gov_nouns: frozenset[str]


@dataclass(frozen=True)
class WordLists:
    """Licensed word lists shipped as package data (sources and licences: data/README.md)."""

    #: US Census 1990 given names, title case ("James", "Mary").
    given_names: frozenset[str]
    #: The 10,000 commonest US Census 1990 surnames, title case.
    surnames: frozenset[str]
    #: GeoNames countries, continents, US states and cities of 15,000 people or more, plus cues.json's extra places.
    places: frozenset[str]
    #: Lower-case words that are common in running English (never capitalised mid-sentence by themselves).
    common_words: frozenset[str]


def _read(name: str) -> str:
    return resources.files("caseview.extract").joinpath("data").joinpath(name).read_text("utf-8")


def extraction_inputs() -> list[tuple[str, bytes]]:
    """What decides the extractor's results, by name: its data files and its own modules."""
    package = resources.files("caseview.extract")
    modules = sorted((entry for entry in package.iterdir() if entry.name.endswith(".py")), key=lambda e: e.name)
    return [(f"data/{name}", _read(name).encode("utf-8")) for name in DATA_FILES] + [
        (module.name, module.read_bytes()) for module in modules
    ]


def fingerprint(inputs: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(EXTRACTOR_LOGIC_VERSION.encode())
    for name, content in inputs:
        digest.update(name.encode())
        digest.update(content)
    return digest.hexdigest()[:12]


@cache
def data_fingerprint() -> str:
    """A hash of the data files and of the extractor's modules (:func:`extraction_inputs`)."""
    return fingerprint(extraction_inputs())


def extractor_version() -> str:
    """The cache key component: logic version plus a hash of the data files and the extractor's code."""
    return f"v{EXTRACTOR_LOGIC_VERSION}-{data_fingerprint()}"


def gazetteer_enabled() -> bool:
    """``CASEVIEW_GAZETTEER=0`` runs the rules without the gazetteer (the quality harness measures both)."""
    return os.environ.get("CASEVIEW_GAZETTEER", "1") != "0"


@cache
def gazetteer() -> Gazetteer:
    raw = json.loads(_read("gazetteer.json")) if gazetteer_enabled() else {"entries": []}
    entries = tuple(
        GazetteerEntry(item["name"], EntityType(item["type"]), tuple(item.get("aliases", ())))
        for item in raw["entries"]
    )
    by_first: dict[str, list[tuple[str, int, GazetteerEntry]]] = {}
    by_name: dict[str, GazetteerEntry] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            spans = tokenize(name)
            if not spans:
                continue
            first = name[spans[0][0] : spans[0][1]]
            by_first.setdefault(first, []).append((name, len(spans), entry))
            by_name.setdefault(name, entry)
    for candidates in by_first.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return Gazetteer(entries, by_first, by_name)


@cache
def cues() -> Cues:
    raw = json.loads(_read("cues.json"))
    titles = sorted(
        {tuple(w.rstrip(".") for w in t.lower().split()) for t in raw["person_titles"]}, key=len, reverse=True
    )
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        by_first.setdefault(title[0], []).append(title)
        by_last.setdefault(title[-1], []).append(title)

    def s(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    return Cues(
        person_titles=tuple(titles),
        titles_by_first={k: tuple(v) for k, v in by_first.items()},
        titles_by_last={k: tuple(v) for k, v in by_last.items()},
        honorifics=s("honorifics"),
        gov_heads=s("gov_heads"),
        gov_prefix_heads=s("gov_prefix_heads"),
        org_heads=s("org_heads"),
        publication_heads=s("publication_heads"),
        event_heads=s("event_heads"),
        event_prefix_heads=s("event_prefix_heads"),
        org_prefix_heads=s("org_prefix_heads"),
        org_first_words=s("org_first_words"),
        gov_first_words=s("gov_first_words"),
        event_first_words=s("event_first_words"),
        place_first_words=s("place_first_words"),
        central_bank_words=s("central_bank_words"),
        gpe_heads=s("gpe_heads"),
        product_context_heads=s("product_context_heads"),
        connectors=s("connectors"),
        nonentity_caps=s("nonentity_caps"),
        sentence_starters=s("sentence_starters"),
        first_names=s("first_names"),
        weekdays=s("weekdays"),
        months=s("months"),
        time_words=s("time_words"),
        demonyms=s("demonyms"),
        title_heads=s("title_heads"),
        title_modifiers=s("title_modifiers"),
        role_nouns=s("role_nouns"),
        org_nouns=s("org_nouns"),
        industry_nouns=s("industry_nouns"),
        publication_nouns=s("publication_nouns"),
        place_nouns=s("place_nouns"),
        facility_heads=s("facility_heads"),
        geo_modifiers=s("geo_modifiers"),
        abbreviations=s("abbreviations"),
        name_suffixes=s("name_suffixes"),
        version_words=s("version_words"),
        cta_verbs=s("cta_verbs"),
        state_abbreviations=dict(raw["state_abbreviations"]),
        extra_places=frozenset(raw["extra_places"]),
        product_heads=s("product_heads"),
        possessive_name_words=s("possessive_name_words"),
        gov_name_words=s("gov_name_words"),
        honorifics_plain=s("honorifics_plain"),
        nonentity_heads=s("nonentity_heads"),
        gov_nouns=s("gov_nouns"),
    )


def _lines(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in _read(name).splitlines() if line.strip())


@cache
def wordlists() -> WordLists:
    return WordLists(
        given_names=_lines("given_names.txt"),
        surnames=_lines("surnames.txt"),
        places=_lines("places.txt") | cues().extra_places,
        common_words=_lines("common_words.txt"),
    )


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb (the data file lists irregular ones itself)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


@cache
def actions() -> ActionLexicon:
    raw = json.loads(_read("actions.json"))
    surface: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    families: dict[str, str] = {}
    for item in raw["actions"]:
        lemma = item["lemma"]
        families[lemma] = item.get("family", lemma)
        for verb in item.get("verbs", [lemma]):
            if " " in verb:
                phrases.append((verb, lemma))
                continue
            for form in inflections(verb):
                surface.setdefault(form, lemma)
        for form in item.get("forms", ()):
            if " " in form:
                phrases.append((form, lemma))
            else:
                surface.setdefault(form, lemma)
    opposing = frozenset(frozenset(pair) for pair in raw["opposing"])
    phrases.sort(key=lambda p: -len(p[0]))
    return ActionLexicon(surface, tuple(dict.fromkeys(phrases)), opposing, families)
