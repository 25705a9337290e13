"""``KEEP``, the default of an edit's field: apart from the service, so the workspace façade can use it as
a default without importing the annotation service before an annotation is touched (ARCHITECTURE.md,
"Start-up")."""

from __future__ import annotations

from enum import Enum


class Keep(Enum):
    """The default of an edit's field: leave it as it is (``note=None`` removes the note instead)."""

    KEEP = "keep"


KEEP = Keep.KEEP
