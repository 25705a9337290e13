"""Corpus-level events: which candidates from different sources tell of the same happening, and
which pairs look like a development or a contradiction (flags for the analyst, not verdicts).

Two events are about the same happening when they share at least two entities (actors or objects;
one if either names only one), their actions are of one family or opposing, and their times (when
both are known) overlap. Within such a group, a pair from two documents is flagged:
- ``contradiction`` — opposing actions (lexicon ``opposing``), or one action said and denied;
- ``development`` — the same action at different times, or with different numbers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

from caseview.extract.lexicon import actions
from caseview.extract.models import EventCandidate, EventCluster, EventFlag

MAX_BUCKET = 200
_NUMBER_RE = re.compile(r"\b\d[\d,.]*\b")


def _entities(event: EventCandidate) -> frozenset[str]:
    return frozenset(event.actors) | frozenset(event.objects)


def _opposing(a: EventCandidate, b: EventCandidate) -> bool:
    lexicon = actions()
    if frozenset((a.action, b.action)) in lexicon.opposing:
        return a.negated == b.negated
    return a.action == b.action and a.negated != b.negated


def _same_family(a: EventCandidate, b: EventCandidate) -> bool:
    families = actions().families
    return a.action == b.action or families.get(a.action) == families.get(b.action)


def _times_compatible(a: EventCandidate, b: EventCandidate) -> bool:
    if a.time is None or b.time is None or not a.time.resolved or not b.time.resolved:
        return True
    return a.time.start_date <= b.time.end_date and b.time.start_date <= a.time.end_date


def _shared_enough(a: EventCandidate, b: EventCandidate) -> bool:
    ea, eb = _entities(a), _entities(b)
    shared = len(ea & eb)
    return shared >= 2 or (shared >= 1 and min(len(ea), len(eb)) == 1)


def cluster_events(
    events: list[EventCandidate], labels: dict[str, str]
) -> tuple[list[EventCandidate], list[EventCluster], list[EventFlag]]:
    """Assign clusters to events (across documents) and flag pairs; ``labels`` maps entity id → name."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        ents = sorted(_entities(event))[:6]
        keys = list(combinations(ents, 2)) or [(e,) for e in ents]
        for key in keys:
            if len(buckets[key]) < MAX_BUCKET:
                buckets[key].append(index)
    flags: dict[tuple, EventFlag] = {}
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, j in combinations(members, 2):
            if (i, j) in checked:
                continue
            checked.add((i, j))
            a, b = events[i], events[j]
            if a.doc_id == b.doc_id or not _shared_enough(a, b):
                continue
            opposing, related = _opposing(a, b), _same_family(a, b)
            if not (opposing or related):
                continue
            times_ok = _times_compatible(a, b)
            flag = _flag(a, b, labels, times_ok)
            if flag is not None:
                key = (a.doc_id, b.doc_id, flag.kind, frozenset((a.action, b.action)))
                if key not in flags or len(flag.reason) > len(flags[key].reason):
                    flags[key] = flag
            if times_ok and related and a.negated == b.negated:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(events)):
        groups[find(index)].append(index)
    clusters: list[EventCluster] = []
    assigned: dict[int, str] = {}
    for members in groups.values():
        docs = sorted({events[i].doc_id for i in members})
        if len(docs) < 2:
            continue
        cluster_id = f"c{len(clusters) + 1}"
        for i in members:
            assigned[i] = cluster_id
        clusters.append(
            EventCluster(
                id=cluster_id,
                event_ids=tuple(events[i].id for i in members),
                doc_ids=tuple(docs),
                label=_label([events[i] for i in members], labels),
            )
        )
    updated = [e.model_copy(update={"cluster": assigned.get(i)}) for i, e in enumerate(events)]
    return updated, clusters, sorted(flags.values(), key=lambda f: f.event_ids)


def _flag(a: EventCandidate, b: EventCandidate, labels: dict[str, str], times_ok: bool) -> EventFlag | None:
    shared = ", ".join(sorted(labels.get(e, e) for e in _entities(a) & _entities(b)))
    pair = tuple(sorted((a.id, b.id)))
    if _opposing(a, b):
        said = lambda e: ("not " if e.negated else "") + e.action  # noqa: E731
        return EventFlag(
            kind="contradiction",
            event_ids=pair,
            reason=f"{a.doc_id} says '{said(a)}', {b.doc_id} says '{said(b)}' about {shared}",
        )
    if a.action != b.action:
        return None
    if not times_ok:
        return EventFlag(kind="development", event_ids=pair, reason=f"'{a.action}' about {shared} at different times")
    numbers_a, numbers_b = set(_NUMBER_RE.findall(a.evidence_text)), set(_NUMBER_RE.findall(b.evidence_text))
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return EventFlag(
            kind="development",
            event_ids=pair,
            reason=f"'{a.action}' about {shared} with different numbers ({', '.join(sorted(numbers_a))} vs {', '.join(sorted(numbers_b))})",
        )
    return None


def _label(members: list[EventCandidate], labels: dict[str, str]) -> str:
    action = Counter(e.action for e in members).most_common(1)[0][0]
    entity_counts = Counter(x for e in members for x in _entities(e))
    names = [labels.get(x, x) for x, _ in entity_counts.most_common(3)]
    return f"{action}: {', '.join(names)}"
