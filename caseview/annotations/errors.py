"""Everything that can go wrong with annotations, as specific exceptions with readable messages."""

from __future__ import annotations

from pathlib import Path


class AnnotationError(Exception):
    """Base class: the message is meant for the analyst, as it is."""


class SpanError(AnnotationError, ValueError):
    """A passage could not be selected: empty span, out of range, or a quote not in the document."""


class UnknownAnnotation(AnnotationError, KeyError):
    """No (live) annotation has this id."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else "unknown annotation"


class AnnotationFileError(AnnotationError):
    """An annotation file that does not parse or validate. It is kept untouched; a copy is set aside."""

    def __init__(self, path: Path, reason: str, quarantined: Path | None = None) -> None:
        self.path = path
        self.reason = reason
        self.quarantined = quarantined
        where = f"; a copy is kept in {quarantined}" if quarantined else ""
        super().__init__(f"{path}: cannot be read: {reason}. The file was left untouched{where}; "
                         "fix it or move it away to annotate this document again.")


class ReadOnlyAnnotations(AnnotationError):
    """An annotation file written by a newer caseview: it can be read but not written."""

    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        super().__init__(f"{path}: written by a newer caseview (schema version {version}, this one knows "
                         f"{supported}); opened read-only, changes refused. Upgrade caseview to edit it.")


class StoreBusy(AnnotationError):
    """Another program held the annotation file's lock for too long."""
