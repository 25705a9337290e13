"""The watch benchmark, run on a tiny corpus: it drives the real app, finds each change through the
search bar, leaves the corpus and its index as they were, and counts no full scan after the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.watch_bench import PREFIX, main, measure, report_lines
from caseview.workspace import Workspace


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "small"
    corpus.mkdir()
    for number, text in enumerate(("The harbour froze early.", "A ferry was late.", "Nobody saw the pier.")):
        (corpus / f"note{number}.txt").write_text(text, "utf-8")
    Workspace.open(corpus).close()
    return corpus


async def test_each_round_is_seen_in_the_search_pane_without_a_full_scan(small_corpus: Path) -> None:
    result = await measure(small_corpus, rounds=4)
    assert [r.action for r in result.rounds] == ["add", "edit", "delete", "add"]
    assert result.events and result.documents == 3
    assert all(r.shown_s > 0 for r in result.rounds)
    # The report naming the file may be replaced by a later one (a second event of the same save)
    # before the bench looks: then the index's side of that round is not known, never later than shown.
    assert all(r.indexed_s is None or r.indexed_s <= r.shown_s for r in result.rounds)
    assert result.full_scans_at_ready == 1 and result.full_scans_at_end == 1
    summary = result.summary()
    assert summary["all: write → search shows it"]["n"] == 4 and summary["delete: write → search shows it"]["n"] == 1
    assert any(line.startswith("full scans: 1 on opening, 0 during") for line in report_lines(result))
    # Nothing of the bench is left: not in the folder, not in the index.
    assert sorted(path.name for path in small_corpus.iterdir() if not path.name.startswith(".")) == [
        "note0.txt",
        "note1.txt",
        "note2.txt",
    ]
    workspace = Workspace(small_corpus)
    assert workspace.search(result.rounds[-1].word).total == 0
    assert sorted(info.id for info in workspace.documents()) == ["note0.txt", "note1.txt", "note2.txt"]


def test_the_command_prints_the_latencies_and_the_load(small_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(small_corpus), "--rounds", "2"]) == 0
    printed = capsys.readouterr().out
    assert "load average" in printed and "write → search shows it" in printed
    assert not list(small_corpus.glob(f"{PREFIX}-*"))
