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
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from caseview.extract.entities import person_name_tokens
from caseview.extract.lexicon import GazetteerEntry, cues, gazetteer
from caseview.extract.models import DocMention, DocumentExtraction, Entity, EntityType, MergeSuggestion

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


@dataclass
class _Node:
    """All mentions that share one (type, normalised name) — the unit that merges."""

    type: EntityType
    key: str
    gazetteer: GazetteerEntry | None = None
    mentions: list[DocMention] = field(default_factory=list)
    long_forms: set[str] = field(default_factory=set)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}
        self.how: dict[tuple, set[str]] = defaultdict(set)

    def find(self, item: tuple) -> tuple:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: tuple, b: tuple, how: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.how[ra] |= self.how.pop(rb, set()) | {how}


@dataclass(frozen=True)
class Resolution:
    entities: tuple[Entity, ...]
    suggestions: tuple[MergeSuggestion, ...]


def resolve_entities(documents: dict[str, DocumentExtraction]) -> Resolution:
    """Merge the mentions of every document into entities, and suggest fuzzy merges."""
    gaz_by_key = _gazetteer_keys()
    nodes: dict[tuple, _Node] = {}

    def node_for(entity_type: EntityType, text: str, entry: GazetteerEntry | None) -> tuple:
        if entry is None:
            entry = gaz_by_key.get((entity_type, name_key(text)))
        node_key = ("gaz", entry.name) if entry else (entity_type, name_key(text))
        if node_key not in nodes:
            nodes[node_key] = _Node(entry.type if entry else entity_type, node_key[1] if entry else node_key[1], entry)
        return node_key

    uf = _UnionFind()
    gaz_entries = {e.name: e for e in gazetteer().entries}
    for doc_id, extraction in documents.items():
        for m in extraction.mentions:
            key = node_for(m.type, m.text, gaz_entries.get(m.gazetteer) if m.gazetteer else None)
            nodes[key].mentions.append(DocMention(doc_id=doc_id, start=m.start, end=m.end, text=m.text, cue=m.cue))
            uf.find(key)
            if m.expands_to:
                long_key = node_for(m.type, m.expands_to, gaz_entries.get(m.gazetteer) if m.gazetteer else None)
                uf.union(long_key, key, "acronym")
    _merge_acronyms(nodes, uf)
    _merge_surnames(nodes, uf)
    _adopt_candidates(documents, nodes, uf, node_for)
    _merge_product_heads(nodes, uf)
    groups: dict[tuple, list[_Node]] = defaultdict(list)
    for key, node in nodes.items():
        if node.mentions:
            groups[uf.find(key)].append(node)
    entities = [_entity_of(members, uf.how.get(root, set())) for root, members in groups.items()]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return Resolution(tuple(entities), tuple(suggest_fuzzy_merges(entities)))


def _gazetteer_keys() -> dict[tuple[EntityType, str], GazetteerEntry]:
    keys: dict[tuple[EntityType, str], GazetteerEntry] = {}
    for entry in gazetteer().entries:
        for name in (entry.name, *entry.aliases):
            keys.setdefault((entry.type, name_key(name)), entry)
    return keys


def _is_acronym_text(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _initials_index(nodes: dict[tuple, _Node]) -> dict[str, set[tuple]]:
    """Initials of every multi-word name ("OMB" → the node of "Office of Management and Budget")."""
    connectors = cues().connectors
    index: dict[str, set[tuple]] = defaultdict(set)
    for key, node in nodes.items():
        if not node.mentions:
            continue
        words = [w for w in node.mentions[0].text.split() if w]
        if len(words) < 2:
            continue
        index["".join(w[0] for w in words).upper()].add(key)
        index["".join(w[0] for w in words if w.lower() not in connectors).upper()].add(key)
    return index


def _acronym_roots(text: str, index: dict[str, set[tuple]], uf: _UnionFind) -> set[tuple]:
    return {uf.find(k) for k in index.get(text.replace(".", "").upper(), ())}


def _merge_acronyms(nodes: dict[tuple, _Node], uf: _UnionFind) -> None:
    index = _initials_index(nodes)
    for acr_key, node in list(nodes.items()):
        if not node.mentions or not _is_acronym_text(node.mentions[0].text):
            continue
        matches = _acronym_roots(node.mentions[0].text, index, uf) - {uf.find(acr_key)}
        if len(matches) == 1:
            uf.union(matches.pop(), acr_key, "acronym")


def _surname_index(nodes: dict[tuple, _Node], uf: _UnionFind) -> dict[str, set[tuple]]:
    index: dict[str, set[tuple]] = defaultdict(set)
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


def _merge_surnames(nodes: dict[tuple, _Node], uf: _UnionFind) -> None:
    index = _surname_index(nodes, uf)
    for key, node in nodes.items():
        if node.type is not EntityType.PERSON or not node.mentions or len(node.key.split()) != 1:
            continue
        roots = {uf.find(r) for r in index.get(node.key, set())} - {uf.find(key)}
        if len(roots) == 1:
            uf.union(roots.pop(), key, "surname")


def _adopt_candidates(documents, nodes, uf, node_for) -> None:
    """An untyped chunk becomes a mention when the corpus knows its name (or surname, or acronym)."""
    by_key: dict[str, set[tuple]] = defaultdict(set)
    for key, node in nodes.items():
        if node.mentions:
            by_key[node.key].add(uf.find(key))
            for m in node.mentions:
                by_key[name_key(m.text)].add(uf.find(key))
    surnames = _surname_index(nodes, uf)
    initials = _initials_index(nodes)
    for doc_id, extraction in documents.items():
        for candidate in extraction.candidates:
            key = name_key(candidate.text)
            roots = {uf.find(r) for r in by_key.get(key, set())}
            how = "exact"
            if not roots and " " not in key:
                roots = {uf.find(r) for r in surnames.get(key, set())}
                how = "surname"
            if not roots and _is_acronym_text(candidate.text):
                roots = _acronym_roots(candidate.text, initials, uf)
                how = "acronym"
            if len(roots) != 1:
                continue
            root = roots.pop()
            target_type = nodes[root].type if root in nodes else EntityType.ORG
            new_key = node_for(target_type, candidate.text, None)
            nodes[new_key].mentions.append(
                DocMention(
                    doc_id=doc_id, start=candidate.start, end=candidate.end, text=candidate.text, cue=f"corpus-{how}"
                )
            )
            uf.union(root, new_key, how)


_CONTAINMENT_TYPES = (EntityType.PRODUCT, EntityType.EVENT, EntityType.ORG, EntityType.GOV_BODY, EntityType.PUBLICATION)


def _merge_product_heads(nodes: dict[tuple, _Node], uf: _UnionFind) -> None:
    """A longer name that contains exactly one shorter name of its type is that thing: "Mythos 5" →
    "Mythos" (products: any part), "FIFA World Cup" → "World Cup" (others: a multi-word ending)."""
    for entity_type in _CONTAINMENT_TYPES:
        _merge_contained(nodes, uf, [k for k, n in nodes.items() if n.type is entity_type and n.mentions], entity_type)


def _merge_contained(nodes: dict[tuple, _Node], uf: _UnionFind, keys: list[tuple], entity_type: EntityType) -> None:
    by_words: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
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
        if len(contained) == 1:
            uf.union(contained.pop(), key, "product-head" if entity_type is EntityType.PRODUCT else "contained-name")


def _entity_of(members: list[_Node], how: set[str]) -> Entity:
    mentions = sorted((m for n in members for m in n.mentions), key=lambda m: (m.doc_id, m.start))
    entry = next((n.gazetteer for n in members if n.gazetteer), None)
    type_votes = Counter(n.type for n in members for _ in n.mentions)
    entity_type = entry.type if entry else type_votes.most_common(1)[0][0]
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
                pair = tuple(sorted((a.id, b.id)))
                if pair in seen or a.id == b.id:
                    continue
                seen.add(pair)
                if abs(len(a.name) - len(b.name)) > 4:
                    continue
                score = similarity(a.name, b.name)
                if score >= FUZZY_SUGGESTION_FLOOR and not _differ_by_a_number(a.name, b.name):
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


def _differ_by_a_number(a: str, b: str) -> bool:
    # "GPT-4" vs "GPT-5", "World War I" vs "World War II": different things, not misspellings.
    return re.sub(r"[\dIVX]+\b", "#", a) == re.sub(r"[\dIVX]+\b", "#", b) and a != b
