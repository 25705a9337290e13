"""How fast provenance analysis is at scale, and how many rewrite pairs it finds among unrelated texts.

    .venv/bin/python -m benchmarks.provenance_bench [--docs 10000] [--paragraphs 2] [--json out.json]

Documents are made from the State of the Union addresses of the ``sotu`` package (the ``bench``
extra): consecutive paragraphs of one address, ``--paragraphs`` at a time, so each document reads
like a short article. Pairs between two addresses of one president are reported apart: such
addresses really repeat each other (a written message and its broadcast version, a paragraph reused
a year later). Pairs across presidents are the candidates for false pairs, the measure behind the
target of at most 1 per 1,000 documents — the list is printed so a reader can check each one (so
far every one was a real quotation: Hayes quoting Washington, Truman quoting Roosevelt).
Target: 10,000 documents in under a minute on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks.corpora import sotu_speeches, split_paragraphs
from caseview.provenance import SourceText, analyse_provenance


def make_documents(count: int, per_document: int) -> list[SourceText]:
    documents: list[SourceText] = []
    for speech in sotu_speeches():
        paragraphs = split_paragraphs(speech.text)
        for index in range(0, len(paragraphs) - per_document + 1, per_document):
            text = "\n".join(paragraphs[index : index + per_document])
            documents.append(
                SourceText(
                    doc_id=f"{speech.fileid}-{index:04d}.txt", text=text, outlet=None, published=speech.published
                )
            )
            if len(documents) == count:
                return documents
    return documents


def _speaker(doc_id: str) -> str:
    """``1945-Roosevelt-2-0030.txt`` → ``Roosevelt``."""
    return doc_id.split("-")[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--paragraphs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    documents = make_documents(args.docs, args.paragraphs)
    megabytes = sum(len(doc.text.encode("utf-8")) for doc in documents) / 1e6
    load = os.getloadavg()[0]
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    report = analyse_provenance(documents)
    cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
    per_thousand = len(report.pairs) / len(documents) * 1000
    # Related addresses of one president (a written message and its spoken version, a text reused
    # the next year) share real text: those pairs are true copies, not false ones.
    cross = [pair for pair in report.pairs if _speaker(pair.derived) != _speaker(pair.origin)]
    print(f"{len(documents)} documents, {megabytes:.1f} MB, load {load:.2f}")
    print(f"analysed in {wall:.1f} s wall, {cpu:.1f} s CPU ({len(documents) / cpu:.0f} documents per CPU-second)")
    print(
        f"pairs found: {len(report.pairs)} ({per_thousand:.2f} per 1,000 documents), of which "
        f"{len(report.pairs) - len(cross)} between addresses of one president and {len(cross)} across presidents "
        f"({len(cross) / len(documents) * 1000:.2f} per 1,000 documents)"
    )
    for pair in cross + [pair for pair in report.pairs if pair not in cross][: max(0, 12 - len(cross))]:
        print(f"  {pair.derived} ~ {pair.origin}: {pair.kind} {pair.score} — {'; '.join(pair.reasons)}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "documents": len(documents),
                    "megabytes": megabytes,
                    "load": load,
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "pairs": len(report.pairs),
                    "cross_speaker_pairs": len(cross),
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
