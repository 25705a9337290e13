"""Bad input: zip bombs, corrupt archives, XML entities, special files. Each named once, never a traceback."""

from __future__ import annotations

import io
import os
import socket
import struct
import zipfile
from pathlib import Path

import pytest

from caseview.corpus import FileEntry, UnreadableDocument, entry_for, read_document, scan_corpus
from tests.corpus.cfb import stream, write_cfb
from tests.corpus.makers import make_docx, make_epub, make_odt


def _read(root: Path, doc_id: str):
    entry = entry_for(root, doc_id)
    assert entry is not None
    return read_document(entry)


def _bomb(member: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A small zip whose ``member`` inflates to 80 MB of zeros (past the 64 MB member bound)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\x00" * (1 << 20)
            for _ in range(80):
                handle.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "member"),
    [("bomb.docx", "word/document.xml"), ("bomb.odt", "content.xml"), ("bomb.epub", "META-INF/container.xml")],
)
def test_a_zip_bomb_is_named_and_not_inflated(tmp_path: Path, name: str, member: str) -> None:
    data = _bomb(member)
    assert len(data) < 200_000
    (tmp_path / name).write_bytes(data)
    with pytest.raises(UnreadableDocument, match="zip bomb") as refused:
        _read(tmp_path, name)
    assert refused.value.kind == "limit"


def test_a_member_that_declares_a_false_small_size_is_never_inflated_past_it(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    real_size = 5_000_000
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * real_size)
    data = buffer.getvalue()
    declared = struct.pack("<I", real_size)
    assert data.count(declared) == 2  # the local header and the central directory
    (tmp_path / "liar.docx").write_bytes(data.replace(declared, struct.pack("<I", 100)))
    with pytest.raises(UnreadableDocument, match="corrupt or truncated"):
        _read(tmp_path, "liar.docx")


@pytest.mark.parametrize("maker", [make_docx, make_odt, make_epub])
def test_truncated_zip_documents_are_named(tmp_path: Path, maker) -> None:  # type: ignore[no-untyped-def]
    good = maker(tmp_path / "good.x").read_bytes()
    suffix = {make_docx: ".docx", make_odt: ".odt", make_epub: ".epub"}[maker]
    (tmp_path / f"cut{suffix}").write_bytes(good[: len(good) // 2])
    with pytest.raises(UnreadableDocument, match="corrupt or truncated"):
        _read(tmp_path, f"cut{suffix}")


def test_a_password_protected_word_file_is_named_as_encrypted(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE compound file holding the encrypted package.
    (tmp_path / "locked.docx").write_bytes(write_cfb([stream("EncryptedPackage", b"\x00" * 5000)]))
    with pytest.raises(UnreadableDocument, match="password-protected Word file") as refused:
        _read(tmp_path, "locked.docx")
    assert refused.value.kind == "encrypted"


def test_xml_entities_are_refused_never_expanded(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(tmp_path / "laughs.docx", "w") as archive:
        archive.writestr("word/document.xml", laughs)
    with pytest.raises(UnreadableDocument, match="declares XML entities"):
        _read(tmp_path, "laughs.docx")


def test_a_word_file_with_macros_gives_its_text_and_never_opens_the_macros(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "plain.docx").read_bytes()
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro bytes Shell(calc.exe)")
    (tmp_path / "macro.docx").write_bytes(buffer.getvalue())
    text = _read(tmp_path, "macro.docx")[0].text
    assert "Helix Logistics" in text and "calc" not in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_special_files_are_named_and_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.pdf")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        (tmp_path / "ok.txt").write_text("fine")
        scan = scan_corpus(tmp_path)
        assert [entry.doc_id for entry in scan.files] == ["ok.txt"]
        reasons = {warning.path: warning.reason for warning in scan.warnings}
        assert "named pipe (FIFO)" in reasons["pipe.txt"] and "not opened" in reasons["pipe.pdf"]
        assert "a socket, not a file" in reasons["sock.txt"]
        assert {warning.kind for warning in scan.warnings} == {"not-a-file"}
        # Even asked directly, a pipe is not opened for reading (which would block).
        with pytest.raises(UnreadableDocument, match="not a regular file"):
            read_document(FileEntry("pipe.txt", tmp_path / "pipe.txt", 0, 0))
    finally:
        server.close()
