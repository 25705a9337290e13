"""Format extraction benchmark: PDF text-layer speed, a 300-page PDF, and re-opening unchanged PDFs.

    .venv/bin/python benchmarks/formats_bench.py [--files N] [--pages N]

Generates its PDFs (reportlab, the test extra) in a temporary folder, then measures on one core:

- text-layer pages per second (target ≥ 50 per core), from a ``--pages``-page PDF (default 300),
  which must also be extracted well within 10 s;
- a corpus of ``--files`` small PDFs (default 1,000) read once through the text cache, then again:
  the second pass must extract nothing (every text comes from the cache);
- through the workspace (what the app and the CLI do): the ``--pages``-page PDF searchable (opened,
  extracted, indexed, its last page's words found) within 10 s, and the ``--files`` corpus opened,
  then re-opened unchanged: the re-open reads no file and extracts nothing.

Quote the numbers with ``uptime``: the machine is shared, and its load changes them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from caseview.corpus import TextCache, read_document, scan_corpus
from caseview.corpus import extraction as extraction_module
from caseview.corpus.extraction import Extractor
from caseview.corpus.formats import ExtractedText, ReadOptions
from caseview.workspace import Workspace

LINE = "The committee reviewed the harbour accounts and the transfers to offshore trusts in detail."


def write_pdf(path: Path, pages: int, lines_per_page: int = 45) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        pdf.setFont("Helvetica", 10)
        y = 800
        for line in range(lines_per_page):
            pdf.drawString(40, y, f"{page + 1}.{line + 1} {LINE}")
            y -= 17
        pdf.showPage()
    pdf.save()


class ExtractionCounter:
    """Counts real extractions by wrapping the registered readers (the cache sits in front of them)."""

    def __init__(self) -> None:
        self.count = 0
        extractors = extraction_module.EXTRACTORS
        extraction_module.EXTRACTORS = {fmt: self._wrap(extractor) for fmt, extractor in extractors.items()}

    def _wrap(self, extractor: Extractor) -> Extractor:
        def read(data: bytes, options: ReadOptions) -> ExtractedText:
            self.count += 1
            return extractor.read(data, options)

        return Extractor(extractor.version, read)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="small PDFs in the re-open corpus")
    parser.add_argument("--pages", type=int, default=300, help="pages of the long PDF")
    args = parser.parse_args()
    print(f"uptime: {os.popen('uptime').read().strip()}")
    failures = []
    with tempfile.TemporaryDirectory(prefix="caseview-formats-bench-") as folder:
        root = Path(folder) / "long"
        root.mkdir()
        started = time.perf_counter()
        write_pdf(root / "long.pdf", args.pages)
        print(f"wrote a {args.pages}-page PDF in {time.perf_counter() - started:.1f} s")
        entry = scan_corpus(root).files[0]
        started = time.process_time()
        wall = time.perf_counter()
        document, _ = read_document(entry)  # no cache: a real extraction
        cpu, elapsed = time.process_time() - started, time.perf_counter() - wall
        pages_per_s = len(document.pages) / cpu
        print(
            f"long PDF: {len(document.pages)} pages, {len(document.text):,} characters in {elapsed:.2f} s wall, "
            f"{cpu:.2f} s CPU → {pages_per_s:.0f} pages/s per core (target ≥ 50; 300 pages well within 10 s)"
        )
        if pages_per_s < 50:
            failures.append("pages per second")
        if args.pages == 300 and elapsed >= 10:
            failures.append("300-page PDF time")

        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        started = time.perf_counter()
        write_pdf(corpus / "template.pdf", 3, 30)
        template = (corpus / "template.pdf").read_bytes()
        (corpus / "template.pdf").unlink()
        for number in range(args.files):
            # Distinct bytes per file (a trailing comment), so each is its own cache entry.
            (corpus / f"doc{number:05d}.pdf").write_bytes(template + b"%% copy %d\n" % number)
        print(f"wrote {args.files} PDFs in {time.perf_counter() - started:.1f} s")
        counter = ExtractionCounter()
        cache = TextCache(corpus / ".caseview")
        entries = scan_corpus(corpus).files
        for label in ("first open", "re-open (unchanged)"):
            before = counter.count
            wall = time.perf_counter()
            for item in entries:
                read_document(item, cache)
            elapsed = time.perf_counter() - wall
            print(f"{label}: {len(entries)} PDFs in {elapsed:.2f} s, {counter.count - before} extractions")
        if counter.count != len(entries):
            failures.append("re-open extracted again")
        failures += workspace_phases(root, corpus, args.pages, counter)
    print("PASS" if not failures else "FAIL: " + ", ".join(failures))
    return 0 if not failures else 1


def workspace_phases(long_root: Path, corpus: Path, pages: int, counter: ExtractionCounter) -> list[str]:
    """The same through the workspace: a long PDF searchable, a PDF corpus re-opened without extraction."""
    failures = []
    wall = time.perf_counter()
    workspace = Workspace.open(long_root)
    hits = workspace.search(f'"{pages}.45 The committee"').hits
    elapsed = time.perf_counter() - wall
    found = [hit.doc_id for hit in hits] == ["long.pdf"] and hits[0].snippets[0].page == pages
    print(f"workspace: the {pages}-page PDF searchable (last page found, p. {pages}) in {elapsed:.2f} s: {found}")
    if not found or (pages == 300 and elapsed >= 10):
        failures.append("long PDF searchable")
    workspace.close()
    for label in ("workspace first open", "workspace re-open (unchanged)"):
        before = counter.count
        wall = time.perf_counter()
        workspace = Workspace.open(corpus)
        elapsed = time.perf_counter() - wall
        read = workspace.corpus_index.files_read
        print(
            f"{label}: {len(workspace.documents())} documents in {elapsed:.2f} s, "
            f"{read} files read, {counter.count - before} extractions"
        )
        workspace.close()
    if read or counter.count != before:
        failures.append("workspace re-open read or extracted")
    return failures


if __name__ == "__main__":
    sys.exit(main())
