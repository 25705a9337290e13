"""Everything that can go wrong with annotations, as specific exceptions with readable messages."""

from __future__ import annotations

from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile


class AnnotationError(Exception):
    """Base class: the message is meant for the analyst, as it is."""


class SpanError(AnnotationError, ValueError):
    """A passage could not be selected: empty span, out of range, or a quote not in the document."""


class UnknownAnnotation(AnnotationError, KeyError):
    """No (live) annotation has this id."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else "unknown annotation"


class AnnotationFileError(AnnotationError, UnreadableStoredFile):
    """An annotation file that does not parse or validate. It is kept untouched; a copy is set aside."""

    action = "annotate this document"


class ReadOnlyAnnotations(AnnotationError, NewerSchemaFile):
    """An annotation file written by a newer caseview: it can be read but not written."""


class StoreBusy(AnnotationError, BusyStoredFile):
    """Another program held the annotation file's lock for too long."""
