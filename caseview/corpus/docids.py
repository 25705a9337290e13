"""Ids of documents found inside other documents, and how an id leads back to the file on disk.

A document's id is its path relative to the corpus root. Documents *inside* a file extend their
container's id with one step each:

- a mailbox's message: ``archive.mbox#<Message-ID>`` (angle brackets dropped);
- an e-mail's attachment: ``mail.eml/report.pdf``; nested: ``mail.eml/forward.eml/report.pdf``,
  ``archive.mbox#<id>/report.pdf``.

Inside a step, ``%``, ``/``, ``#``, ``\\`` and control characters are percent-escaped, so a step never
contains a separator and the id splits back unambiguously once we know which prefix is the file.
An id stays the stable name for everything else (annotations' ``target.source``, the index, case
items); :func:`resolve_doc_id` turns it back into the file and the steps inside it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

#: Suffixes of files whose attachments become documents of their own (``/`` steps).
ATTACHMENT_CONTAINERS = (".eml", ".msg")
#: Suffixes of files whose messages become documents of their own (``#`` steps).
MAILBOX_CONTAINERS = (".mbox",)

_UNSAFE_IN_STEP = re.compile(r"[%/#\\\x00-\x1f\x7f]")


def escape_step(name: str) -> str:
    """``name`` made safe as one step of an id (percent-escaping separators and control characters)."""
    return _UNSAFE_IN_STEP.sub(lambda match: f"%{ord(match[0]):02X}", name)


def message_step(message_id: str) -> str:
    """The ``#`` step of a mailbox message from its Message-ID header (``<a@b>`` → ``#a@b``)."""
    return "#" + escape_step(message_id.strip().strip("<>").strip())


def attachment_step(filename: str) -> str:
    """The ``/`` step of an attachment from its file name."""
    return "/" + escape_step(filename.strip())


@dataclass(frozen=True)
class DocRef:
    """Where a document id points: the corpus file (its own id) and the steps inside it (may be empty)."""

    file_id: str
    #: Each step with its separator: ``("#a@b", "/report.pdf")``.
    steps: tuple[str, ...] = ()

    @property
    def is_child(self) -> bool:
        return bool(self.steps)

    @property
    def doc_id(self) -> str:
        return self.file_id + "".join(self.steps)

    @property
    def parent_id(self) -> str | None:
        """The id of the document this one was found in, or None for a file of the corpus."""
        return self.file_id + "".join(self.steps[:-1]) if self.steps else None


def _split_steps(rest: str) -> tuple[str, ...]:
    """``"#a@b/report.pdf"`` → ``("#a@b", "/report.pdf")``."""
    return tuple(match[0] for match in re.finditer(r"[#/][^#/]*", rest))


def candidate_refs(doc_id: str) -> list[DocRef]:
    """Every reading of ``doc_id`` as file + steps, shortest file first; the whole id as a file last.

    Pure: which one is right depends on what is on disk (a folder may be called ``x.eml``), which
    :func:`resolve_doc_id` checks.
    """
    candidates: list[DocRef] = []
    for match in re.finditer(r"[#/]", doc_id):
        prefix, rest = doc_id[: match.start()], doc_id[match.start() :]
        lowered = prefix.lower()
        if (rest[0] == "/" and lowered.endswith(ATTACHMENT_CONTAINERS)) or (
            rest[0] == "#" and lowered.endswith(MAILBOX_CONTAINERS)
        ):
            candidates.append(DocRef(prefix, _split_steps(rest)))
    candidates.append(DocRef(doc_id))
    return candidates


def resolve_doc_id(root: Path, doc_id: str) -> DocRef | None:
    """The reading of ``doc_id`` whose file exists under ``root`` as a regular file, or None."""
    for ref in candidate_refs(doc_id):
        if os.path.isfile(root / ref.file_id):
            return ref
    return None


def annotation_base_path(root: Path, doc_id: str) -> Path:
    """The path whose name, plus the sidecar suffix, names a document's annotation sidecar.

    A file's own path for a file; for a document inside a file, a name beside the container with
    its steps flattened (``mail.eml/report.pdf`` → ``mail.eml#report.pdf``), since nothing can be
    written inside the container. Flattening is injective because steps never contain ``/`` or ``#``.
    """
    if not _may_be_inside(doc_id):
        return root / doc_id  # no stat: this runs for every document on every refresh (extras stamps)
    ref = resolve_doc_id(root, doc_id)
    if ref is None or not ref.is_child:
        return root / doc_id
    flat = "".join("#" + step[1:] for step in ref.steps)
    container = root / ref.file_id
    return container.with_name(container.name + flat)


def _may_be_inside(doc_id: str) -> bool:
    """Whether some reading of ``doc_id`` names a document inside a container file (pure, no stat)."""
    return len(candidate_refs(doc_id)) > 1


def doc_id_from_annotation_base(root: Path, base: str) -> str:
    """The document id whose :func:`annotation_base_path` is ``base`` (relative to ``root``).

    The flattening drops which separator each step had; a mailbox's first step is a message (``#``)
    and every other step an attachment (``/``), as :mod:`caseview.corpus.inside` makes them.
    """
    for match in re.finditer("#", base):
        container = base[: match.start()]
        lowered = container.lower()
        if lowered.endswith(ATTACHMENT_CONTAINERS + MAILBOX_CONTAINERS) and os.path.isfile(root / container):
            steps = base[match.start() + 1 :].split("#")
            first = "#" if lowered.endswith(MAILBOX_CONTAINERS) else "/"
            return container + first + steps[0] + "".join("/" + step for step in steps[1:])
    return base
