"""The entities pane: entities grouped by type, the mentions of the one opened, and the corrections.

Enter lists an entity's mentions below (and opens the first in the reader, ``n``/``N`` stepping
through them); enter on a mention opens it. ``m`` ``s`` ``r`` ``T`` ``h`` merge, split off an alias,
rename, retype and hide; ``S`` lists the suggested merges. An entity the rules merged on evidence
shows each merged name with its reason; ``u`` undoes that merge (``Workspace.unmerge_entity``).
Each correction goes through ``Workspace.correct_entities`` in a worker; the screen then reloads
entities and events everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.content import Content

from caseview.extract import MergeSuggestion
from caseview.extract.models import EntityType
from caseview.kernel.words import plural
from caseview.tui.case_adds import add_entity
from caseview.tui.dialogs.choice import Choice, ChoiceDialog
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.dialogs.suggestions import SuggestionsDialog
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.merge_prompt import choice_label, merged_prompt
from caseview.tui.messages import ChangeDone, OpenInReader, Reload, SearchFor, ShowProfile
from caseview.tui.profile_rows import ProfileAction
from caseview.tui.render import MUTED, entity_prompt, group_header, mention_prompt, one_line
from caseview.tui.rows import EntityRow, Extraction, entities_by_type
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import RowList

#: Corrections that act on the highlighted entity.
ENTITY_ACTIONS = {
    "entity_merge",
    "entity_split",
    "entity_rename",
    "entity_retype",
    "entity_hide",
    "entity_unmerge",
    "entity_add_to_case",
}
RELOAD: frozenset[Reload] = frozenset({"entities", "case"})


def suggestion_choice(suggestion: MergeSuggestion) -> Choice:
    first, second = suggestion.names
    return Choice(
        suggestion.id,
        Content.assemble(
            Content(one_line(first)).stylize("bold"),
            Content(" ~ "),
            Content(one_line(second)).stylize("bold"),
            Content(f"  {suggestion.score:.2f} · {one_line(suggestion.reason)}").stylize(MUTED),
        ),
        f"{first} {second} {suggestion.reason}",
    )


class EntitiesPane(Pane):
    """Entities grouped by type; enter lists the chosen entity's mentions below."""

    PANE = "entities"
    BINDINGS = bindings(Scope.ENTITIES)

    extraction: Extraction | None = None
    titles: dict[str, str] = {}  # noqa: RUF012 - replaced, never mutated
    #: The mentions listed below (of the entity last opened), as a trail the reader can step through.
    mentions_trail: Trail | None = None

    def compose(self) -> ComposeResult:
        yield RowList(id="entities-list", empty="Looking for entities…")
        yield RowList(id="mentions-list", empty="", classes="detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#mentions-list").display = False

    def primary(self) -> RowList:
        return self.query_one("#entities-list", RowList)

    def set_extraction(self, extraction: Extraction, titles: dict[str, str]) -> None:
        """Show the corpus's entities (``titles``: each document's title, for the mentions list)."""
        self.extraction = extraction
        self.titles = titles
        rows: list[ListRow] = []
        for entity_type, members in entities_by_type(extraction.entities):
            rows.append(
                ListRow(
                    key=f"type:{entity_type}",
                    prompt=group_header(entity_type, len(members)),
                    header=True,
                    group=entity_type,
                )
            )
            rows += [
                ListRow(
                    key=entity.id,
                    prompt=merged_prompt(entity, entity_prompt(entity)),
                    group=entity_type,
                    filter_text=" ".join([entity.name, *entity.aliases, entity.type]),
                )
                for entity in members
            ]
        entity_list = self.primary()
        entity_list.set_empty("No entities found in this corpus")
        entity_list.set_rows(rows)
        self.set_title(f"{len(extraction.entities):,}")
        self.screen.refresh_bindings()

    def set_unavailable(self, reason: str) -> None:
        self.primary().set_empty(
            Content.assemble(Content("Extraction not available").stylize("bold"), "\n", Content(reason).stylize(MUTED))
        )
        self.set_title("not available")

    def highlighted_entity(self) -> EntityRow | None:
        if not self.is_mounted or self.extraction is None:
            return None
        key = self.primary().highlighted_key
        return self.extraction.entity(key) if key else None

    # -- opening ------------------------------------------------------------------------------------
    @on(RowList.Opened, "#entities-list")
    def _entity_opened(self, event: RowList.Opened) -> None:
        """Enter: the entity's profile (issue 13); from there a mention opens in the reader."""
        event.stop()
        entity = self.extraction.entity(event.key) if self.extraction else None
        if entity is None or not entity.mentions:
            return
        self.post_message(ShowProfile(entity.id, self.titles))

    def profile_closed(self, action: ProfileAction | None) -> None:
        """Back from the profile: open the mention picked (n/N through all of them) or search the entity."""
        if action is None or self.extraction is None:
            return
        if action.query is not None:
            self.post_message(SearchFor(action.query))
            return
        entity = self.extraction.entity(action.profile.entity_id)
        if entity is None or not entity.mentions or action.index is None:
            return
        self.show_mentions(entity, self.titles)
        marks = tuple(Mark(m.doc_id, m.start, m.end) for m in entity.mentions)
        trail = Trail("mention", entity.name, marks).at(action.index)
        self.mentions_trail = trail
        mark = trail.current
        assert mark is not None
        self.post_message(OpenInReader(mark.doc_id, trail))

    @on(RowList.Opened, "#mentions-list")
    def _mention_opened(self, event: RowList.Opened) -> None:
        event.stop()
        trail = self.mentions_trail
        index = int(event.key)
        if trail is None or not 0 <= index < len(trail.marks):
            return
        moved = trail.at(index)
        mark = moved.current
        assert mark is not None
        self.post_message(OpenInReader(mark.doc_id, moved))

    def show_mentions(self, entity: EntityRow, doc_titles: dict[str, str]) -> None:
        """List the entity's mentions, grouped by document."""
        rows: list[ListRow] = []
        current_doc = None
        for index, mention in enumerate(entity.mentions):
            if mention.doc_id != current_doc:
                current_doc = mention.doc_id
                title = doc_titles.get(mention.doc_id, mention.doc_id)
                rows.append(
                    ListRow(
                        key=f"doc:{mention.doc_id}",
                        prompt=group_header(title, sum(1 for m in entity.mentions if m.doc_id == mention.doc_id)),
                        header=True,
                        group=mention.doc_id,
                    )
                )
            rows.append(
                ListRow(
                    key=str(index),
                    prompt=mention_prompt(mention),
                    group=mention.doc_id,
                    filter_text=f"{mention.text} {doc_titles.get(mention.doc_id, '')}",
                )
            )
        mentions = self.query_one("#mentions-list", RowList)
        mentions.border_title = Content.assemble("mentions of ", Content(one_line(entity.name)).stylize("bold"))
        mentions.set_rows(rows)
        mentions.display = True

    # -- corrections --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ENTITY_ACTIONS or action == "entity_suggestions":
            if self.extraction is None:
                return False
            entity = self.highlighted_entity()
            if action in ENTITY_ACTIONS and entity is None:
                return None
            if action == "entity_split":
                return bool(entity and entity.aliases) or None
            if action == "entity_unmerge":
                return bool(entity and entity.merged) or None
        return True

    def _correct(
        self, title: str, op: str, ids: Sequence[str], said: str, value: str | None = None, type_: str | None = None
    ) -> None:
        workspace = self.workspace

        def change() -> ChangeDone:
            workspace.correct_entities(op, list(ids), value, type_)
            return ChangeDone(said, RELOAD)

        self.run_change(title, change)

    def action_entity_merge(self) -> None:
        entity = self.highlighted_entity()
        if entity is None or self.extraction is None:
            return
        others = [
            Choice(
                other.id,
                Content.assemble(
                    Content(one_line(other.name)),
                    Content(f"  {other.type} · {plural(len(other.mentions), 'mention')}").stylize(MUTED),
                ),
                " ".join([other.name, *other.aliases, other.type]),
            )
            for other in self.extraction.entities
            if other.id != entity.id
        ]

        def merge(other_id: str | None) -> None:
            if other_id is None or self.extraction is None:
                return
            other = self.extraction.entity(other_id)
            other_name = other.name if other else other_id
            self._correct("Cannot merge", "merge", [entity.id, other_id], f"Merged “{entity.name}” and “{other_name}”")

        self.app.push_screen(ChoiceDialog(f"Merge “{one_line(entity.name)}” with which entity?", others), merge)

    def action_entity_split(self) -> None:
        entity = self.highlighted_entity()
        if entity is None:
            return
        if not entity.aliases:
            self.notify("This entity has no other name to split off", severity="warning")
            return
        choices = [Choice(alias, Content(one_line(alias)), alias) for alias in entity.aliases]

        def split(alias: str | None) -> None:
            if alias:
                self._correct("Cannot split", "split", [entity.id], f"Split “{alias}” off “{entity.name}”", alias)

        self.app.push_screen(ChoiceDialog(f"Split which name off “{one_line(entity.name)}”?", choices), split)

    def action_entity_rename(self) -> None:
        entity = self.highlighted_entity()
        if entity is None:
            return

        def rename(name: str | None) -> None:
            if name and name != entity.name:
                self._correct("Cannot rename", "rename", [entity.id], f"Renamed “{entity.name}” to “{name}”", name)

        self.app.push_screen(PromptDialog(f"Rename “{one_line(entity.name)}” to", entity.name), rename)

    def action_entity_retype(self) -> None:
        entity = self.highlighted_entity()
        if entity is None:
            return
        choices = [
            Choice(kind.value, Content(kind.value + ("  (now)" if kind.value == entity.type else "")), kind.value)
            for kind in EntityType
        ]

        def retype(kind: str | None) -> None:
            if kind and kind != entity.type:
                said = f"“{entity.name}” is now {kind}"
                self._correct("Cannot change the type", "retype", [entity.id], said, type_=kind)

        self.app.push_screen(ChoiceDialog(f"What kind of entity is “{one_line(entity.name)}”?", choices), retype)

    def action_entity_hide(self) -> None:
        entity = self.highlighted_entity()
        if entity is not None:
            self._correct("Cannot hide", "hide", [entity.id], f"Hid “{entity.name}” (ctrl+z shows it again)")

    def action_entity_unmerge(self) -> None:
        """Undo an automatic merge on evidence (asking which name when the rules merged several)."""
        entity = self.highlighted_entity()
        if entity is None:
            return
        if not entity.merged:
            self.notify("This entity was not merged automatically; s splits a name off", severity="warning")
            return
        workspace = self.workspace

        def unmerge(alias: str | None) -> None:
            if not alias:
                return

            def change() -> ChangeDone:
                workspace.unmerge_entity(entity.id, alias)
                return ChangeDone(f"Unmerged “{alias}” from “{entity.name}” (ctrl+z merges again)", RELOAD)

            self.run_change("Cannot unmerge", change)

        if len(entity.merged) == 1:
            unmerge(entity.merged[0].alias)
            return
        choices = [Choice(m.alias, Content(choice_label(m)), m.alias) for m in entity.merged]
        self.app.push_screen(ChoiceDialog(f"Undo which merge into “{one_line(entity.name)}”?", choices), unmerge)

    def action_entity_suggestions(self) -> None:
        workspace = self.workspace
        by_id: dict[str, MergeSuggestion] = {}

        def load() -> list[Choice]:
            suggestions = list(workspace.extraction().suggestions)
            by_id.update((s.id, s) for s in suggestions)
            return [suggestion_choice(s) for s in suggestions]

        def decided(answer: str | None) -> None:
            if answer is None:
                return
            verdict, _, suggestion_id = answer.partition(":")
            suggestion = by_id.get(suggestion_id)
            if suggestion is None:
                return
            names = " and ".join(f"“{name}”" for name in suggestion.names)
            said = f"Merged {names}" if verdict == "accept" else f"Rejected merging {names}"
            self._correct("Cannot decide", verdict, list(suggestion.entity_ids), said)

        self.app.push_screen(
            SuggestionsDialog(
                "Suggested merges",
                load,
                hint="enter accepts (merges) · d rejects · esc closes",
                empty="no suggested merges: the entities look distinct",
            ),
            decided,
        )

    def action_entity_add_to_case(self) -> None:  # issue 13: c
        entity = self.highlighted_entity()
        if entity is None:
            self.notify("Highlight an entity first (j k), then c adds it to the case file", severity="warning")
            return
        workspace = self.workspace
        self.run_change("Cannot add to the case file", lambda: add_entity(workspace, entity.id, entity.name))
