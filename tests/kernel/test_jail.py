"""The corpus jail: paths that leave the folder, links where caseview's own files should be,
special files — each refused with one line naming it, nothing outside ever touched."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from caseview.kernel.jail import JailError, inside, is_inside, open_owned, read_regular, regular_file


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("secret")
    (corpus / "doc.txt").write_text("text")
    return corpus, outside


@pytest.mark.parametrize("name", ["../outside/victim.txt", "sub/../../outside/victim.txt"])
def test_relative_paths_that_climb_out_are_refused(layout: tuple[Path, Path], name: str) -> None:
    corpus, _ = layout
    with pytest.raises(JailError, match="outside the corpus folder"):
        inside(corpus, name)


def test_absolute_paths_are_refused(layout: tuple[Path, Path]) -> None:
    corpus, outside = layout
    with pytest.raises(JailError, match="absolute path"):
        inside(corpus, outside / "victim.txt")


def test_a_link_that_stays_inside_is_fine_and_one_that_leaves_is_not(layout: tuple[Path, Path]) -> None:
    corpus, outside = layout
    (corpus / "alias.txt").symlink_to(corpus / "doc.txt")
    (corpus / "escape.txt").symlink_to(outside / "victim.txt")
    assert inside(corpus, "alias.txt") == (corpus / "doc.txt").resolve()
    assert not is_inside(corpus, "escape.txt")


def test_owned_files_are_never_opened_through_a_link(layout: tuple[Path, Path]) -> None:
    corpus, outside = layout
    before = (outside / "victim.txt").read_bytes()
    (corpus / "caseview-audit.jsonl").symlink_to(outside / "victim.txt")
    with pytest.raises(JailError, match="symbolic link"):
        open_owned(corpus / "caseview-audit.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, root=corpus)
    with pytest.raises(JailError, match="symbolic link"):
        read_regular(corpus / "caseview-audit.jsonl", follow_links=False)
    assert (outside / "victim.txt").read_bytes() == before


def test_a_dangling_link_is_not_created_through(layout: tuple[Path, Path]) -> None:
    corpus, outside = layout
    (corpus / "case.json.lock").symlink_to(outside / "created-by-caseview")
    with pytest.raises(JailError, match="symbolic link"):
        open_owned(corpus / "case.json.lock", os.O_RDWR | os.O_CREAT, root=corpus)
    assert not (outside / "created-by-caseview").exists()


def test_a_linked_folder_on_the_way_is_refused_for_owned_files(layout: tuple[Path, Path]) -> None:
    corpus, outside = layout
    (corpus / ".caseview").symlink_to(outside, target_is_directory=True)
    with pytest.raises(JailError, match="symbolic link to a folder"):
        open_owned(corpus / ".caseview" / "state.json", os.O_WRONLY | os.O_CREAT, root=corpus)
    assert list(outside.iterdir()) == [outside / "victim.txt"]


def test_a_fifo_is_refused_without_blocking(layout: tuple[Path, Path]) -> None:
    corpus, _ = layout
    fifo = corpus / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_regular(fifo)
        except JailError as error:
            outcome.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert outcome and "FIFO" in outcome[0], "reading a FIFO must fail at once, never block"
    with pytest.raises(JailError, match="FIFO"):
        regular_file(fifo)


def test_a_file_larger_than_the_limit_is_an_error_not_a_silent_cut(layout: tuple[Path, Path]) -> None:
    corpus, _ = layout
    (corpus / "big.txt").write_bytes(b"x" * 1000)
    with pytest.raises(JailError, match="more than the 100 bytes"):
        read_regular(corpus / "big.txt", limit=100)
    assert read_regular(corpus / "big.txt", limit=1000) == b"x" * 1000
