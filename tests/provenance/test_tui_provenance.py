"""Provenance in the app: rewrite and relay marks on sources, origins on events and case items, the
compare view (``=``) and the warning when two linked items come from one origin — driven with Pilot
on a private copy of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.case_rows import case_snapshot
from caseview.tui.messages import CaseLoaded
from caseview.tui.screens.compare import CompareScreen
from caseview.tui.widgets.panes.case import CasePane
from caseview.tui.widgets.panes.sources import SourcesPane
from caseview.workspace import Workspace
from tests.tui.tui_helpers import EXTRACTING, LEAN, WIDE, press, settle, type_text, widget_text

REWRITE = "002_029d7ec1a1d3b899.txt"
AXIOS = "003_dcac92be05b45050.txt"
WSJ_RELAY = "001_c0973cc29b59132c.txt"
FT = "000_465b9804960b177b.txt"
#: The shared event as the rewrite and its origin tell it.
DRAFTING = "the White House is drafting executive guidance"
DEVELOPING = "The White House is developing guidance"


async def traced(pilot: Pilot) -> None:
    """Wait until the provenance report has reached the sources pane."""
    await settle(pilot)
    pane = pilot.app.screen.query_one(SourcesPane)
    while pane.provenance.index is None:
        await pilot.pause()
    await settle(pilot)


def source_row(app: CaseviewApp, doc_id: str) -> str:
    rows = app.screen.query_one("#sources-list").rows  # type: ignore[attr-defined]
    return next(row.prompt.plain for row in rows if row.key == doc_id)


async def test_the_sources_pane_marks_the_rewrite_and_the_relay(prepared_seed_corpus: Path) -> None:
    """002 is marked as a rewrite of Axios's 003, 003 as rewritten, 001 as relaying the WSJ; 000 unmarked."""
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        assert "≈ 003_dca… rewrite (Axios)" in source_row(app, REWRITE)
        assert "rewrite by 002_029…" in source_row(app, AXIOS)
        assert "relays The Wall Street Journal" in source_row(app, WSJ_RELAY)
        assert "≈" not in source_row(app, FT) and "relays" not in source_row(app, FT)
        assert "rewrite (Axios)" in widget_text(app, "#sources-list")


async def test_equals_opens_the_compare_view_of_a_rewrite(prepared_seed_corpus: Path) -> None:
    """``=`` on 002 shows it beside 003: corresponding passages side by side, what 002 adds marked."""
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        await press(pilot, "j", "j")  # 002
        await press(pilot, "equals_sign")
        assert isinstance(app.screen, CompareScreen)
        shown = app.screen.comparison
        assert (shown.pair.derived, shown.pair.origin) == (REWRITE, AXIOS)
        kinds = {row.kind for row in app.screen.rows}
        assert kinds == {"same", "adds", "drops"}
        text = widget_text(app, "#compare-title")
        assert "rewrite" in text and "cites Axios 4 times" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, CompareScreen)


async def test_equals_on_a_source_without_copies_says_so(prepared_seed_corpus: Path) -> None:
    """000 (the FT's own reporting) has no copy: one line says so and no view opens."""
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        await press(pilot, "equals_sign")
        assert not isinstance(app.screen, CompareScreen)
        assert any("copies no document" in str(n.message) for n in app._notifications)


async def test_the_shared_event_shows_two_documents_and_one_origin(prepared_seed_corpus: Path) -> None:
    """The event "the White House is developing guidance" (003, rewritten by 002) is 2 documents from Axios;
    an event only the FT tells gets no line (one document is one origin)."""
    app = make_app(prepared_seed_corpus, settings=EXTRACTING)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        rows = app.screen.query_one("#events-list").rows  # type: ignore[attr-defined]
        guidance = next(row for row in rows if "developing guidance" in row.prompt.plain)
        assert guidance.prompt.plain.endswith("2 documents · 1 origin: Axios")
        ft_rows = [row for row in rows if row.key.startswith(FT)]
        assert ft_rows and not any("origin" in row.prompt.plain for row in ft_rows), "one document: no line"


def two_tellings(root: Path) -> None:
    """#1 the rewrite's sentence, #2 its origin's: two passages, one origin."""
    workspace = Workspace(root)
    workspace.refresh()
    case = workspace.case()
    case.add_passage(REWRITE, quote=DRAFTING, section="Evidence")
    case.add_passage(AXIOS, quote=DEVELOPING, section="Evidence")
    case.add_passage(FT, quote="Several agencies have been in discussions with Anthropic", section="Evidence")
    workspace.close()


async def test_a_case_read_that_ends_after_the_origins_were_counted_is_read_again(
    prepared_seed_corpus: Path,
) -> None:
    """On a loaded machine the first read of the case file, begun before provenance was traced, can
    end after the recount that added the origins lines: its rows must not stay the last word."""
    two_tellings(prepared_seed_corpus)
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        pane = app.screen.query_one(CasePane)
        workspace = Workspace(prepared_seed_corpus)
        try:
            untraced = case_snapshot(workspace.case().view(), None)
        finally:
            workspace.close()
        pane.post_message(CaseLoaded(untraced))
        await settle(pilot)
        rows = app.screen.query_one("#case-list").rows  # type: ignore[attr-defined]
        first = next(row.prompt.plain for row in rows if row.prompt.plain.startswith("#1 "))
        assert first.endswith("\n2 documents · 1 origin: Axios")


@pytest.mark.parametrize(("target", "warned"), [("developing", True), ("Several", False)])
async def test_linking_two_tellings_of_one_origin_as_support_warns(
    prepared_seed_corpus: Path, target: str, warned: bool
) -> None:
    """Linking #1 (002) as *supports* #2 (003) says at once that both come from Axios 003; the link is made
    anyway. Linking it to the FT's own passage (#3) is independent corroboration: no warning."""
    two_tellings(prepared_seed_corpus)
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        await press(pilot, "5")
        rows = app.screen.query_one("#case-list").rows  # type: ignore[attr-defined]
        first = next(row.prompt.plain for row in rows if row.prompt.plain.startswith("#1 "))
        assert first.endswith("\n2 documents · 1 origin: Axios")
        assert "2 documents · 1 origin: Ax" in widget_text(app, "#case-list")
        await press(pilot, "l")
        await type_text(pilot, target)
        await press(pilot, "enter")
        await type_text(pilot, "supports")
        await press(pilot, "enter", "enter")
        messages = [str(n.message) for n in app._notifications]
        linked = [m for m in messages if m.startswith("Linked #1 supports")]
        assert linked, messages
        assert ("both come from Axios (003_dcac92be05b45050.txt)" in linked[-1]) is warned
        item = app.screen.query_one(CasePane).highlighted_item
        assert item is not None and len(item.links) == 1


async def test_o_offers_a_tag_on_the_rewrite_and_enter_accepts_it(prepared_seed_corpus: Path) -> None:
    """A passage of Axios's 003 tagged "guidance" is offered on the sentence of 002 that retells it; enter
    annotates 002 with the tag (nothing before), and the offer is gone from the list."""
    workspace = Workspace(prepared_seed_corpus)
    workspace.refresh()
    workspace.annotate_quote(AXIOS, DEVELOPING, tags=("guidance",))
    workspace.close()
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await traced(pilot)
        await press(pilot, "O")
        assert "#guidance" in widget_text(app, "#choice-list") and "002_029d7ec1a1" in widget_text(app, "#choice-list")
        assert Workspace(prepared_seed_corpus).annotations(REWRITE) == []
        await press(pilot, "enter")
        made = Workspace(prepared_seed_corpus).annotations(REWRITE)
        assert [a.tags for a in made] == [("guidance",)]
        assert DRAFTING in made[0].quote.exact
        await press(pilot, "O")
        assert "nothing to offer" in widget_text(app, "#choice-list")
