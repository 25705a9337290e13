"""Corpus-level alias merging: one entity per real-world thing.

Automatic merges (each recorded in ``Entity.merged_by``):
- ``exact``: the same name (normalised: case, "the", possessive, dots) and type;
- ``gazetteer``: names the gazetteer lists as aliases of one entry ("FT" / "Financial Times");
- ``acronym``: "National Security Agency (NSA)" in any document, or an acronym whose letters are the
  initials of exactly one long name of the corpus ("OMB" / "Office of Management and Budget");
- ``surname``: a lone surname that fits exactly one full name of a person ("Cairncross");
- ``product-head``: a product name that extends exactly one other ("Mythos 5" → "Mythos").
Fuzzy look-alikes ("Scott Besant" / "Scott Bessent") are only *suggested*, with a score.

Decision: "Trump administration" is a GOV_BODY of its own, not an alias of the PERSON Donald Trump
— a statement by "the Trump administration" is an act of government, not of the man; the analyst
can merge them if a case needs it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from caseview.extract.entities import person_name_tokens
from caseview.extract.evidence import SPEAKER_CUE
from caseview.extract.lexicon import GazetteerEntry, cues, gazetteer, wordlists
from caseview.extract.models import DocMention, DocumentExtraction, Entity, EntityType, MergeReason, MergeSuggestion

FUZZY_SUGGESTION_FLOOR = 0.82
_VERSIONISH = re.compile(r"^(?:\d+(?:\.\d+)*|preview|pro|max|mini|ultra|lite|turbo|plus)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Normalised form for exact matching: "The Trump Admin’s" → "trump administration"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("’", "'").lower()
    folded = re.sub(r"'s$", "", folded.strip())
    folded = folded.replace(".", "")
    folded = re.sub(r"^the\s+", "", folded)
    folded = re.sub(r"\s+admin$", " administration", folded)
    return " ".join(folded.split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-") or "x"


def entity_id(entity_type: EntityType, name: str) -> str:
    return f"{entity_type.value.lower()}:{slug(name)}"


NodeKey = tuple[str, str]


@dataclass
class _Node:
    """All mentions that share one (type, normalised name) — the unit that merges."""

    type: EntityType
    key: str
    gazetteer: GazetteerEntry | None = None
    mentions: list[DocMention] = field(default_factory=list)
    #: The type each mention was given in its document (a mention may sit in the node of its long form).
    mention_types: list[EntityType] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[NodeKey, NodeKey] = {}
        self.how: dict[NodeKey, set[str]] = defaultdict(set)
        self.reasons: dict[NodeKey, list[MergeReason]] = defaultdict(list)

    def find(self, item: NodeKey) -> NodeKey:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: NodeKey, b: NodeKey, how: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.how[ra] |= self.how.pop(rb, set()) | {how}
            self.reasons[ra].extend(self.reasons.pop(rb, []))


@dataclass(frozen=True)
class Resolution:
    entities: tuple[Entity, ...]
    suggestions: tuple[MergeSuggestion, ...]


#: Cue strength in the type vote: a gazetteer entry or an institutional head outweighs context.
_CUE_WEIGHT = {"gazetteer": 4.0, "title": 3.0, "dateline": 3.0, "acronym-definition": 3.0, "place-list": 1.5}
_WEAK_CUE_WEIGHT = 0.5
_WEAK_CUES = frozenset(
    ("context:in", "first-name", "surname-list", "corpus-exact", "corpus-surname", "corpus-acronym", SPEAKER_CUE)
)


def resolve_entities(documents: dict[str, DocumentExtraction]) -> Resolution:
    """Merge the mentions of every document into entities, and suggest fuzzy merges."""
    gaz_by_key = _gazetteer_keys()
    nodes: dict[NodeKey, _Node] = {}

    def node_for(entity_type: EntityType, text: str, entry: GazetteerEntry | None) -> NodeKey:
        if entry is None:
            entry = gaz_by_key.get(name_key(text))
        node_key: NodeKey = ("gaz", entry.name) if entry else (entity_type.value, name_key(text))
        if node_key not in nodes:
            nodes[node_key] = _Node(entry.type if entry else entity_type, node_key[1], entry)
        return node_key

    uf = _UnionFind()
    gaz_entries = {e.name: e for e in gazetteer().entries}
    for doc_id, extraction in documents.items():
        for m in extraction.mentions:
            entry = gaz_entries.get(m.gazetteer) if m.gazetteer else None
            if m.expands_to and not _is_acronym_text(m.text):
                # "Moore" after "Kieran Moore", "Baltic Rail" after "Baltic Rail Logistics": the document
                # itself says which longer name this is, so the mention joins that name's node directly
                # (two documents' lone "Johnson"s never meet in a shared "johnson" node).
                key = node_for(m.type, m.expands_to, entry)
                uf.how[uf.find(key)].add("surname" if m.cue == "surname" else "short-form")
            else:
                key = node_for(m.type, m.text, entry)
            node = nodes[key]
            node.mentions.append(DocMention(doc_id=doc_id, start=m.start, end=m.end, text=m.text, cue=m.cue))
            node.mention_types.append(m.type)
            if m.title:
                node.titles.add(m.title)
            uf.find(key)
            if m.expands_to and _is_acronym_text(m.text):
                long_key = node_for(m.type, m.expands_to, entry)
                uf.union(long_key, key, "acronym")
    _merge_across_types(nodes, uf)
    _merge_acronyms(nodes, uf)
    _merge_surnames(nodes, uf)
    _adopt_candidates(documents, nodes, uf, node_for)
    _merge_product_heads(nodes, uf)
    _merge_on_evidence(nodes, uf)
    groups: dict[NodeKey, list[_Node]] = defaultdict(list)
    for key, node in nodes.items():
        if node.mentions:
            groups[uf.find(key)].append(node)
    entities = [
        _entity_of(members, uf.how.get(root, set()), tuple(uf.reasons.get(root, ())))
        for root, members in groups.items()
    ]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return Resolution(tuple(entities), tuple(suggest_fuzzy_merges(entities)))


def _merge_across_types(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> None:
    """The same name typed differently in different documents ("Maersk" UNKNOWN here, ORG there) is
    one entity; its type is decided by a vote of its mentions (see :func:`_vote_type`)."""
    by_name: dict[str, list[NodeKey]] = defaultdict(list)
    for key, node in nodes.items():
        if node.mentions and key[0] != "gaz":
            by_name[node.key].append(key)
    for key, node in nodes.items():
        if key[0] == "gaz" and node.mentions:
            for name in {name_key(m.text) for m in node.mentions}:
                by_name[name].append(key)
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        gaz = [k for k in keys if k[0] == "gaz"]
        if len({k[1] for k in gaz}) > 1:
            continue  # two gazetteer entries share a written form: leave them apart
        anchor = gaz[0] if gaz else keys[0]
        for other in keys:
            if other != anchor:
                uf.union(anchor, other, "type-vote")


def _gazetteer_keys() -> dict[str, GazetteerEntry]:
    keys: dict[str, GazetteerEntry] = {}
    for entry in gazetteer().entries:
        for name in (entry.name, *entry.aliases):
            keys.setdefault(name_key(name), entry)
    return keys


def _is_acronym_text(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _initials_index(nodes: dict[NodeKey, _Node]) -> dict[str, set[NodeKey]]:
    """Initials of every multi-word name ("OMB" → the node of "Office of Management and Budget")."""
    connectors = cues().connectors
    index: dict[str, set[NodeKey]] = defaultdict(set)
    for key, node in nodes.items():
        if not node.mentions:
            continue
        words = [w for w in node.mentions[0].text.split() if w]
        if len(words) < 2:
            continue
        index["".join(w[0] for w in words).upper()].add(key)
        index["".join(w[0] for w in words if w.lower() not in connectors).upper()].add(key)
        if node.type in (EntityType.GOV_BODY, EntityType.ORG) and len(words) >= 4:
            # "Oregon Department of Environmental Quality" is the "DEQ": a body's acronym leaves out
            # the place (or owner) its name starts with.
            index["".join(w[0] for w in words[1:] if w.lower() not in connectors).upper()].add(key)
    return index


def _acronym_roots(text: str, index: dict[str, set[NodeKey]], uf: _UnionFind) -> set[NodeKey]:
    return {uf.find(k) for k in index.get(text.replace(".", "").upper(), ())}


def _merge_acronyms(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> None:
    index = _initials_index(nodes)
    for acr_key, node in list(nodes.items()):
        if not node.mentions or not _is_acronym_text(node.mentions[0].text):
            continue
        matches = _acronym_roots(node.mentions[0].text, index, uf) - {uf.find(acr_key)}
        if len(matches) == 1:
            uf.union(matches.pop(), acr_key, "acronym")


def _surname_index(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> dict[str, set[NodeKey]]:
    index: dict[str, set[NodeKey]] = defaultdict(set)
    for key, node in nodes.items():
        if node.type is not EntityType.PERSON or not node.mentions:
            continue
        names = [node.gazetteer.name] if node.gazetteer else []
        names += [m.text for m in node.mentions]
        for name in names:
            words = person_name_tokens(name)
            if len(words) >= 2:
                index[name_key(words[-1])].add(uf.find(key))
    return index


def _merge_surnames(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> None:
    index = _surname_index(nodes, uf)
    for key, node in nodes.items():
        if (
            not node.mentions
            or len(node.key.split()) != 1
            or not (
                node.type in (EntityType.PERSON, EntityType.UNKNOWN)
                # a lone word typed an organisation only because it spoke: a person's surname here
                or all(m.cue == SPEAKER_CUE for m in node.mentions)
            )
        ):
            continue
        roots = {uf.find(r) for r in index.get(node.key, set())} - {uf.find(key)}
        if len(roots) == 1:
            uf.union(roots.pop(), key, "surname")


def _adopt_candidates(
    documents: dict[str, DocumentExtraction],
    nodes: dict[NodeKey, _Node],
    uf: _UnionFind,
    node_for: Callable[[EntityType, str, GazetteerEntry | None], NodeKey],
) -> None:
    """An untyped chunk becomes a mention when the corpus knows its name (or surname, or acronym)."""
    by_key: dict[str, set[NodeKey]] = defaultdict(set)
    for key, node in nodes.items():
        if node.mentions:
            by_key[node.key].add(uf.find(key))
            for m in node.mentions:
                by_key[name_key(m.text)].add(uf.find(key))
    surnames = _surname_index(nodes, uf)
    initials = _initials_index(nodes)
    for doc_id, extraction in documents.items():
        for candidate in extraction.candidates:
            written_key = name_key(candidate.text)
            roots = {uf.find(r) for r in by_key.get(written_key, set())}
            how = "exact"
            if not roots and " " not in written_key:
                roots = {uf.find(r) for r in surnames.get(written_key, set())}
                how = "surname"
            if not roots and _is_acronym_text(candidate.text):
                roots = _acronym_roots(candidate.text, initials, uf)
                how = "acronym"
            if len(roots) != 1:
                continue
            root = roots.pop()
            target_type = nodes[root].type if root in nodes else EntityType.ORG
            new_key = node_for(target_type, candidate.text, None)
            nodes[new_key].mention_types.append(target_type)
            nodes[new_key].mentions.append(
                DocMention(
                    doc_id=doc_id, start=candidate.start, end=candidate.end, text=candidate.text, cue=f"corpus-{how}"
                )
            )
            uf.union(root, new_key, how)


_CONTAINMENT_TYPES = (EntityType.PRODUCT, EntityType.EVENT, EntityType.ORG, EntityType.GOV_BODY, EntityType.PUBLICATION)


def _merge_product_heads(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> None:
    """A longer name that contains exactly one shorter name of its type is that thing: "Mythos 5" →
    "Mythos" (products: any part), "FIFA World Cup" → "World Cup" (others: a multi-word ending)."""
    for entity_type in _CONTAINMENT_TYPES:
        _merge_contained(nodes, uf, [k for k, n in nodes.items() if n.type is entity_type and n.mentions], entity_type)


def _merge_contained(nodes: dict[NodeKey, _Node], uf: _UnionFind, keys: list[NodeKey], entity_type: EntityType) -> None:
    by_words: dict[tuple[str, ...], list[NodeKey]] = defaultdict(list)
    for key in keys:
        by_words[tuple(name_key(nodes[key].key).split())].append(key)
    for key in keys:
        words = tuple(name_key(nodes[key].key).split())
        if len(words) < 2:
            continue
        if entity_type is EntityType.PRODUCT:  # any contiguous part
            parts = {words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - {words}
        else:  # a multi-word ending: "World Cup" in "FIFA World Cup"
            parts = {words[i:] for i in range(1, len(words) - 1)}
        contained = {uf.find(other) for part in parts for other in by_words.get(part, ())}
        contained.discard(uf.find(key))
        if len(contained) > 1 and entity_type is EntityType.PRODUCT:
            # "Claude Mythos Preview" holds "Claude" and "Mythos": the rightmost name before the version
            # words is the product ("Mythos"); the brand before it is its family.
            core = list(words)
            while len(core) > 1 and _VERSIONISH.match(core[-1]):
                core.pop()
            heads = {uf.find(other) for other in by_words.get((core[-1],), ())} - {uf.find(key)}
            contained = heads if len(heads) == 1 else contained
        if len(contained) == 1:
            uf.union(contained.pop(), key, "product-head" if entity_type is EntityType.PRODUCT else "contained-name")


@dataclass(frozen=True)
class PersonEvidence:
    """What the corpus says about one person entity: enough to decide an automatic merge."""

    name: str
    first_name: str
    surname: str
    titles: frozenset[str]
    doc_ids: frozenset[str]
    #: Names of the other people mentioned in the same documents.
    co_mentions: frozenset[str]


#: Surnames at least this alike (difflib ratio) count as "similar" for a merge on evidence.
EVIDENCE_SURNAME_FLOOR = 0.75
#: Shared co-mentioned people needed, besides the same title and first name.
EVIDENCE_CO_MENTIONS = 2


def evidence_merge_decision(a: PersonEvidence, b: PersonEvidence) -> MergeReason | None:
    """Whether two person entities are one person on evidence, not spelling alone: the same first
    name, a similar surname, the same title of office and at least two shared co-mentioned people,
    and never both named in one document (two names in one text are two people). Pure."""
    if a.doc_ids & b.doc_ids or a.first_name.lower() != b.first_name.lower():
        return None
    if name_key(a.surname) == name_key(b.surname):
        return None  # the same written name merges (or not) elsewhere; this rule is for variant spellings
    similarity = SequenceMatcher(None, name_key(a.surname), name_key(b.surname)).ratio()
    if similarity < EVIDENCE_SURNAME_FLOOR:
        return None
    titles = a.titles & b.titles
    shared = tuple(sorted((a.co_mentions & b.co_mentions) - {a.name, b.name}))
    if not titles or len(shared) < EVIDENCE_CO_MENTIONS:
        return None
    alias, into = (a, b) if (len(a.doc_ids), a.name) < (len(b.doc_ids), b.name) else (b, a)
    return MergeReason(
        alias=alias.name,
        into=into.name,
        same_title=sorted(titles)[0],
        same_first_name=a.first_name,
        surname_similarity=round(similarity, 3),
        shared_co_mentions=shared,
        text=f"same title and first name, similar surname, {len(shared)} shared co-mentions",
    )


def _person_evidence(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> dict[NodeKey, PersonEvidence]:
    groups: dict[NodeKey, list[_Node]] = defaultdict(list)
    for key, node in nodes.items():
        if node.mentions:
            groups[uf.find(key)].append(node)
    people: dict[NodeKey, tuple[str, set[str], set[str]]] = {}
    for root, members in groups.items():
        if _vote_type(members) is not EntityType.PERSON and not any(
            n.type is EntityType.PERSON and n.gazetteer for n in members
        ):
            continue
        names = [m.text for n in members for m in n.mentions if len(person_name_tokens(m.text)) >= 2]
        if not names:
            continue
        name = Counter(_clean_surface(n) for n in names).most_common(1)[0][0]
        people[root] = (name, {t for n in members for t in n.titles}, {m.doc_id for n in members for m in n.mentions})
    by_doc: dict[str, set[str]] = defaultdict(set)
    for name, _titles, docs in people.values():
        for doc_id in docs:
            by_doc[doc_id].add(name)
    evidence = {}
    for root, (name, titles, docs) in people.items():
        words = person_name_tokens(name)
        co = {other for doc_id in docs for other in by_doc[doc_id]} - {name}
        evidence[root] = PersonEvidence(name, words[0], words[-1], frozenset(titles), frozenset(docs), frozenset(co))
    return evidence


def _merge_on_evidence(nodes: dict[NodeKey, _Node], uf: _UnionFind) -> None:
    """ "Scott Besant" (one document) and "Scott Bessent" (two others), both "Treasury Secretary", both
    named beside Susie Wiles, Dario Amodei and Donald Trump: one person, merged with the reason kept."""
    evidence = _person_evidence(nodes, uf)
    by_first: dict[str, list[NodeKey]] = defaultdict(list)
    for root, person in evidence.items():
        by_first[person.first_name.lower()].append(root)
    for roots in by_first.values():
        for i, a in enumerate(roots):
            for b in roots[i + 1 :]:
                if uf.find(a) == uf.find(b):
                    continue
                reason = evidence_merge_decision(evidence[a], evidence[b])
                if reason is not None:
                    keep, other = (b, a) if reason.alias == evidence[a].name else (a, b)
                    uf.union(keep, other, "evidence")
                    uf.reasons[uf.find(keep)].append(reason)


def _vote_type(members: list[_Node]) -> EntityType:
    """The type most of the mentions' evidence points to; UNKNOWN only when nothing typed any of them."""
    votes: dict[EntityType, float] = defaultdict(float)
    for node in members:
        for mention, mention_type in zip(node.mentions, node.mention_types, strict=True):
            if mention_type is not EntityType.UNKNOWN:
                weight = _CUE_WEIGHT.get(mention.cue, _WEAK_CUE_WEIGHT if mention.cue in _WEAK_CUES else 1.0)
                votes[mention_type] += weight
    if not votes:
        return EntityType.UNKNOWN
    order = list(EntityType)
    return max(votes, key=lambda t: (votes[t], -order.index(t)))


def _entity_of(members: list[_Node], how: set[str], reasons: tuple[MergeReason, ...] = ()) -> Entity:
    mentions = sorted((m for n in members for m in n.mentions), key=lambda m: (m.doc_id, m.start))
    entry = next((n.gazetteer for n in members if n.gazetteer), None)
    entity_type = entry.type if entry else _vote_type(members)
    surfaces = Counter(" ".join(m.text.split()) for m in mentions)
    name = entry.name if entry else _canonical_name(entity_type, surfaces)
    aliases = sorted({_clean_surface(s) for s in surfaces} | {name}, key=lambda s: (s != name, s.lower()))
    merged = set(how)
    if entry is not None and any(name_key(s) != name_key(entry.name) for s in surfaces):
        merged.add("gazetteer")
    if len({name_key(s) for s in surfaces}) < len(surfaces):
        merged.add("exact")
    return Entity(
        id=entity_id(entity_type, name),
        name=name,
        type=entity_type,
        aliases=tuple(dict.fromkeys(aliases)),
        mentions=tuple(mentions),
        merged_by=tuple(sorted(merged)),
        merge_reasons=reasons,
    )


def _clean_surface(text: str) -> str:
    return re.sub(r"['’]s$", "", text)


def _canonical_name(entity_type: EntityType, surfaces: Counter[str]) -> str:
    forms = [_clean_surface(s) for s in surfaces]
    if entity_type is EntityType.GOV_BODY:
        for form in forms:
            if name_key(form).endswith(" administration") and len(form.split()) == 2:
                return form.split()[0] + " administration"
    non_acronyms = [f for f in forms if not _is_acronym_text(f)] or forms
    if entity_type is EntityType.PRODUCT:  # the base name, not one version of it: "Zephyrine", not "Zephyrine 4"
        return max(non_acronyms, key=lambda f: (not _VERSIONISH.match(f.split()[-1]), surfaces.get(f, 0), -len(f)))
    if entity_type is EntityType.PERSON:
        return max(non_acronyms, key=lambda f: (len(person_name_tokens(f)), surfaces.get(f, 0), len(f)))
    return max(
        non_acronyms, key=lambda f: (len(f.split()) > 1 and not f.startswith("The "), surfaces.get(f, 0), len(f))
    )


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def suggest_fuzzy_merges(entities: list[Entity]) -> list[MergeSuggestion]:
    """Look-alike names of one type (misspellings, transliterations): suggestions, never merges."""
    blocks: dict[tuple[EntityType, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.hidden or _is_acronym_text(entity.name):
            continue
        key = name_key(entity.name)
        blocks[(entity.type, key[:1])].append(entity)
        if entity.type is EntityType.PERSON and " " in key:
            blocks[(entity.type, "last:" + key.split()[-1][:1])].append(entity)
    seen: set[tuple[str, str]] = set()
    suggestions: list[MergeSuggestion] = []
    for block in blocks.values():
        if len(block) > 400:
            block = block[:400]  # bound the quadratic work on very large corpora
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                pair = (min(a.id, b.id), max(a.id, b.id))
                if pair in seen or a.id == b.id:
                    continue
                seen.add(pair)
                if abs(len(a.name) - len(b.name)) > 4:
                    continue
                score = similarity(a.name, b.name)
                if (
                    score >= FUZZY_SUGGESTION_FLOOR
                    and not _differ_by_a_number(a.name, b.name)
                    and not _both_known(a.name, b.name)
                ):
                    first, second = (a, b) if a.id == pair[0] else (b, a)
                    suggestions.append(
                        MergeSuggestion(
                            id=f"{pair[0]}|{pair[1]}",
                            entity_ids=(first.id, second.id),
                            names=(first.name, second.name),
                            score=round(score, 3),
                            reason="similar spelling",
                        )
                    )
    suggestions.sort(key=lambda s: -s.score)
    return suggestions


def _both_known(a: str, b: str) -> bool:
    """ "Australia" and "Austria": two names the gazetteer or the place list knows apart are two things,
    however alike their spelling."""
    known = gazetteer().by_name
    places = wordlists().places
    return (a in known or a in places) and (b in known or b in places)


def _differ_by_a_number(a: str, b: str) -> bool:
    # "GPT-4" vs "GPT-5", "World War I" vs "World War II": different things, not misspellings.
    return re.sub(r"[\dIVX]+\b", "#", a) == re.sub(r"[\dIVX]+\b", "#", b) and a != b
