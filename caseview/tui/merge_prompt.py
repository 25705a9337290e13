"""How the entities pane shows an automatic merge: under the entity, each merged name and its reason."""

from __future__ import annotations

import textwrap

from textual.content import Content

from caseview.tui.render import MUTED, one_line
from caseview.tui.rows import EntityRow, MergedName

#: The pane is narrow and its rows do not wrap: the reason is broken into lines this wide.
REASON_WIDTH = 22


def merged_prompt(entity: EntityRow, prompt: Content) -> Content:
    """``prompt``, then for each name merged on evidence a few muted lines:
    "↳ merged “Scott Besant”: same title and first name, similar surname, 3 shared co-mentions (u undoes)"."""
    if not entity.merged:
        return prompt
    lines = [Content("\n" + line).stylize(MUTED) for merged in entity.merged for line in reason_lines(merged)]
    return Content.assemble(prompt, *lines)


def reason_lines(merged: MergedName) -> list[str]:
    text = f"merged “{one_line(merged.alias)}”: {one_line(merged.reason)} (u undoes)"
    wrapped = textwrap.wrap(text, REASON_WIDTH, break_long_words=True)
    return [("  ↳ " if i == 0 else "    ") + line for i, line in enumerate(wrapped)]


def choice_label(merged: MergedName) -> str:
    """One line for the "undo which merge?" picker: the name, the reason and the shared co-mentions."""
    shared = f" ({', '.join(merged.shared)})" if merged.shared else ""
    return one_line(f"“{merged.alias}”: {merged.reason}{shared}")
