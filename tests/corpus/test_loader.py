"""Discovering and reading the documents of a corpus folder, and saying clearly what was skipped."""

import os
from datetime import date
from pathlib import Path

import pytest

from caseview.corpus import UnreadableDocument, read_document, scan_corpus


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _read(root: Path, doc_id: str):
    entry = next(entry for entry in scan_corpus(root).files if entry.doc_id == doc_id)
    return read_document(entry)[0]


def test_documents_are_found_recursively_with_posix_ids(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "A")
    _write(tmp_path, "sub/deeper/b.md", "B")
    _write(tmp_path, "notes.xlsx", "not a document format")
    assert [entry.doc_id for entry in scan_corpus(tmp_path).files] == ["a.txt", "sub/deeper/b.md"]


def test_hidden_folders_and_derived_data_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "kept.txt", "kept")
    _write(tmp_path, ".git/x.txt", "no")
    _write(tmp_path, ".caseview/cache.txt", "no")
    _write(tmp_path, ".hidden.txt", "no")
    assert [entry.doc_id for entry in scan_corpus(tmp_path).files] == ["kept.txt"]


def test_a_link_out_of_the_corpus_is_named_and_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outside = _write(tmp_path, "secret.txt", "outside")
    (corpus / "leak.txt").symlink_to(outside)
    (corpus / "etc").symlink_to("/etc")
    scan = scan_corpus(corpus)
    assert scan.files == []
    reasons = {warning.path: warning.reason for warning in scan.warnings}
    assert "outside the corpus folder" in reasons["leak.txt"]
    assert "not followed" in reasons["etc"]


def test_a_link_inside_the_corpus_is_followed(tmp_path: Path) -> None:
    target = _write(tmp_path, "real.txt", "real text")
    (tmp_path / "alias.txt").symlink_to(target)
    assert [entry.doc_id for entry in scan_corpus(tmp_path).files] == ["alias.txt", "real.txt"]


def test_a_dangling_link_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    scan = scan_corpus(tmp_path)
    assert scan.files == [] and len(scan.warnings) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files without permission")
def test_a_file_without_read_permission_is_refused_clearly(tmp_path: Path) -> None:
    path = _write(tmp_path, "locked.txt", "secret")
    path.chmod(0)
    entry = scan_corpus(tmp_path).files[0]
    with pytest.raises(UnreadableDocument, match="no permission"):
        read_document(entry)


def test_html_keeps_visible_text_with_entities_decoded(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "page.html",
        (
            "<html><head><title>Mythos &amp; the Pentagon</title><style>p{}</style>"
            "<script>alert(1)</script></head><body><h1>Heading</h1><p>Caf&eacute; &lt;b&gt; talk</p></body></html>"
        ),
    )
    document = _read(tmp_path, "page.html")
    assert document.text == "Heading\n\nCafé <b> talk"
    assert document.meta.title == "Mythos & the Pentagon"


def test_email_subject_from_and_date_become_metadata(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "tip.eml",
        (
            "From: Source <source@example.org>\r\nSubject: Mythos access list\r\n"
            "Date: Tue, 21 Apr 2026 09:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Around 120 organisations.\r\n"
        ),
    )
    document = _read(tmp_path, "tip.eml")
    assert document.text == "Around 120 organisations."
    assert (document.meta.title, document.meta.author, document.meta.published) == (
        "Mythos access list",
        "Source <source@example.org>",
        date(2026, 4, 21),
    )


def test_a_sidecar_gives_title_outlet_and_date(tmp_path: Path) -> None:
    _write(tmp_path, "story.txt", "First line\nBody")
    _write(tmp_path, "story.txt.meta.json", '{"title": "Given", "outlet": "FT", "date": "2026-04-20"}')
    meta = _read(tmp_path, "story.txt").meta
    assert (meta.title, meta.outlet, meta.published) == ("Given", "FT", date(2026, 4, 20))


def test_a_broken_sidecar_is_reported_and_inference_used(tmp_path: Path) -> None:
    _write(tmp_path, "story.txt", "Real title\nBody")
    _write(tmp_path, "story.meta.json", "{not json")
    entry = scan_corpus(tmp_path).files[0]
    document, notes = read_document(entry)
    assert document.meta.title == "Real title"
    assert "metadata ignored" in notes[0].reason and not notes[0].skipped


def test_front_matter_gives_metadata_and_stays_in_the_text(tmp_path: Path) -> None:
    source = "---\ntitle: Front\ndate: 2026-04-02\n---\nBody text\n"
    _write(tmp_path, "note.md", source)
    document = _read(tmp_path, "note.md")
    assert document.text == source
    assert (document.meta.title, document.meta.published) == ("Front", date(2026, 4, 2))


def test_title_inference_skips_newsletter_boilerplate(seed_corpus: Path) -> None:
    (seed_corpus / "000_465b9804960b177b.txt.meta.json").unlink()  # its sidecar gives the title: infer it
    meta = _read(seed_corpus, "000_465b9804960b177b.txt").meta
    assert meta.title.startswith("Anthropic is in discussions with the US government")
    assert meta.outlet == "Financial Times"


def test_a_long_single_line_title_is_shortened_at_a_word(tmp_path: Path) -> None:
    _write(tmp_path, "long.txt", "word " * 100)
    title = _read(tmp_path, "long.txt").meta.title
    assert len(title) <= 160 and title.endswith("…") and "wor…" not in title


def test_a_dateline_gives_the_publication_date(tmp_path: Path) -> None:
    _write(tmp_path, "wire.txt", "Headline\nWASHINGTON, April 21, 2026 (Reuters) - Officials said…")
    assert _read(tmp_path, "wire.txt").meta.published == date(2026, 4, 21)


def test_case_exports_beside_the_documents_are_not_documents(tmp_path: Path) -> None:
    _write(tmp_path, "article.md", "An article")
    _write(tmp_path, "case.memo.md", "# Memo")
    _write(tmp_path, "leads.memo.html", "<p>Memo</p>")
    assert [entry.doc_id for entry in scan_corpus(tmp_path).files] == ["article.md"]


def _awkward_folder(root: Path) -> Path:
    """Sidecars of both namings, a folder named like a sidecar, links in and out, a FIFO, exports."""
    _write(root, "a/one.txt", "one")
    _write(root, "a/one.txt.meta.json", "{}")
    _write(root, "a/two.md", "two")
    _write(root, "a/two.meta.json", "{}")
    _write(root, "a/b/Three.TXT", "three")
    _write(root, "a/b/Three.TXT.annotations.json", "{}")
    _write(root, "x.meta.json/inner.txt", "inside a folder named like a sidecar")
    _write(root, "noext", "no suffix")
    _write(root, "noext.meta.json", "{}")
    _write(root, "case.memo.md", "an export")
    secret = _write(root.parent, "secret.txt", "outside the corpus")
    corpus = root
    (corpus / "leak.txt").symlink_to(secret)
    (corpus / "alias.txt").symlink_to(corpus / "a" / "one.txt")
    (corpus / "side.txt").write_text("linked sidecar")
    (corpus / "side.txt.meta.json").symlink_to(corpus / "a" / "one.txt.meta.json")
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "folder-link").symlink_to(corpus / "a")
    if hasattr(os, "mkfifo"):
        os.mkfifo(corpus / "pipe.txt")
    return corpus


def test_the_scan_by_descriptor_and_by_path_find_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where folders can be opened as descriptors a file is stat'd by name in its open folder; the
    by-path walk (the other platforms') must stamp, warn and mark exactly the same."""
    from caseview.corpus import loader

    root = _awkward_folder(tmp_path / "corpus")
    some = {"a/one.txt", "a/b/Three.TXT", "pipe.txt", "gone.txt", "missing/none.txt"}
    scans = []
    for by_descriptor in (True, False):
        monkeypatch.setattr(loader, "_BY_DESCRIPTOR", by_descriptor)
        scans.append([loader.scan_stamps(root, only, (".annotations.json",)) for only in (None, some)])
    assert scans[0] == scans[1]
    whole = scans[0][0]
    found = ["a/b/Three.TXT", "a/one.txt", "a/two.md", "alias.txt", "side.txt", "x.meta.json/inner.txt"]
    assert sorted(whole.stamps) == found
    assert whole.stamps["side.txt"][2] == (root / "a" / "one.txt.meta.json").stat().st_mtime_ns  # through the link
    assert whole.stamps["a/two.md"][2] == (root / "a" / "two.meta.json").stat().st_mtime_ns
    assert whole.marked == {"a/b/Three.TXT.annotations.json"}
    assert {warning.path for warning in whole.warnings} >= {"gone.txt", "folder-link", "leak.txt"}
