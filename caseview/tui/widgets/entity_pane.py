"""The entities pane with the correction keys (merge, split, rename, retype, hide, suggestions)."""

from __future__ import annotations

from caseview.tui.keys import Scope, bindings
from caseview.tui.widgets.panes import EntitiesPane


class CorrectableEntitiesPane(EntitiesPane):
    """Entities grouped by type; the correction keys act on the highlighted one (screen actions)."""

    BINDINGS = bindings(Scope.ENTITIES)
