"""The codebook (key ``6``): every tag of the corpus, and every passage with the highlighted tag.

On the left each tag with its colour (the one the reader highlights it in), how many passages and
documents carry it, and its description; on the right the highlighted tag's passages across
documents, with quote, document and note. ``r`` renames a tag and ``m`` merges it into another on
every annotation (one ctrl+z undoes all of it), ``e`` describes it, ``x`` exports its passages
(Markdown or CSV); enter on a passage closes the codebook and opens it in the reader, where ``n``/``N``
step through the tag's other passages. The work is the workspace's, in workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from caseview.annotations.codebook import TaggedPassage, TagSummary
from caseview.tui.codebook_rows import passage_row, tag_row
from caseview.tui.dialogs.choice import ChoiceDialog, choice
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.keys import Scope, bindings
from caseview.tui.messages import CodebookLoaded
from caseview.tui.render import MUTED, one_line
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace

EXPORTS = (("md", "Markdown: the passages as quotes under their documents"), ("csv", "CSV: one row per passage"))


@dataclass(frozen=True)
class CodebookPlace:
    """The passage picked in the codebook, and the tag's other passages (for ``n``/``N`` in the reader)."""

    tag: str
    passages: tuple[TaggedPassage, ...]
    position: int

    @property
    def current(self) -> TaggedPassage:
        return self.passages[self.position]


class CodebookScreen(Screen["CodebookPlace | None"]):
    """Tags on the left, the highlighted tag's passages on the right."""

    BINDINGS = bindings(Scope.CODEBOOK)
    DEFAULT_CLASSES = "codebook-screen"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.tags: list[TagSummary] = []
        self.tag: str | None = None
        self.passages: list[TaggedPassage] = []
        #: A change was made here (the main screen reloads what it shows when the codebook closes).
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static(Content("Codebook").stylize("bold"), id="codebook-title", markup=False)
        with Horizontal(id="codebook-body"):
            yield RowList(id="codebook-tags", empty="Reading the tags…")
            yield RowList(id="codebook-passages", empty="")
        yield KeyBar(id="codebook-keys")

    def on_mount(self) -> None:
        self.tag_list.border_title = "Tags"
        self.passage_list.border_title = "Passages"
        self.tag_list.focus_list()
        self.load()

    @property
    def tag_list(self) -> RowList:
        return self.query_one("#codebook-tags", RowList)

    @property
    def passage_list(self) -> RowList:
        return self.query_one("#codebook-passages", RowList)

    @property
    def current_tag(self) -> TagSummary | None:
        key = self.tag_list.highlighted_key if self.is_mounted else None
        return next((tag for tag in self.tags if tag.name == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename", "merge", "describe", "export"):
            tag = self.current_tag
            if tag is None:
                return None
            if action in ("rename", "export"):
                return tag.count > 0 or None
            if action == "merge":
                return (tag.count > 0 and len(self.tags) > 1) or None
        return True

    # -- loading, in workers -----------------------------------------------------------------------
    def load(self, tag: str | None = None, *, said: str | None = None, failed: str | None = None) -> None:
        """Read the codebook (and ``tag``'s passages, default: the first tag's) and show them."""
        workspace = self.workspace

        def job() -> None:
            tags = workspace.codebook.summary()
            wanted = tag if tag is not None and any(t.name.casefold() == tag.casefold() for t in tags) else None
            shown = wanted or (tags[0].name if tags else None)
            shown = next((t.name for t in tags if shown is not None and t.name.casefold() == shown.casefold()), shown)
            passages = workspace.codebook.passages(shown) if shown else []
            titles = {info.id: info.title for info in workspace.documents()}
            self.post_message(CodebookLoaded(tags, shown, passages, titles, said, failed))

        start_worker(self, job, name="read the codebook", group="codebook", exclusive=True)

    def on_codebook_loaded(self, message: CodebookLoaded) -> None:
        self.tags = message.tags
        self.tag_list.set_empty("No tags yet: select a passage in the reader and press t")
        self.tag_list.set_rows([tag_row(tag) for tag in self.tags], highlight=message.tag)
        self._show_passages(message.tag, message.passages, message.titles)
        total = sum(tag.count for tag in self.tags)
        count = len(self.tags)
        self.query_one("#codebook-title", Static).update(
            Content.assemble(
                Content("Codebook").stylize("bold"),
                Content(
                    f"  {count} tag{'s' if count != 1 else ''} · {total} tagged passage{'s' if total != 1 else ''}"
                ).stylize(MUTED),
            )
        )
        if message.said:
            self.notify(message.said, markup=False, timeout=4)
        if message.failed:
            self.notify(message.failed, title="Codebook", severity="error", markup=False, timeout=6)
        self.refresh_bindings()

    def _show_passages(self, tag: str | None, passages: list[TaggedPassage], titles: dict[str, str]) -> None:
        self.tag = tag
        self.passages = passages
        listing = self.passage_list
        listing.border_title = (
            Content.assemble("Passages", Content(f" · {one_line(tag)}").stylize(MUTED)) if tag else "Passages"
        )
        listing.set_empty("No passage has this tag any more" if tag else "")
        listing.set_rows([passage_row(passage, titles) for passage in passages])

    @on(RowList.Highlighted, "#codebook-tags")
    def _tag_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.refresh_bindings()
        if event.key is None or event.key == self.tag:
            return
        workspace, tag = self.workspace, event.key

        def job() -> None:
            passages = workspace.codebook.passages(tag)
            titles = {info.id: info.title for info in workspace.documents()}
            self.app.call_from_thread(self._show_passages, tag, passages, titles)

        start_worker(self, job, name="read the tag's passages", group="codebook-passages", exclusive=True)

    @on(RowList.Opened, "#codebook-tags")
    def _tag_opened(self, event: RowList.Opened) -> None:
        """Enter on a tag: to its passages."""
        event.stop()
        if self.passages:
            self.passage_list.focus_list()

    @on(RowList.Opened, "#codebook-passages")
    def _passage_opened(self, event: RowList.Opened) -> None:
        """Enter on a passage: close the codebook and open the passage in the reader."""
        event.stop()
        index = next((i for i, p in enumerate(self.passages) if p.annotation_id == event.key), None)
        if index is not None and self.tag is not None:
            self.dismiss(CodebookPlace(self.tag, tuple(self.passages), index))

    # -- changes -------------------------------------------------------------------------------------
    def change(self, run: Callable[[], str], failed_title: str, then_show: str | None) -> None:
        """Run ``run`` (it returns what to say) in a worker, then read the codebook again."""

        def job() -> None:
            try:
                said = run()
            except Exception as error:
                self.app.call_from_thread(self.load, then_show, failed=f"{failed_title}: {error}")
                return
            self.changed = True
            self.app.call_from_thread(self.load, then_show, said=said)

        start_worker(self, job, name=failed_title[0].lower() + failed_title[1:], group="changes")

    def action_rename(self) -> None:
        tag = self.current_tag
        if tag is None:
            return
        codebook = self.workspace.codebook

        def answered(name: str | None) -> None:
            if name:
                self.change(lambda: codebook.rename(tag.name, name).description, "Cannot rename", name)

        title = Content.assemble(Content("Rename tag ").stylize("bold"), Content(f"“{one_line(tag.name)}”"))
        self.app.push_screen(PromptDialog(title, tag.name), answered)

    def action_merge(self) -> None:
        tag = self.current_tag
        if tag is None:
            return
        codebook = self.workspace.codebook
        others = [
            choice(other.name, one_line(other.name), f"{other.count} passages")
            for other in self.tags
            if other.name != tag.name
        ]

        def picked(target: str | None) -> None:
            if target:
                self.change(lambda: codebook.merge([tag.name], target).description, "Cannot merge", target)

        title = Content.assemble(Content("Merge tag ").stylize("bold"), Content(f"“{one_line(tag.name)}”"), " into")
        self.app.push_screen(ChoiceDialog(title, others), picked)

    def action_describe(self) -> None:
        tag = self.current_tag
        if tag is None:
            return
        codebook = self.workspace.codebook

        def answered(text: str | None) -> None:
            if text is None:
                return

            def describe() -> str:
                codebook.describe(tag.name, text)
                return f"Described '{tag.name}'" if text else f"Removed the description of '{tag.name}'"

            self.change(describe, "Cannot describe", tag.name)

        title = Content.assemble(Content("Describe tag ").stylize("bold"), Content(f"“{one_line(tag.name)}”"))
        self.app.push_screen(
            PromptDialog(title, tag.description, placeholder="what the tag marks", allow_empty=True), answered
        )

    def action_export(self) -> None:
        tag = self.current_tag
        if tag is None:
            return
        codebook = self.workspace.codebook

        def picked(format_key: str | None) -> None:
            if not format_key:
                return

            def export() -> str:
                path = codebook.write_export(tag.name, format_key)
                return f"Exported the passages tagged '{tag.name}' to {path}"

            self.change(export, "Export failed", tag.name)

        formats = [choice(key, key, label) for key, label in EXPORTS]
        self.app.push_screen(ChoiceDialog(f"Export the passages tagged “{one_line(tag.name)}” as", formats), picked)

    def action_undo(self) -> None:
        self._step("undo")

    def action_redo(self) -> None:
        self._step("redo")

    def _step(self, action: str) -> None:
        workspace = self.workspace

        def run() -> str:
            result = workspace.undo() if action == "undo" else workspace.redo()
            return result.message if result is not None else f"Nothing to {action}"

        self.change(run, f"Could not {action}", self.tag)

    def action_switch(self) -> None:
        if self.tag_list.option_list.has_focus and self.passages:
            self.passage_list.focus_list()
        else:
            self.tag_list.focus_list()

    def action_close(self) -> None:
        self.dismiss(None)
