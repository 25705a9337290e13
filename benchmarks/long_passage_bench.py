"""Re-anchoring one long passage after a one-word edit: how the time grows with the passage's length.

    /work/main/.venv/bin/python benchmarks/long_passage_bench.py [--lengths 3000,6000,12000] [--repeat 3]

Issue 12 measured 0.5 s at 3,000 characters, 2.4 s at 6,000 and 9.8 s at 12,000 (quadratic); the
target is ≤ 0.2 s at 12,000. Each passage is one paragraph built from the bundled seeds' sentences,
annotated whole, with one word replaced in its middle; re-anchored with the snapshot (as the
annotation service does) and without (an annotation from another tool, no snapshot). Prints the
best of ``--repeat`` runs per case, and the status, so a fast wrong answer shows as one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import TextPosition, quote_for_span

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def long_paragraph(length: int) -> str:
    """A single paragraph of about ``length`` characters of real prose (the seeds' words, no line breaks)."""
    words = " ".join(path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))).split()
    return " ".join(words)[:length].rsplit(" ", 1)[0] + "."


def case(length: int, every: int = 0) -> tuple[str, str, TextPosition]:
    """(old text, new text, the passage's position in the old text): the paragraph between two short ones.

    One word in the middle replaced; with ``every``, also one word in every ``every`` (a heavy edit).
    """
    paragraph = long_paragraph(length)
    old = f"Opening line of the piece.\n\n{paragraph}\n\nClosing line of the piece.\n"
    start = old.index(paragraph)
    middle = start + len(paragraph) // 2
    word_start = old.index(" ", middle) + 1
    word_end = old.index(" ", word_start)
    edited = old[start:word_start] + "REPLACED" + old[word_end : start + len(paragraph)]
    if every:
        words = edited.split(" ")
        edited = " ".join("CHANGED" if number % every == every // 2 else word for number, word in enumerate(words))
    new = old[:start] + edited + old[start + len(paragraph) :]
    return old, new, TextPosition(start=start, end=start + len(paragraph))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="3000,6000,12000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for length in (int(value) for value in args.lengths.split(",")):
        for every, edit in ((0, "one word"), (20, "1 word in 20")):
            old, new, position = case(length, every)
            quote = quote_for_span(old, position.start, position.end)
            for label, snapshot in ((f"{edit}, with snapshot", old), (f"{edit}, no snapshot", None)):
                best = float("inf")
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    result = reanchor(quote, position, new, snapshot=snapshot)
                    best = min(best, time.perf_counter() - started)
                print(
                    f"{length:>6} chars  {label:<28} {best:7.3f} s  "
                    f"{result.status} ({result.method}) {result.start}:{result.end}"
                )


if __name__ == "__main__":
    main()
