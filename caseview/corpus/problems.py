"""What can be wrong with a document, as a kind a command can group by (``caseview check``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

#: - ``unreadable``: corrupt, truncated, empty or not the format its name says;
#: - ``encrypted``: a password is needed (or the one given is wrong);
#: - ``no-text-layer``: pages or images without text, unread because Tesseract is not installed;
#: - ``limit``: a size, page-count or nesting bound was hit (zip bombs, deep attachments);
#: - ``not-a-file``: a pipe, device, socket or a link that is not followed;
#: - ``partial``: read, but with something left out (an embedded object, pages that failed);
#: - ``metadata``: the sidecar or front matter was ignored; ``encoding``: read as cp1252.
ProblemKind = Literal[
    "unreadable", "encrypted", "no-text-layer", "limit", "not-a-file", "partial", "metadata", "encoding"
]


class Notice(BaseModel):
    """A caveat about a document that was read (it opens; the analyst should know)."""

    model_config = ConfigDict(frozen=True)

    kind: ProblemKind
    message: str
