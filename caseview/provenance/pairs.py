"""Which documents copy or rewrite which, with a score and the reasons an analyst can check.

Candidate pairs come from an inverted index, never from comparing every document with every other:
two documents become candidates when their shingle sketches share values, when one cites the
other's outlet, or when they share names rare in the corpus. Only candidates are scored:

- the same words → ``copy``;
- most word 5-grams shared → ``near-copy`` (a new headline, other boilerplate);
- an explicit citation of the other's outlet plus shared quotes, names or numbers, and most passages
  aligned → ``rewrite`` (a translation, a paraphrase) — or, without a citation, at least two shared
  quotations and nearly every passage aligned.

Two independent reports of one event share names and numbers too; what they lack is a citation of
each other, shared quotations and passage-by-passage correspondence, so they are not paired.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from caseview.provenance.alignment import ALIGN_THRESHOLD, align, passages
from caseview.provenance.features import quotes_match, resemblance
from caseview.provenance.models import RewriteKind, RewritePair
from caseview.provenance.outlets import is_known_outlet
from caseview.provenance.profile import Profile

#: Resemblance (share of word 5-grams) from which two texts are near copies.
NEAR_COPY_RESEMBLANCE = 0.5
#: A feature in more documents than this is common vocabulary, not evidence that one copies another.
MAX_FEATURE_DOCS = 8
#: Sketch values two documents must share to be compared.
MIN_SHARED_SKETCH = 3
#: Rare names two documents must share to be compared.
MIN_SHARED_NAMES = 2
#: Share of the derived document's passages that must align, with and without a citation.
MIN_COVERAGE_CITED = 0.4
MIN_COVERAGE_UNCITED = 0.7


def candidate_pairs(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring."""
    sketch_index: dict[int, list[int]] = defaultdict(list)
    name_index: dict[str, list[int]] = defaultdict(list)
    outlet_index: dict[str, list[int]] = defaultdict(list)
    for position, profile in enumerate(profiles):
        for value in profile.sketch:
            sketch_index[value].append(position)
        for name in profile.names:
            name_index[name].append(position)
        if profile.outlet:
            outlet_index[profile.outlet].append(position)
    shared_sketch: dict[tuple[int, int], int] = defaultdict(int)
    shared_names: dict[tuple[int, int], int] = defaultdict(int)
    for postings, counter in ((sketch_index, shared_sketch), (name_index, shared_names)):
        for members in postings.values():
            if 1 < len(members) <= MAX_FEATURE_DOCS:
                for pair in combinations(members, 2):
                    counter[pair] += 1
    fingerprints: dict[str, list[int]] = defaultdict(list)
    for position, profile in enumerate(profiles):
        fingerprints[profile.fingerprint].append(position)
    candidates = {pair for pair, count in shared_sketch.items() if count >= MIN_SHARED_SKETCH}
    candidates |= {pair for pair, count in shared_names.items() if count >= MIN_SHARED_NAMES}
    for members in fingerprints.values():
        candidates |= set(combinations(members, 2))
    for position, profile in enumerate(profiles):
        for outlet in profile.cited_outlets:
            for other in outlet_index.get(outlet, ()):
                if other != position:
                    candidates.add((min(position, other), max(position, other)))
    return candidates


def score_pair(first: Profile, second: Profile, name_docs: dict[str, int]) -> RewritePair | None:
    """The relation between two candidate documents, or ``None`` when they are independent."""
    derived, origin, direction_known = _direction(first, second)
    if first.fingerprint == second.fingerprint:
        return RewritePair(
            derived=derived.doc_id,
            origin=origin.doc_id,
            kind="copy",
            score=1.0,
            reasons=("the same text",),
            direction_known=direction_known,
            resemblance=1.0,
        )
    similar = resemblance(first.sketch, second.sketch)
    cites = derived.citation_count(origin.outlet) if origin.outlet else 0
    quotes = _shared_quotes(derived, origin)
    names = sorted(
        (
            derived.names[key]
            for key in derived.names.keys() & origin.names.keys()
            if name_docs.get(key, 0) <= 3 and not is_known_outlet(derived.names[key])
        ),
        key=str.lower,
    )
    numbers = sorted(number for number in derived.numbers & origin.numbers if len(number) > 1)
    kind: RewriteKind | None = None
    if similar >= NEAR_COPY_RESEMBLANCE:
        kind = "near-copy"
    elif (cites and (quotes or len(names) >= 2 or len(numbers) >= 2)) or len(quotes) >= 2:
        kind = "rewrite"
    if kind is None:
        return None
    aligned, coverage = align(derived.source.text, origin.source.text)
    if kind == "rewrite" and coverage < (MIN_COVERAGE_CITED if cites else MIN_COVERAGE_UNCITED):
        return None
    if kind == "rewrite" and not cites and _told_alike(derived, origin) < MIN_COVERAGE_UNCITED:
        return None
    reasons = []
    if cites:
        reasons.append(f"cites {origin.outlet} {_times(cites)}")
    if similar >= 0.05:
        reasons.append(f"shares {similar:.0%} of its word sequences")
    if quotes:
        reasons.append(f"{len(quotes)} shared quote{'s' if len(quotes) != 1 else ''}: " + "; ".join(quotes[:3]))
    if names:
        reasons.append(f"{len(names)} shared rare name{'s' if len(names) != 1 else ''}: " + ", ".join(names[:5]))
    if numbers:
        reasons.append(f"{len(numbers)} shared number{'s' if len(numbers) != 1 else ''}: " + ", ".join(numbers[:5]))
    reasons.append(f"{coverage:.0%} of its passages correspond")
    if kind == "near-copy":
        score = similar
    else:
        score = min(
            1.0, 0.5 * coverage + 0.2 * min(1.0, len(quotes) / 2) + 0.2 * bool(cites) + 0.1 * min(1.0, len(names) / 4)
        )
    return RewritePair(
        derived=derived.doc_id,
        origin=origin.doc_id,
        kind=kind,
        score=round(score, 3),
        reasons=tuple(reasons),
        direction_known=direction_known,
        resemblance=round(similar, 3),
        aligned=aligned,
        coverage=round(coverage, 3),
    )


def find_pairs(profiles: Sequence[Profile]) -> list[RewritePair]:
    """Every copy, near copy and rewrite among ``profiles``, strongest first."""
    name_docs: dict[str, int] = defaultdict(int)
    for profile in profiles:
        for name in profile.names:
            name_docs[name] += 1
    found = []
    for i, j in sorted(candidate_pairs(profiles)):
        pair = score_pair(profiles[i], profiles[j], name_docs)
        if pair is not None:
            found.append(pair)
    return sorted(found, key=lambda pair: (-pair.score, pair.derived, pair.origin))


def _direction(first: Profile, second: Profile) -> tuple[Profile, Profile, bool]:
    """(derived, origin, whether the evidence says so): who cites whom, else who was published later."""
    first_cites = bool(second.outlet) and first.citation_count(second.outlet or "") > 0
    second_cites = bool(first.outlet) and second.citation_count(first.outlet or "") > 0
    if first_cites != second_cites:
        return (first, second, True) if first_cites else (second, first, True)
    a, b = first.source.published, second.source.published
    if a is not None and b is not None and a != b:
        return (first, second, True) if a > b else (second, first, True)
    ordered = sorted((first, second), key=lambda profile: profile.doc_id)
    return ordered[1], ordered[0], False


def _told_alike(derived: Profile, origin: Profile) -> float:
    """Share of the derived text's passages that strongly correspond once the quotations are taken out.

    Without a citation, shared quotations are not enough: two reporters at one press conference
    quote the same words, and with the same names and numbers their passages correspond too. A
    rewrite also retells the narrative between the quotes; independent reports word it their own way.
    """
    derived_text, origin_text = _without_quotes(derived), _without_quotes(origin)
    aligned, _ = align(derived_text, origin_text)
    total = len(passages(derived_text))
    return sum(1 for passage in aligned if passage.score >= ALIGN_THRESHOLD) / total if total else 0.0


def _without_quotes(profile: Profile) -> str:
    """The text with the words inside quotation marks blanked (offsets unchanged)."""
    text = profile.source.text
    for quote in profile.quotes:
        text = text[: quote.start] + " " * (quote.end - quote.start) + text[quote.end :]
    return text


def _shared_quotes(derived: Profile, origin: Profile) -> list[str]:
    text = derived.source.text
    shared: dict[frozenset[str], str] = {}
    for quote in derived.quotes:
        if quote.words not in shared and any(quotes_match(quote, other) for other in origin.quotes):
            shared[quote.words] = "“" + " ".join(text[quote.start : quote.end].split()).rstrip(".,;:") + "”"
    return list(shared.values())


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
