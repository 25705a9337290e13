"""Pick a section of the case file, or name a new one: typing filters the sections, and when what is
typed is no section's name a "new section" row offers it (highlighted when nothing else matches)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content

from caseview.tui.dialogs.choice import Choice, ChoiceDialog
from caseview.tui.render import MUTED, one_line

#: The key of the "new section" row (section titles are never empty, so it cannot clash).
NEW = ""


class SectionPicker(ChoiceDialog):
    """Returns the title of the section picked (an existing one, or the new one typed), or None."""

    def __init__(
        self,
        title: Content | str,
        sections: Sequence[str] | Callable[[], Sequence[str]],
        current: str | None = None,
    ) -> None:
        def as_choices(titles: Sequence[str]) -> list[Choice]:
            here = Content("  (here now)").stylize(MUTED)
            return [
                Choice(t, Content.assemble(Content(one_line(t)), here) if t == current else Content(one_line(t)), t)
                for t in titles
            ]

        if isinstance(sections, Sequence):
            choices: Sequence[Choice] | Callable[[], Sequence[Choice]] = as_choices(sections)
        else:
            load = sections
            choices = lambda: as_choices(load())  # noqa: E731 - the loader runs in the dialog's worker
        super().__init__(
            title,
            choices,
            hint="type to filter or to name a new section · ↑↓ move · enter picks · esc cancels",
            empty="no sections yet: type the name of a new one",
        )

    def ranked(self, typed: str) -> list[Choice]:
        matches = super().ranked(typed)
        name = " ".join(typed.split())
        if name and not any(c.key.casefold() == name.casefold() for c in self.choices):
            new = Content.assemble(Content("+ new section ").stylize("bold"), Content(f"“{one_line(name)}”"))
            matches.append(Choice(NEW, new, name))
        return matches

    def answer(self, key: str) -> None:
        self.dismiss(" ".join(self.typed.split()) if key == NEW else key)
