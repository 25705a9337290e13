"""Corpus-level events: rewrites of one statement become one event with several sources; related
events from different sources form a cluster; some pairs are flagged for the analyst (flags, not
verdicts).

Same statement (collapsed): two documents, actions of one family, the same actors (or none), and
wording that overlaps (content-word overlap at least ``SAME_STATEMENT_OVERLAP``; a little less when
they share two entities or more). Flags, never between two copies of one statement:
- ``contradiction`` — opposing statements of fact (lexicon ``opposing``, or one said and denied;
  not plans or hypotheses) sharing at least two entities, at the same or an unknown time;
- ``development`` — the same opposition when both are dated and the later source tells of the
  change, or the same action at different times;
- ``number_discrepancy`` — two sources count the same thing (organisations, people, flights, …) about
  the same entity with counts that cannot both be true (about 50 vs more than 100), unless their
  wording says the counts are of different happenings (14 people treated, 200 people evacuated).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from caseview.extract.eventlex import event_lexicon
from caseview.extract.models import EventCandidate, EventCluster, EventFlag, EventSource, Quantity
from caseview.extract.quantities import compatible, same_happening

MAX_BUCKET = 200
SAME_STATEMENT_OVERLAP = 0.3
SAME_STATEMENT_OVERLAP_SHARED = 0.2
#: Related rows of different actions of one family cluster only when their wording overlaps this much.
CLUSTER_OVERLAP = 0.12
_CONTENT_WORD_RE = re.compile(r"[a-z][a-z’'-]{2,}")
_STOP = frozenset(
    """the and that this with from for are was were has have had its their his her our they them which who
    what when where while also both been being into onto over under than then there these those would could
    should will about after before such other some more most many much very said says according""".split()
)


@dataclass(frozen=True)
class EventAssembly:
    """The corpus's event rows (rewrites collapsed), clusters of related rows, and flags."""

    events: list[EventCandidate]
    clusters: list[EventCluster]
    flags: list[EventFlag]


def _entities(event: EventCandidate) -> frozenset[str]:
    return frozenset(event.actors) | frozenset(event.objects)


def _words(event: EventCandidate) -> frozenset[str]:
    """The content words of what the event's sentence says, less those of who says it (", Sheriff
    Whitfield told Riverside Public Radio on Wednesday" makes two accounts no closer)."""
    words = frozenset(w for w in _CONTENT_WORD_RE.findall(event.evidence_text.lower()) if w not in _STOP)
    if event.attribution:
        words -= frozenset(_CONTENT_WORD_RE.findall(event.attribution.lower()))
    return words


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _same_family(a: EventCandidate, b: EventCandidate) -> bool:
    lexicon = event_lexicon()
    return a.action == b.action or lexicon.family(a.action) == lexicon.family(b.action)


#: Statements of fact can be incompatible; a plan or a hypothesis ("would allow") cannot contradict one.
_FACTUAL = frozenset({"reported", "denied"})


def _opposing(a: EventCandidate, b: EventCandidate) -> bool:
    if a.modality not in _FACTUAL or b.modality not in _FACTUAL:
        return False
    if event_lexicon().opposed(a.action, b.action):
        return a.negated == b.negated
    return _same_family(a, b) and a.negated != b.negated


def _shared_enough(a: EventCandidate, b: EventCandidate) -> bool:
    ea, eb = _entities(a), _entities(b)
    shared = len(ea & eb)
    return shared >= 2 or (shared >= 1 and min(len(ea), len(eb)) == 1) or _same_actor_and_thing(a, b)


def _object_words(event: EventCandidate) -> frozenset[str]:
    return frozenset(w for w in _CONTENT_WORD_RE.findall(event.object_text.lower()) if w not in _STOP)


def _same_actor_and_thing(a: EventCandidate, b: EventCandidate) -> bool:
    """One actor doing something to one unnamed thing: "Sheriff Whitfield ordered the evacuation …" and
    "Whitfield lifted the evacuation order" (the thing is a word their objects share)."""
    return bool(set(a.actors) & set(b.actors)) and bool(_object_words(a) & _object_words(b))


def _same_statement(a: EventCandidate, b: EventCandidate, words: dict[str, frozenset[str]]) -> bool:
    if a.doc_id == b.doc_id or not _same_family(a, b) or a.negated != b.negated:
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    overlap = _overlap(words[a.id], words[b.id])
    shared = len(_entities(a) & _entities(b))
    return overlap >= SAME_STATEMENT_OVERLAP or (shared >= 2 and overlap >= SAME_STATEMENT_OVERLAP_SHARED)


def _interval(event: EventCandidate) -> tuple[date, date] | None:
    if event.when is None:
        return None
    return event.when, event.when_end or event.when


def _disjoint(a: EventCandidate, b: EventCandidate) -> bool:
    ia, ib = _interval(a), _interval(b)
    return ia is not None and ib is not None and (ia[1] < ib[0] or ib[1] < ia[0])


def _source(event: EventCandidate) -> EventSource:
    return EventSource(
        doc_id=event.doc_id,
        event_id=event.id,
        evidence_start=event.evidence_start,
        evidence_end=event.evidence_end,
        evidence_text=event.evidence_text,
    )


def _candidate_pairs(events: list[EventCandidate], by_actor: bool = False) -> list[tuple[int, int]]:
    """Pairs of events that share two entities (or their only one); ``by_actor``: or an actor (what it
    did to an unnamed thing may be flagged, see :func:`_same_actor_and_thing`; copies of a statement
    are not looked for that way)."""
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        ents = sorted(_entities(event))[:6]
        keys: list[tuple[str, ...]] = [*combinations(ents, 2)] or [(e,) for e in ents]
        if by_actor:
            keys.extend(("actor", actor) for actor in event.actors[:3])
        for key in keys:
            if len(buckets[key]) < MAX_BUCKET:
                buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(combinations(members, 2))
    return sorted(pairs)


def _counts_differ(a: tuple[Quantity, ...], b: tuple[Quantity, ...]) -> bool:
    """Do two sentences count one kind of thing, for one happening, differently? A copy of a statement
    copies its numbers: "about 200 residents" and "more than 150 residents" are two accounts."""
    return any(
        qa.counted == qb.counted and same_happening(qa, qb) and (qa.low, qa.high) != (qb.low, qb.high)
        for qa in a
        for qb in b
    )


def collapse_rewrites(
    events: list[EventCandidate], counts: Mapping[str, tuple[Quantity, ...]] = {}
) -> list[EventCandidate]:
    """One row per statement: copies of it in other documents become extra ``sources`` of the
    row told by the earliest-dated (else first) document. ``counts`` (event id → the counts its
    sentence states): two sentences that count one thing differently are two statements, not copies."""
    words = {e.id: _words(e) for e in events}
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    docs = [{e.doc_id} for e in events]  # per root: the documents already in its group
    stated = [counts.get(e.id, ()) for e in events]  # per root: the counts its sentences state
    for i, j in _candidate_pairs(events):
        if _same_statement(events[i], events[j], words):
            root_i, root_j = find(i), find(j)
            if root_i == root_j or docs[root_i] & docs[root_j]:  # one copy per document
                continue
            if _counts_differ(stated[root_i], stated[root_j]):
                continue  # "60 cancelled flights" and "cancelled 75 flights" are two accounts
            parent[root_j] = root_i
            docs[root_i] |= docs[root_j]
            stated[root_i] = stated[root_i] + stated[root_j]
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(events)):
        groups[find(index)].append(index)
    rows: list[EventCandidate] = []
    for members in sorted(groups.values()):
        copies = sorted((events[i] for i in members), key=lambda e: (e.when or date.max, e.doc_id, e.evidence_start))
        primary = copies[0]
        rows.append(
            primary.model_copy(
                update={
                    "sources": tuple(_source(e) for e in copies),
                    "actors": tuple(dict.fromkeys(a for e in copies for a in e.actors)),
                    "objects": tuple(dict.fromkeys(o for e in copies for o in e.objects)),
                    "attribution": primary.attribution or next((e.attribution for e in copies if e.attribution), ""),
                }
            )
        )
    return rows


def assemble_events(
    events: list[EventCandidate], labels: Mapping[str, str], quantities: Mapping[str, tuple[Quantity, ...]] = {}
) -> EventAssembly:
    """Collapse rewrites, cluster related rows across documents and flag pairs; ``labels`` maps
    entity id → name, ``quantities`` document id → its counts (entity ids resolved)."""
    rows = collapse_rewrites(events, _sentence_counts(events, quantities))
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    flags: dict[tuple[str, str, str], EventFlag] = {}
    for i, j in _candidate_pairs(rows, by_actor=True):
        a, b = rows[i], rows[j]
        docs_a, docs_b = {s.doc_id for s in a.sources}, {s.doc_id for s in b.sources}
        if docs_a & docs_b or not _shared_enough(a, b):
            continue
        flag = _flag(a, b, labels)
        if flag is not None:
            key = (a.doc_id, b.doc_id, flag.kind)
            if key not in flags or len(flag.reason) > len(flags[key].reason):
                flags[key] = flag
        related = a.action == b.action or _overlap(_words(a), _words(b)) >= CLUSTER_OVERLAP
        if related and _same_family(a, b) and a.negated == b.negated and not _disjoint(a, b):
            parent[find(j)] = find(i)
    for flag in _number_flags(rows, quantities, labels):
        flags[(flag.event_ids[0], flag.event_ids[1], flag.kind)] = flag
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(rows)):
        groups[find(index)].append(index)
    clusters: list[EventCluster] = []
    assigned: dict[int, str] = {}
    for members in groups.values():
        docs = sorted({s.doc_id for i in members for s in rows[i].sources})
        if len(docs) < 2:
            continue
        cluster_id = f"c{len(clusters) + 1}"
        for i in members:
            assigned[i] = cluster_id
        clusters.append(
            EventCluster(
                id=cluster_id,
                event_ids=tuple(rows[i].id for i in members),
                doc_ids=tuple(docs),
                label=_label([rows[i] for i in members], labels),
            )
        )
    updated = [e.model_copy(update={"cluster": assigned.get(i)}) for i, e in enumerate(rows)]
    return EventAssembly(updated, clusters, sorted(flags.values(), key=lambda f: f.event_ids))


def _sentence_counts(
    events: list[EventCandidate], quantities: Mapping[str, tuple[Quantity, ...]]
) -> dict[str, tuple[Quantity, ...]]:
    """Event id → the counts stated in its sentence (only for events whose sentence states one)."""
    counts: dict[str, tuple[Quantity, ...]] = {}
    for event in events:
        inside = tuple(
            q for q in quantities.get(event.doc_id, ()) if event.evidence_start <= q.start < event.evidence_end
        )
        if inside:
            counts[event.id] = inside
    return counts


def _when_label(event: EventCandidate) -> str:
    """ "2026-04-16", "2026-06" (a whole month), "2026" (a whole year), "a…b", or "undated"."""
    if event.when is None:
        return "undated"
    start, end = event.when, event.when_end or event.when
    if start == end:
        return start.isoformat()
    if start.day == 1 and (end + timedelta(days=1)).day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}…{end.isoformat()}"


def _said(event: EventCandidate) -> str:
    return ("not " if event.negated else "") + event.action


def _flag(a: EventCandidate, b: EventCandidate, labels: Mapping[str, str]) -> EventFlag | None:
    shared = ", ".join(sorted(labels.get(e, e) for e in _entities(a) & _entities(b)))
    first, second = sorted((a, b), key=lambda e: (e.when or date.max, e.doc_id))
    pair = (first.id, second.id)
    # The same actor and the same thing: two entities shared, or an actor and a word of their objects.
    if _opposing(a, b) and (len(_entities(a) & _entities(b)) >= 2 or _same_actor_and_thing(a, b)):
        if _disjoint(a, b) and first.when_source != "undated" and second.when_source != "undated":
            return EventFlag(
                kind="development",
                event_ids=pair,
                reason=f"{first.doc_id} ({_when_label(first)}) says '{_said(first)}', later {second.doc_id} "
                f"({_when_label(second)}) says '{_said(second)}' about {shared}",
            )
        return EventFlag(
            kind="contradiction",
            event_ids=pair,
            reason=f"{first.doc_id} says '{_said(first)}', {second.doc_id} says '{_said(second)}' about {shared}",
        )
    if a.action == b.action and a.negated == b.negated and _disjoint(a, b) and "text" in (a.when_source, b.when_source):
        return EventFlag(
            kind="development",
            event_ids=pair,
            reason=f"'{a.action}' about {shared} at different times ({_when_label(first)}, then {_when_label(second)})",
        )
    return None


def _nearest_row(
    told: list[tuple[EventCandidate, tuple[tuple[int, int], ...]]], quantity: Quantity, counts: tuple[Quantity, ...]
) -> EventCandidate | None:
    """The row that tells the count (its sentence holds one of the document's counts), else the
    nearest row about the same entity, else the document's row nearest the count: a count told in a
    sentence that is no event ("about 5,100 households rely on the Lakeside plant") still disagrees
    (``told``: the rows the document is a source of, in row order, each with the document's evidence
    spans in it)."""
    mine = [(r, spans) for r, spans in told if set(quantity.entities) & _entities(r)]
    telling = [(r, spans) for r, spans in mine if any(s <= q.start < e for s, e in spans for q in counts)]
    candidates = telling or mine or told
    if not candidates:
        return None
    return min(candidates, key=lambda item: min(abs(s - quantity.start) for s, _ in item[1]))[0]


def _number_flags(
    rows: list[EventCandidate], quantities: Mapping[str, tuple[Quantity, ...]], labels: Mapping[str, str]
) -> list[EventFlag]:
    """One flag per pair of documents whose counts of one kind of thing, about one entity, disagree."""
    flags: list[EventFlag] = []
    # Document → the rows it is a source of, each with the document's evidence spans in it.
    told_by: dict[str, list[tuple[EventCandidate, tuple[tuple[int, int], ...]]]] = defaultdict(list)
    for row in rows:
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for source in row.sources:
            spans[source.doc_id].append((source.evidence_start, source.evidence_end))
        for doc_id, doc_spans in spans.items():
            told_by[doc_id].append((row, tuple(doc_spans)))
    counting = sorted(doc_id for doc_id, counts in quantities.items() if counts)
    for doc_a, doc_b in combinations(counting, 2):
        for qa in quantities[doc_a]:
            clash = [
                qb
                for qb in quantities[doc_b]
                if qb.counted == qa.counted
                and same_happening(qa, qb)
                and set(qa.entities) & set(qb.entities)
                and not compatible(qa, qb)
            ]
            if not clash:
                continue
            qb = clash[0]
            row_a = _nearest_row(told_by[doc_a], qa, quantities[doc_a])
            row_b = _nearest_row(told_by[doc_b], qb, quantities[doc_b])
            if row_a is None or row_b is None or row_a.id == row_b.id:
                continue
            about = ", ".join(sorted(labels.get(e, e) for e in set(qa.entities) & set(qb.entities)))
            told_a = [
                q.text
                for q in quantities[doc_a]
                if q.counted == qa.counted and same_happening(q, qa) and set(q.entities) & set(qb.entities)
            ]
            told_b = [
                q.text
                for q in quantities[doc_b]
                if q.counted == qa.counted and same_happening(q, qb) and set(q.entities) & set(qa.entities)
            ]
            flags.append(
                EventFlag(
                    kind="number_discrepancy",
                    event_ids=(row_a.id, row_b.id),
                    reason=f"{doc_a} counts {' / '.join(told_a)}, {doc_b} counts {' / '.join(dict.fromkeys(told_b))} "
                    f"({qa.counted}s, about {about})",
                )
            )
            break
    return flags


def _label(members: list[EventCandidate], labels: Mapping[str, str]) -> str:
    action = Counter(e.action for e in members).most_common(1)[0][0]
    # Counted in the order the events name them (actors first), not a set's order: ties keep that
    # order, so the label is the same on every run (a set's order changes with the hash seed).
    entity_counts = Counter(x for e in members for x in dict.fromkeys((*e.actors, *e.objects)))
    names = [labels.get(x, x) for x, _ in entity_counts.most_common(3)]
    return f"{action}: {', '.join(names)}"


def cluster_events(
    events: list[EventCandidate], labels: dict[str, str]
) -> tuple[list[EventCandidate], list[EventCluster], list[EventFlag]]:
    """The earlier entry point, kept for callers: ``assemble_events`` without counts."""
    assembly = assemble_events(events, labels)
    return assembly.events, assembly.clusters, assembly.flags
