"""A folder with every kind of bad input opens: what is readable is found, each problem named once."""

from pathlib import Path

import pytest

from caseview.workspace import Workspace


def _messy_corpus(root: Path) -> Path:
    root.mkdir()
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500))
    (root / "windows.txt").write_bytes(b"The \x93Mythos\x94 model\r\nsecond line\r\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "one-line.txt").write_text(("word " * 200_000) + "lastword")
    (root / "etc").symlink_to("/etc")
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "page.html").write_text("<html><body><p>Hello &amp; welcome</p><script>x()</script></body></html>")
    (root / "mail.eml").write_text("Subject: Tip\nFrom: a@b.c\n\nThe tip body\n")
    return root


@pytest.mark.slow  # indexes a 1 MB single-line document
def test_everything_readable_is_found_and_each_problem_named_once(tmp_path: Path) -> None:
    workspace = Workspace.open(_messy_corpus(tmp_path / "messy"))
    ids = {info.id for info in workspace.documents()}
    assert ids == {"windows.txt", "one-line.txt", "page.html", "mail.eml"}
    problems = [warning.path for warning in workspace.last_report.warnings]
    assert sorted(problems) == sorted(["photo.txt", "empty.txt", "etc", "passwd.txt", "windows.txt"])
    assert len(problems) == len(set(problems))


@pytest.mark.slow
def test_messy_documents_are_searchable(tmp_path: Path) -> None:
    workspace = Workspace.open(_messy_corpus(tmp_path / "messy"))
    assert [hit.doc_id for hit in workspace.search('"Mythos model"').hits] == ["windows.txt"]
    assert workspace.document("windows.txt").text == "The “Mythos” model\nsecond line\n"
    assert [hit.doc_id for hit in workspace.search("lastword").hits] == ["one-line.txt"]
    assert [hit.doc_id for hit in workspace.search("welcome").hits] == ["page.html"]
    assert workspace.search("x").hits == [] or "page.html" not in {h.doc_id for h in workspace.search("x").hits}
    assert [hit.doc_id for hit in workspace.search("title:tip").hits] == ["mail.eml"]
