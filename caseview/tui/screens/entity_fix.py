"""Correcting entities from the entities pane: merge, split off an alias, rename, retype, hide, and the
suggested merges to accept or reject.

Each correction goes through ``workspace.correct_entities`` in a worker (it is saved in
``caseview-entities.json`` and the index re-indexes the documents it touches); then the entities
pane, the events and the reader's mentions are reloaded, so it shows everywhere at once.
"""

from __future__ import annotations

from textual.content import Content

from caseview.extract.models import EntityType
from caseview.tui.case_messages import ChangeDone
from caseview.tui.features import EntityRow
from caseview.tui.render import MUTED, one_line
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.screens.choice_dialogs import Choice, ChoiceDialog, SuggestionsDialog, TextDialog
from caseview.tui.widgets.panes import EntitiesPane
from caseview.tui.widgets.row_list import RowList

ENTITY_ACTIONS = {"entity_merge", "entity_split", "entity_rename", "entity_retype", "entity_hide"}
RELOAD = frozenset({"entities", "case"})


class EntityFixing(MainScreenBase):
    """The entities pane's correction keys."""

    def _entity(self) -> EntityRow | None:
        if not self.is_mounted or self.extraction is None:
            return None
        key = self.query_one(EntitiesPane).query_one("#entities-list", RowList).highlighted_key
        return self.extraction.entity(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ENTITY_ACTIONS or action == "entity_suggestions":
            if not hasattr(self.workspace, "correct_entities") or self.extraction is None:
                return False
            if action in ENTITY_ACTIONS and self._entity() is None:
                return None
            if action == "entity_split":
                entity = self._entity()
                return bool(entity and entity.aliases) or None
        return super().check_action(action, parameters)

    def _correct(
        self, title: str, op: str, ids: list[str], said: str, value: str | None = None, type_: str | None = None
    ) -> None:
        def change() -> ChangeDone:
            self.workspace.correct_entities(op, ids, value, type_)
            return ChangeDone(said, RELOAD)

        self.run_change(title, change)  # type: ignore[attr-defined] - CaseWork's worker, same screen

    def action_entity_merge(self) -> None:
        entity = self._entity()
        if entity is None or self.extraction is None:
            return
        others = [
            Choice(
                other.id,
                Content.assemble(
                    Content(one_line(other.name)),
                    Content(f"  {other.type} · {len(other.mentions)} mentions").stylize(MUTED),
                ),
                " ".join([other.name, *other.aliases, other.type]),
            )
            for other in self.extraction.entities
            if other.id != entity.id
        ]
        self.app.push_screen(
            ChoiceDialog(f"Merge “{one_line(entity.name)}” with which entity?", others),
            lambda other: self._merge(entity, other),
        )

    def _merge(self, entity: EntityRow, other_id: str | None) -> None:
        if other_id is None or self.extraction is None:
            return
        other = self.extraction.entity(other_id)
        other_name = other.name if other else other_id
        self._correct("Cannot merge", "merge", [entity.id, other_id], f"Merged “{entity.name}” and “{other_name}”")

    def action_entity_split(self) -> None:
        entity = self._entity()
        if entity is None:
            return
        if not entity.aliases:
            self.notify("This entity has no other name to split off", severity="warning")
            return
        choices = [Choice(alias, Content(one_line(alias)), alias) for alias in entity.aliases]
        self.app.push_screen(
            ChoiceDialog(f"Split which name off “{one_line(entity.name)}”?", choices),
            lambda alias: (
                alias
                and self._correct("Cannot split", "split", [entity.id], f"Split “{alias}” off “{entity.name}”", alias)
            ),
        )

    def action_entity_rename(self) -> None:
        entity = self._entity()
        if entity is None:
            return
        self.app.push_screen(
            TextDialog(f"Rename “{one_line(entity.name)}” to", entity.name),
            lambda name: (
                name
                and name != entity.name
                and self._correct("Cannot rename", "rename", [entity.id], f"Renamed “{entity.name}” to “{name}”", name)
            ),
        )

    def action_entity_retype(self) -> None:
        entity = self._entity()
        if entity is None:
            return
        choices = [
            Choice(kind.value, Content(kind.value + ("  (now)" if kind.value == entity.type else "")), kind.value)
            for kind in EntityType
        ]
        self.app.push_screen(
            ChoiceDialog(f"What kind of entity is “{one_line(entity.name)}”?", choices),
            lambda kind: (
                kind
                and kind != entity.type
                and self._correct(
                    "Cannot change the type", "retype", [entity.id], f"“{entity.name}” is now {kind}", type_=kind
                )
            ),
        )

    def action_entity_hide(self) -> None:
        entity = self._entity()
        if entity is None:
            return
        self._correct("Cannot hide", "hide", [entity.id], f"Hid “{entity.name}” (ctrl+z shows it again)")

    def action_entity_suggestions(self) -> None:
        self.run_change("Suggestions", self._suggestions)  # type: ignore[attr-defined]

    def _suggestions(self) -> ChangeDone:
        """Read the suggestions in the worker; the dialog is opened back on the UI thread."""
        suggestions = list(self.workspace.extraction().suggestions)
        self.app.call_from_thread(self._show_suggestions, suggestions)
        return ChangeDone(f"{len(suggestions)} suggested merge{'s' if len(suggestions) != 1 else ''}", frozenset())

    def _show_suggestions(self, suggestions: list) -> None:  # type: ignore[type-arg]
        if not suggestions:
            return
        choices = [
            Choice(
                s.id,
                Content.assemble(
                    Content(one_line(s.names[0])).stylize("bold"),
                    Content(" ~ "),
                    Content(one_line(s.names[1])).stylize("bold"),
                    Content(f"  {s.score:.2f} · {one_line(s.reason)}").stylize(MUTED),
                ),
                f"{s.names[0]} {s.names[1]} {s.reason}",
            )
            for s in suggestions
        ]
        by_id = {s.id: s for s in suggestions}
        self.app.push_screen(
            SuggestionsDialog("Suggested merges", choices, hint="enter accepts (merges) · d rejects · esc closes"),
            lambda answer: self._suggestion_decided(answer, by_id),
        )

    def _suggestion_decided(self, answer: str | None, by_id: dict) -> None:  # type: ignore[type-arg]
        if answer is None:
            return
        verdict, _, suggestion_id = answer.partition(":")
        suggestion = by_id.get(suggestion_id)
        if suggestion is None:
            return
        names = " and ".join(f"“{name}”" for name in suggestion.names)
        said = f"Merged {names}" if verdict == "accept" else f"Rejected merging {names}"
        self._correct("Cannot decide", verdict, list(suggestion.entity_ids), said)
