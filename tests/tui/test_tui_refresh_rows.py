"""A refresh after the watcher saw a few files change costs what those files cost: the provenance
trace is not started again while one runs, and the sources list re-makes only the changed rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.list_rows import ListRow
from caseview.tui.source_rows_update import SourceChanges, nesting_depth, updated_rows
from caseview.tui.widgets.panes.sources import source_row, source_rows
from caseview.tui.widgets.provenance import ProvenanceTracer
from caseview.workspace import DocumentInfo
from tests.tui.test_tui_watcher_events import NO_POLL_S, wait_until
from tests.tui.tui_helpers import LEAN, WIDE, settle, widget_text


async def test_traces_asked_for_while_one_runs_coalesce_into_one_more(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        tracer = app.main_screen.query_one(ProvenanceTracer)
        before = tracer.traces_started
        for _ in range(10):  # ten refreshes in a row, faster than any trace
            tracer.trace()
        await settle(pilot)
        # The first starts at once; the nine others only mark it stale: one more trace after it.
        assert 1 <= tracer.traces_started - before <= 2
        tracer.trace()  # and once none runs, a request starts one again
        await settle(pilot)
        assert 2 <= tracer.traces_started - before <= 3


def sources_pane_rows(app: CaseviewApp) -> list[ListRow]:
    return list(app.main_screen.sources.provenance.rows)


async def test_a_file_saved_while_the_app_runs_gets_a_row_and_the_others_stay_as_they_were(
    seed_corpus: Path,
) -> None:
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=NO_POLL_S))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.watcher.events is not None and screen.index_ready
        pane = screen.sources
        before = sources_pane_rows(app)
        rebuilds = pane.full_rebuilds
        (seed_corpus / "zyzzyva.txt").write_text("The zyzzyva memo arrived late.", "utf-8")
        await wait_until(pilot, lambda: "zyzzyva.txt" in pane.infos, "the new file's row")
        after = sources_pane_rows(app)
        assert pane.full_rebuilds == rebuilds  # the other rows were not made again...
        assert [row for row in after if row.key != "zyzzyva.txt"] == before
        kept = {row.key: row for row in before}
        assert all(row is kept[row.key] for row in after if row.key != "zyzzyva.txt")  # ...the same objects
        # Where the full list would put it (ids in order), and counted in the title and status bar.
        assert [row.key for row in after] == [row.key for row in source_rows(screen.workspace.documents(), None)]
        assert "zyzzyva" in widget_text(app, "#pane-sources").lower()
        assert pane.document_count == len(before) + 1

        (seed_corpus / "zyzzyva.txt").unlink()
        await wait_until(pilot, lambda: "zyzzyva.txt" not in pane.infos, "the deleted file's row to go")
        assert pane.full_rebuilds == rebuilds
        assert all(a is b for a, b in zip(sources_pane_rows(app), before, strict=True))


def info(doc_id: str, parent: str | None = None) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id, title=doc_id, outlet=None, published=None, format="txt", size=1, encoding="utf-8", parent=parent
    )


def test_new_rows_go_where_a_full_rebuild_puts_them() -> None:
    # Files, an e-mail with attachments (one of them with its own), a mailbox message (no parent listed).
    old = [
        info("a.txt"),
        info("m.eml"),
        info("m.eml/b.pdf", "m.eml"),
        info("m.eml/d.docx", "m.eml"),
        info("m.eml/d.docx/x.png", "m.eml/d.docx"),
        info("box.mbox#1", "box.mbox"),
        info("z.txt"),
    ]
    added = [info("0.txt"), info("m.eml/c.pdf", "m.eml"), info("m.eml/d.docx/w.png", "m.eml/d.docx"), info("n.txt")]
    old.sort(key=lambda each: each.id)  # the index lists documents in id order
    rows = source_rows(old, None)
    infos = {i.id: i for i in [*old, *added]}
    infos.pop("z.txt")
    changes = SourceChanges(
        infos={i.id: i for i in added},
        rows=[source_row(i, None, nesting_depth(i, infos.get)) for i in added],
        removed=["z.txt"],
    )
    expected = source_rows(sorted(infos.values(), key=lambda each: each.id), None)
    updated = updated_rows(rows, infos, changes)
    assert [row.key for row in updated] == [row.key for row in expected]
    assert [row.prompt for row in updated] == [row.prompt for row in expected]  # the indentation too
