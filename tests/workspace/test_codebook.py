"""The codebook on real annotation files: counts, descriptions, passages, rename and merge, undo, export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from caseview.annotations.codebook import CODEBOOK_FILE, CodebookError
from caseview.workspace import Workspace

from .conftest import EUROPE, WSJ

DOC_003 = "003_dcac92be05b45050.txt"


def _tag_three(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"], note="first use")
    workspace.annotate_quote(DOC_003, "supply chain risk designation", tags=["Designation", "pentagon"])
    workspace.annotate_quote(EUROPE, "explicitly opposed expanding", tags=["opposition"])


def _tags_on_disk(workspace: Workspace) -> list[tuple[str, ...]]:
    fresh = Workspace(workspace.root)  # another reader: what is in the files, not in this session's memory
    return sorted(annotation.tags for annotation in fresh.annotations())


def test_summary_counts_tags_case_insensitively_with_documents(workspace: Workspace) -> None:
    """Every tag once (any case), its annotation and document counts, most used first."""
    _tag_three(workspace)
    rows = workspace.codebook.summary()
    assert [(row.name, row.count, row.documents) for row in rows] == [
        ("designation", 2, 2),
        ("opposition", 1, 1),
        ("pentagon", 1, 1),
    ]


def test_descriptions_are_kept_in_the_corpus_folder(workspace: Workspace) -> None:
    """A description is written to caseview-codebook.json and shown in the summary; empty removes it."""
    _tag_three(workspace)
    workspace.codebook.describe("opposition", "The administration resists the rollout")
    stored = json.loads((workspace.root / CODEBOOK_FILE).read_text(encoding="utf-8"))
    assert stored["tags"] == {"opposition": {"description": "The administration resists the rollout"}}
    by_name = {row.name: row.description for row in workspace.codebook.summary()}
    assert by_name["opposition"] == "The administration resists the rollout"
    workspace.codebook.describe("Opposition", "")
    assert workspace.codebook.codebook.descriptions() == {}


def test_passages_of_a_tag_cross_documents(workspace: Workspace) -> None:
    """All passages tagged X, any case, with quote, document and note, by document."""
    _tag_three(workspace)
    passages = workspace.codebook.passages("DESIGNATION")
    assert [(p.doc_id, p.quote, p.note) for p in passages] == [
        (WSJ, "supply chain risk designation", "first use"),
        (DOC_003, "supply chain risk designation", None),
    ]
    text = workspace.document(WSJ).text
    assert text[passages[0].start : passages[0].end] == "supply chain risk designation"


def test_merge_changes_every_file_and_one_undo_brings_all_back(workspace: Workspace) -> None:
    """Merging two tags rewrites both documents' annotation files; one ctrl+z undoes the whole merge."""
    _tag_three(workspace)
    before = _tags_on_disk(workspace)
    change = workspace.codebook.merge(["designation", "opposition"], "dispute")
    assert change.changed == 3 and set(change.doc_ids) == {WSJ, DOC_003, EUROPE}
    assert _tags_on_disk(workspace) == sorted([("dispute",), ("dispute", "pentagon"), ("dispute",)])
    assert workspace.search("tag:dispute").total == 3
    undone = workspace.undo()
    assert undone is not None and "merge tags" in undone.description
    assert _tags_on_disk(workspace) == before
    workspace.redo()
    assert _tags_on_disk(workspace) == sorted([("dispute",), ("dispute", "pentagon"), ("dispute",)])


def test_rename_into_a_tag_already_there_keeps_it_once(workspace: Workspace) -> None:
    """Renaming "pentagon" to "designation" on an annotation that has both leaves one "designation"."""
    _tag_three(workspace)
    change = workspace.codebook.rename("pentagon", "designation")
    assert change.changed == 1 and change.description.startswith("merge tags")
    assert ("Designation",) in _tags_on_disk(workspace)
    assert all(tags.count("designation") + tags.count("Designation") <= 1 for tags in _tags_on_disk(workspace))


def test_rename_moves_the_description(workspace: Workspace) -> None:
    """The renamed tag keeps its description."""
    _tag_three(workspace)
    workspace.codebook.describe("opposition", "resists")
    change = workspace.codebook.rename("opposition", "resistance")
    assert change.description.startswith("rename tag 'opposition' → 'resistance'")
    assert {row.name: row.description for row in workspace.codebook.summary()}["resistance"] == "resists"


def test_rename_of_an_unused_tag_is_one_line_and_changes_nothing(workspace: Workspace) -> None:
    """A tag nobody used, or a rename to itself, is refused with a message; no file changes."""
    _tag_three(workspace)
    before = _tags_on_disk(workspace)
    with pytest.raises(CodebookError, match="no annotation is tagged 'nope'"):
        workspace.codebook.rename("nope", "other")
    with pytest.raises(CodebookError, match="already"):
        workspace.codebook.rename("designation", "DESIGNATION ")
    assert _tags_on_disk(workspace) == before


def test_export_markdown_and_csv(workspace: Workspace) -> None:
    """The export cites each passage's document title; CSV has one row per passage, formula-guarded."""
    _tag_three(workspace)
    workspace.edit_annotation(workspace.codebook.passages("designation")[0].annotation_id, note="=HYPERLINK(1)")
    markdown = workspace.codebook.export("designation", "md")
    title = {info.id: info.title for info in workspace.documents()}[WSJ]
    assert markdown.startswith("# Tag: designation\n") and "2 passages in 2 documents." in markdown
    assert "> supply chain risk designation" in markdown and title.split()[0] in markdown
    rows = list(csv.reader(io.StringIO(workspace.codebook.export("designation", "csv"))))
    assert rows[0][:3] == ["tag", "document", "title"] and len(rows) == 3
    assert rows[1][7] == "'=HYPERLINK(1)"
    path = workspace.codebook.write_export("designation", "csv")
    assert path == workspace.root / "tag-designation.csv" and path.read_bytes().startswith(b"\xef\xbb\xbf")
