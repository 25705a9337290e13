"""The document as a whole (steps 6 and 7 of :mod:`caseview.extract.entities`): acronyms defined in
the text, version numbers after product names, and what one mention tells of another (the same name,
a surname, a short form, a list of places, a name at a headline's start), then the models.
"""

from __future__ import annotations

import itertools

from caseview.extract.construct import new_candidate, new_mention
from caseview.extract.cues import (
    acronym_matches,
)
from caseview.extract.cutting import (
    _head_nouns,
)
from caseview.extract.evidence import vote_by_evidence
from caseview.extract.findings import (
    _ACRONYM_DEF_RE,
    _SHORT_FORM_CUES,
    _SPEAKER_CUES,
    _VERSION_RE,
    _WEAK_CUES,
    _Found,
)
from caseview.extract.lexicon import cues, wordlists
from caseview.extract.models import Candidate, EntityType, Mention


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
    vote_by_evidence(text, kept)
    _propagate_within_document(text, kept)
    _keep_publication_articles(text, kept)
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


def _keep_publication_articles(text: str, items: list[_Found]) -> None:
    """ "The Lancet", "The Hamilton Spectator": a capitalised "The" before an outlet's name is part of
    its name (the chunk's leading "The" was cut off before the name was typed)."""
    previous_end = 0
    for item in items:
        if (
            item.type is EntityType.PUBLICATION
            and item.start >= previous_end + 4
            and text[item.start - 4 : item.start] == "The "
        ):
            item.start -= 4
        previous_end = item.end


_NAMES_WITH_PARTS = frozenset((EntityType.PERSON, EntityType.ORG, EntityType.GOV_BODY, EntityType.PUBLICATION))


#: Last words of a body named after its place ("Oslo Stock Exchange", "Hamilton Chamber of Commerce").
_PLACE_BODY_HEADS = frozenset(("exchange", "university", "chamber", "commerce", "museum", "library", "airport"))


def _serves_a_place(entity_type: EntityType, parts: list[str]) -> bool:
    """Whether a body's name may open with the place it serves ("Tarragona Port Authority", "Oslo
    Stock Exchange"): a public body, or one whose last word is such a head. That place named alone
    is the place, not a short form of the body."""
    return entity_type is EntityType.GOV_BODY or parts[-1].lower() in _PLACE_BODY_HEADS


def _propagate_within_document(text: str, items: list[_Found]) -> None:
    """Untyped chunks, plain words and weakly typed words take the type of what the document names
    more clearly: the same name typed elsewhere, a person's surname ("Moore" after "Kieran Moore"),
    the start of an organisation's name ("Baltic Rail" after "Baltic Rail Logistics")."""
    by_text: dict[str, _Found] = {}
    surnames: dict[str, list[_Found]] = {}
    long_names: dict[tuple[str, ...], list[_Found]] = {}
    #: The starts of bodies' names that are the place the body is named after, not a short form;
    #: True where that makes them a place whatever typed them, False where they keep their own type.
    place_prefixes: dict[tuple[str, ...], bool] = {}
    places = {  # named as a place by the document itself, not only found in the place list
        text[f.start : f.end].casefold()
        for f in items
        if f.type is EntityType.GPE and not f.candidate and f.cue not in _WEAK_CUES
    }
    for item in items:
        entity_type = item.type
        if entity_type is None or entity_type is EntityType.UNKNOWN or item.candidate:
            continue
        written = text[item.start : item.end]
        if item.cue not in _WEAK_CUES and item.cue not in _SPEAKER_CUES:
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
                opens = _opens_with_its_place(entity_type, parts, k, places)
                if opens is not None:  # "Brackwell" beside "Brackwell City Council"
                    prefix = tuple(parts[:k])
                    place_prefixes[prefix] = place_prefixes.get(prefix, False) or opens
                    continue
                long_names.setdefault(tuple(parts[:k]), []).append(item)
            if item.type in (EntityType.ORG, EntityType.GOV_BODY):
                long_names.setdefault(("$", *parts[-1:]), []).append(item)
    for item in items:
        weak = item.cue in _WEAK_CUES
        if item.cue in _SPEAKER_CUES:
            # "Pine Ridge Air said": companies speak too; the name typed by a clearer cue elsewhere
            # in the document ("Pine Ridge Air, a regional carrier") wins over the verb after it.
            source = by_text.get(text[item.start : item.end])
            if source is not None:
                item.type, item.cue, item.gazetteer = source.type, "propagated", source.gazetteer
            continue
        if item.type is not None and item.type is not EntityType.UNKNOWN and not weak:
            continue
        written = text[item.start : item.end]
        owners = surnames.get(written)
        if owners:
            full_names = {text[o.start : o.end] for o in owners}
            if len(full_names) == 1 and written != next(iter(full_names)):
                owner = owners[0]
                item.type, item.cue, item.expands_to = EntityType.PERSON, "surname", text[owner.start : owner.end]
                item.plain = item.candidate = False
                continue
        if weak and item.cue not in _SHORT_FORM_CUES:
            continue
        if written in by_text and not weak:
            source = by_text[written]
            item.type, item.cue, item.gazetteer = source.type, "propagated", source.gazetteer
            item.plain = item.candidate = False
            continue
        if not long_names and not place_prefixes:
            continue  # no longer name in the document for this one to be the start or head of
        written_parts = tuple(written.split())
        longer = [] if item.plain else long_names.get(written_parts, [])
        if not longer and written_parts in place_prefixes and not item.plain:
            if place_prefixes[written_parts]:  # the town the council is named after
                item.type, item.cue, item.gazetteer = EntityType.GPE, "place-of-body", None
                item.candidate = False
            continue  # a listed place beside the body that serves it stays as the list typed it
        if (
            not longer
            and len(written_parts) == 1
            and written_parts[0].lower() in _head_nouns()
            and text[item.start - 4 : item.start] in ("the ", "The ")
        ):  # "the Commission", "the Museum"; not a sentence's first word ("Museum director Harry Tupan")
            longer = long_names.get(("$", *written_parts), [])
        names = {text[o.start : o.end] for o in longer} if longer else ()
        if len(names) == 1:
            owner = longer[0]
            item.type, item.cue, item.gazetteer = owner.type, "short-form", owner.gazetteer
            item.expands_to = text[owner.start : owner.end]
            item.plain = item.candidate = False


#: The word after a place's name that makes the name a public body of that place ("Brackwell City
#: Council", "Marlow County Sheriff", "Tema Port Authority").
_PLACE_BODY_WORDS = frozenset("city county town village borough port state municipal metropolitan regional".split())


def _opens_with_its_place(entity_type: EntityType, parts: list[str], k: int, places: set[str]) -> bool | None:
    """Whether the first ``k`` words of a body's name are the place it is named after, so that alone
    they name the place, not the body. False when they are a listed place and the body is one that
    serves a place (:func:`_serves_a_place`: "Tarragona Port Authority"): no short form, the words
    keep the type the place list gave them. True when the document names them as a place elsewhere
    ("BRACKWELL —") or a municipal word follows them ("Brackwell City Council"): they are made that
    place. None otherwise (a short form, "Baltic Rail" of "Baltic Rail Logistics")."""
    prefix = " ".join(parts[:k])
    if _serves_a_place(entity_type, parts) and prefix in wordlists().places:
        return False
    return True if prefix.casefold() in places or parts[k].lower() in _PLACE_BODY_WORDS else None


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
#: Cues that type an organisation clearly enough for the untyped name listed after it to be one too.
_ORG_LIST_CUES = frozenset(("gazetteer", "org-suffix", "org-head", "org-prefix", "org-first", "context:noun"))
_ORG_LIST_GLUE = frozenset((" and ", ", and "))


def _propagate_along_lists(text: str, items: list[_Found]) -> None:
    """ "the towns of Buñol and Chiva", "Ireland, India and Brazil": an untyped single name listed
    right after a place takes the place's type; "arranged by Deutsche Bank and BNP Paribas": an
    untyped name joined by "and" to an organisation is one too."""
    for previous, item in itertools.pairwise(items):
        if item.type is not None or item.plain:
            continue
        glue = text[previous.end : item.start]
        if (
            previous.type is EntityType.GPE
            and previous.cue in _LIST_CUES
            and glue in _LIST_GLUE
            and " " not in text[item.start : item.end]
        ):
            item.type, item.cue, item.candidate = EntityType.GPE, "list-of-places", False
        elif (
            previous.type is EntityType.ORG
            and previous.cue in _ORG_LIST_CUES
            and glue in _ORG_LIST_GLUE
            and text[item.start : item.end] not in wordlists().surnames  # "Acme Corp and Kowalski": a person
        ):
            item.type, item.cue, item.candidate = EntityType.ORG, "list-of-organisations", False
