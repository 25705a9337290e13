"""Change detection at scale (issue 17, point 1): the scan compares plain stamps with the manifest, and
still finds every add, edit, delete and rename, sidecars included, with folder mtimes left alone; an
extras stamp that names its sidecar suffix is called only for documents whose folder lists one."""

from __future__ import annotations

import json
import os
from pathlib import Path

from caseview.corpus import scan_corpus
from caseview.corpus.loader import scan_stamps
from caseview.search import IndexExtras
from caseview.workspace.core import CorpusIndex
from caseview.workspace.ingest import plan_refresh


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _corpus(root: Path) -> Path:
    for number in range(12):
        _write(root / f"folder{number % 3}" / f"note{number}.txt", f"Paragraph {number} about harbour cranes.\n")
    _write(root / "folder0" / "note0.txt.meta.json", json.dumps({"title": "Cranes at dawn"}))
    _write(root / "folder1" / "note1.meta.json", json.dumps({"title": "Short-named sidecar"}))
    return root


def _keeping_folder_mtimes(root: Path) -> dict[Path, tuple[int, int]]:
    return {folder: (folder.stat().st_atime_ns, folder.stat().st_mtime_ns) for folder in root.iterdir()}


def _restore(times: dict[Path, tuple[int, int]]) -> None:
    for folder, (atime, mtime) in times.items():
        if folder.exists():
            os.utime(folder, ns=(atime, mtime))


def _rewrite_in_place(path: Path, text: str) -> None:
    """The same file, the same folder entry, another size: as an editor saving in place does."""
    with path.open("r+", encoding="utf-8") as handle:
        handle.truncate(0)
        handle.write(text)


def _titles(index: CorpusIndex) -> dict[str, str]:
    return {info.id: info.title for info in index.documents()}


def test_the_stamps_are_those_of_the_files_scan_corpus_finds(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    _write(root / "folder2" / "note2.txt.annotations.json", "{}")
    scan = scan_stamps(root, marked=(".annotations.json",))
    files = scan_corpus(root).files
    assert sorted(scan.stamps) == [entry.doc_id for entry in files]
    assert {entry.doc_id: (entry.size, entry.mtime_ns, entry.meta_mtime_ns) for entry in files} == scan.stamps
    assert scan.stamps["folder0/note0.txt"][2] == (root / "folder0" / "note0.txt.meta.json").stat().st_mtime_ns
    assert scan.stamps["folder1/note1.txt"][2] == (root / "folder1" / "note1.meta.json").stat().st_mtime_ns
    assert scan.stamps["folder2/note5.txt"][2] == 0
    assert scan.marked == {"folder2/note2.txt.annotations.json"}
    assert all(entry.path == root / entry.doc_id for entry in files)


def test_edits_in_place_of_documents_and_sidecars_are_found_under_unchanged_folder_mtimes(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    index = CorpusIndex(root)
    index.refresh()
    times = _keeping_folder_mtimes(root)
    _rewrite_in_place(root / "folder2" / "note2.txt", "Paragraph 2 about dredgers and silt.\n")
    _rewrite_in_place(root / "folder0" / "note0.txt.meta.json", json.dumps({"title": "Cranes at dusk, retitled"}))
    _rewrite_in_place(root / "folder1" / "note1.meta.json", json.dumps({"title": "Short sidecar, retitled"}))
    _restore(times)
    assert _keeping_folder_mtimes(root) == times
    other = CorpusIndex(root)  # the next CLI command: a new process's view
    report = other.refresh()
    assert sorted(report.indexed) == ["folder0/note0.txt", "folder1/note1.txt", "folder2/note2.txt"]
    assert other.files_read == 3 and report.unchanged == 9
    assert _titles(other)["folder0/note0.txt"] == "Cranes at dusk, retitled"
    assert _titles(other)["folder1/note1.txt"] == "Short sidecar, retitled"
    assert [hit.doc_id for hit in other.search("dredgers").hits] == ["folder2/note2.txt"]
    assert other.refresh().indexed == [] and other.files_read == 0
    index.close()
    other.close()


def test_a_sidecar_added_or_removed_rereads_its_document(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    index = CorpusIndex(root)
    index.refresh()
    _write(root / "folder2" / "note5.txt.meta.json", json.dumps({"title": "A sidecar arrives"}))
    (root / "folder0" / "note0.txt.meta.json").unlink()
    report = index.refresh()
    assert sorted(report.indexed) == ["folder0/note0.txt", "folder2/note5.txt"] and index.files_read == 2
    assert _titles(index)["folder2/note5.txt"] == "A sidecar arrives"
    assert _titles(index)["folder0/note0.txt"] != "Cranes at dawn"
    index.close()


def test_a_rename_and_a_delete_are_found(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    index = CorpusIndex(root)
    index.refresh()
    (root / "folder1" / "note4.txt").rename(root / "folder2" / "renamed.txt")
    (root / "folder0" / "note3.txt").unlink()
    report = index.refresh()
    assert report.indexed == ["folder2/renamed.txt"] and index.files_read == 1
    assert report.removed == ["folder0/note3.txt", "folder1/note4.txt"] and report.unchanged == 10
    assert sorted(_titles(index)) == sorted(
        [f"folder{number % 3}/note{number}.txt" for number in range(12) if number not in (3, 4)]
        + ["folder2/renamed.txt"]
    )
    index.close()


def test_the_plan_of_an_unchanged_scan_has_no_work_and_counts_every_document(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    index = CorpusIndex(root)
    index.refresh()
    scan = scan_stamps(root)
    known = {doc_id: (*stamp, "") for doc_id, stamp in scan.stamps.items()}
    plan = plan_refresh(scan.stamps, known, {}, lambda _doc_id: "")
    assert (plan.to_read, plan.removed, plan.unchanged) == ([], [], 12)
    moved = dict(known, **{"folder1/note7.txt": (1, 2, 3, "")})
    replanned = plan_refresh(scan.stamps, moved, {}, lambda _doc_id: "")
    assert [key[0] for key in replanned.to_read] == ["folder1/note7.txt"] and replanned.unchanged == 11
    index.close()


class _TagFiles:
    """A second program's tags beside each document (``note.txt.tags``): an extras provider and stamp."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stamped: list[str] = []

    def stamp(self, doc_id: str) -> str:
        self.stamped.append(doc_id)
        try:
            stat = (self.root / (doc_id + ".tags")).stat()
        except OSError:
            return ""
        return f"tags={stat.st_size}:{stat.st_mtime_ns}"

    def extras(self, document: object) -> IndexExtras:
        doc_id = getattr(document, "id")  # noqa: B009 - a Document; typed loosely to stay a plain provider
        try:
            tags = (self.root / (doc_id + ".tags")).read_text("utf-8").split()
        except OSError:
            tags = []
        return IndexExtras(tags=tuple(tags))


def test_a_stamp_with_a_sidecar_suffix_is_called_only_where_the_listing_holds_one(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    tags = _TagFiles(root)
    index = CorpusIndex(root)
    index.add_extras_provider(tags.extras)
    index.add_extras_stamp(tags.stamp, sidecar_suffix=".tags")
    index.refresh()
    tags.stamped.clear()
    assert index.refresh().indexed == [] and tags.stamped == []  # no tag file: no call at all
    times = _keeping_folder_mtimes(root)
    _write(root / "folder1" / "note7.txt.tags", "lighthouse")
    report = index.refresh()
    assert report.indexed == ["folder1/note7.txt"] and tags.stamped.count("folder1/note7.txt") >= 1
    assert [hit.doc_id for hit in index.search("tag:lighthouse").hits] == ["folder1/note7.txt"]
    _rewrite_in_place(root / "folder1" / "note7.txt.tags", "lighthouse beacon")
    _restore(times)
    assert index.refresh().indexed == ["folder1/note7.txt"]
    assert [hit.doc_id for hit in index.search("tag:beacon").hits] == ["folder1/note7.txt"]
    (root / "folder1" / "note7.txt.tags").unlink()
    tags.stamped.clear()
    assert index.refresh().indexed == ["folder1/note7.txt"]  # its stamp went back to empty
    assert index.search("tag:lighthouse").hits == []
    index.close()


def test_a_changed_extras_stamp_alone_plans_the_tags_not_the_file_when_annotations_are_apart(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    scan = scan_stamps(root)
    known = {doc_id: (*stamp, "") for doc_id, stamp in scan.stamps.items()}

    def stamp(doc_id: str) -> str:
        return "annotations=1:2:3" if doc_id == "folder2/note5.txt" else ""

    apart = plan_refresh(scan.stamps, known, {}, stamp, annotations_apart=True)
    assert (apart.to_read, apart.annotations_only, apart.unchanged) == ([], ["folder2/note5.txt"], 12)
    together = plan_refresh(scan.stamps, known, {}, stamp)
    assert [key[0] for key in together.to_read] == ["folder2/note5.txt"] and together.annotations_only == []
