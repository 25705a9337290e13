"""An entity's profile (enter on an entity): its documents, every mention in its sentence, and the
entities named in the same sentences, most shared sentences first.

Enter on a mention opens it in the reader (``n``/``N`` then step through all of them); enter on a
document opens its first mention; enter on a co-occurring entity shows that entity's profile. ``/``
searches the corpus for the entity, ``c`` adds it to the case file. The profile is computed by the
workspace in a worker.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from caseview.extract.profile import EntityProfile
from caseview.tui.case_adds import add_entity
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import ChangeFailed, ProfileLoaded
from caseview.tui.profile_rows import ProfileAction, entity_query, mention_row, profile_header
from caseview.tui.render import MUTED, one_line
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace


class EntityProfileScreen(Screen["ProfileAction | None"]):
    """Documents and co-occurring entities on the left, the mentions in context on the right."""

    BINDINGS = bindings(Scope.PROFILE)
    DEFAULT_CLASSES = "profile-screen"

    def __init__(self, workspace: Workspace, entity_id: str, titles: dict[str, str]) -> None:
        super().__init__()
        self.workspace = workspace
        self.entity_id = entity_id
        self.titles = titles
        self.profile: EntityProfile | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Entity profile").stylize("bold"), id="profile-title", markup=False)
        with Horizontal(id="profile-body"):
            with Vertical(id="profile-side"):
                yield RowList(id="profile-documents", empty="Reading…")
                yield RowList(id="profile-together", empty="")
            yield RowList(id="profile-mentions", empty="")
        yield KeyBar(id="profile-keys")

    def on_mount(self) -> None:
        self.query_one("#profile-documents", RowList).border_title = "Documents"
        self.query_one("#profile-together", RowList).border_title = "Named in the same sentences"
        self.query_one("#profile-mentions", RowList).border_title = "Mentions"
        self.query_one("#profile-mentions", RowList).focus_list()
        self.load(self.entity_id)

    def load(self, entity_id: str) -> None:
        workspace = self.workspace

        def job() -> None:
            try:
                profile = workspace.entity_profile(entity_id)
            except KeyError:
                self.post_message(ProfileLoaded(None, f"{entity_id} is no longer an entity (merged or split?)"))
                return
            self.post_message(ProfileLoaded(profile))

        start_worker(self, job, name="read the entity's profile", group="profile", exclusive=True)

    def on_profile_loaded(self, message: ProfileLoaded) -> None:
        if message.profile is None:
            self.notify(message.reason or "no profile", severity="warning", markup=False)
            return
        profile = self.profile = message.profile
        self.entity_id = profile.entity_id
        self.query_one("#profile-title", Static).update(profile_header(profile))
        documents = self.query_one("#profile-documents", RowList)
        documents.set_rows(
            [
                ListRow(
                    key=doc.doc_id,
                    prompt=Content.assemble(
                        Content(f"{doc.mentions:>3}  ").stylize(MUTED),
                        Content(one_line(self.titles.get(doc.doc_id) or doc.doc_id)),
                    ),
                    filter_text=self.titles.get(doc.doc_id, doc.doc_id),
                )
                for doc in profile.documents
            ]
        )
        together = self.query_one("#profile-together", RowList)
        together.set_empty("No other entity is named in the same sentences")
        together.set_rows(
            [
                ListRow(
                    key=other.entity_id,
                    prompt=Content.assemble(
                        Content(one_line(other.name)),
                        Content(
                            f"  {other.sentences} sentence{'s' if other.sentences != 1 else ''}"
                            f" · {other.documents} doc{'s' if other.documents != 1 else ''} · {other.type}"
                        ).stylize(MUTED),
                    ),
                    filter_text=f"{other.name} {other.type}",
                )
                for other in profile.co_occurring
            ]
        )
        mentions = self.query_one("#profile-mentions", RowList)
        mentions.set_rows(
            [
                mention_row(index, mention, self.titles.get(mention.doc_id, mention.doc_id))
                for index, mention in enumerate(profile.mentions)
            ]
        )
        mentions.focus_list()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search_entity", "add_entity"):
            return self.profile is not None or None
        return True

    # -- opening ------------------------------------------------------------------------------------
    @on(RowList.Opened, "#profile-mentions")
    def _mention_opened(self, event: RowList.Opened) -> None:
        event.stop()
        if self.profile is not None:
            self.dismiss(ProfileAction(self.profile, index=int(event.key)))

    @on(RowList.Opened, "#profile-documents")
    def _document_opened(self, event: RowList.Opened) -> None:
        """Enter on a document: its first mention."""
        event.stop()
        if self.profile is None:
            return
        index = next((i for i, m in enumerate(self.profile.mentions) if m.doc_id == event.key), None)
        if index is not None:
            self.dismiss(ProfileAction(self.profile, index=index))

    @on(RowList.Opened, "#profile-together")
    def _other_opened(self, event: RowList.Opened) -> None:
        """Enter on a co-occurring entity: its profile, here."""
        event.stop()
        self.load(event.key)

    # -- keys -----------------------------------------------------------------------------------------
    def action_search_entity(self) -> None:
        if self.profile is not None:
            self.dismiss(ProfileAction(self.profile, query=entity_query(self.profile.name)))

    def action_add_entity(self) -> None:
        profile = self.profile
        if profile is None:
            return
        workspace = self.workspace
        main = self.app.screen_stack[0]  # the main screen reloads the case pane and says what was added

        def job() -> None:
            try:
                done = add_entity(workspace, profile.entity_id, profile.name)
            except Exception as error:
                main.post_message(ChangeFailed("Cannot add to the case file", str(error)))
                return
            main.post_message(done)

        start_worker(self, job, name="add the entity to the case file", group="changes")

    def action_switch(self) -> None:
        order = ["#profile-mentions", "#profile-documents", "#profile-together"]
        focused = self.focused
        current = next(
            (
                i
                for i, selector in enumerate(order)
                if focused is not None and self.query_one(selector) in focused.ancestors
            ),
            -1,
        )
        self.query_one(order[(current + 1) % len(order)], RowList).focus_list()

    def action_close(self) -> None:
        self.dismiss(None)
