"""A refresh after the watcher saw a few files change costs what those files cost: the provenance
trace is not started again while one runs, and the sources list re-makes only the changed rows."""

from __future__ import annotations

from pathlib import Path

from caseview.tui.app import make_app
from caseview.tui.widgets.provenance import ProvenanceTracer
from tests.tui.tui_helpers import LEAN, WIDE, settle


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
