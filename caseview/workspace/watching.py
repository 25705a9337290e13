"""Noticing what other windows changed: a cheap stamp of the analyst's files, to poll.

A second caseview on the same folder (or a CLI command beside it) writes the same files. Every read
through the workspace already sees their latest state; what the TUI needs is to know *when* to
reload a pane. :meth:`Watcher.state_token` stats the documents, annotation files, case files and
entity corrections (no reading: about 5 ms per thousand files) and
:meth:`Watcher.changes_since` says which of them changed since an earlier token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from caseview.annotations.sidecar import SIDECAR_SUFFIX
from caseview.corpus.docids import doc_id_from_annotation_base
from caseview.corpus.loader import DOCUMENT_FORMATS, EXPORT_SUFFIXES
from caseview.kernel.docmeta import META_SUFFIX

_Stamp = tuple[int, int, int]
_Key = TypeVar("_Key")


@dataclass(frozen=True)
class StateToken:
    """The state of the analyst's files at one moment (compare with ``Workspace.changes_since``)."""

    documents: dict[str, _Stamp] = field(default_factory=dict)
    annotations: dict[str, _Stamp] = field(default_factory=dict)
    cases: dict[str | None, _Stamp] = field(default_factory=dict)
    entities: _Stamp | None = None


@dataclass(frozen=True)
class WorkspaceChanges:
    """What changed on disk between two tokens, by whoever changed it (this window too)."""

    #: Document files (or their ``.meta.json``) added, changed or removed: call ``refresh()``.
    documents: tuple[str, ...] = ()
    #: Documents whose annotation file changed: reload their annotations (and re-run a search).
    annotations: tuple[str, ...] = ()
    #: Cases whose file changed (None = ``case.json``): reload the case pane.
    cases: tuple[str | None, ...] = ()
    #: ``caseview-entities.json`` changed: reload the entities pane.
    entities: bool = False

    @property
    def any(self) -> bool:
        return bool(self.documents or self.annotations or self.cases or self.entities)


def _changed(old: Mapping[_Key, _Stamp], new: Mapping[_Key, _Stamp]) -> tuple[_Key, ...]:
    return tuple(key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key))


def scan_state(root: str) -> StateToken:
    """Stat every file of the corpus folder that caseview reads or the analyst's work lives in."""
    # Here, not at the top: ``caseview.workspace`` exports this module's types, and a CLI search must
    # not load the case and extraction packages for two file names (ARCHITECTURE.md, "Start-up").
    from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX
    from caseview.extract.corrections import CORRECTIONS_FILE

    documents: dict[str, _Stamp] = {}
    annotations: dict[str, _Stamp] = {}
    cases: dict[str | None, _Stamp] = {}
    entities: _Stamp | None = None
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                # Never into a link to a folder: two links to "." would loop, one to /usr walk /usr
                # (the corpus scan does not follow them either, so nothing there is a document).
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{name}/"))
                    continue
                if entry.is_symlink() and entry.is_dir():
                    continue
                stat = entry.stat()
            except OSError:
                continue
            stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
            relative = prefix + name
            if name.endswith(SIDECAR_SUFFIX):
                annotations[relative[: -len(SIDECAR_SUFFIX)]] = stamp
            elif not prefix and name == DEFAULT_CASE_FILE:
                cases[None] = stamp
            elif not prefix and name.endswith(NAMED_CASE_SUFFIX):
                cases[name[: -len(NAMED_CASE_SUFFIX)]] = stamp
            elif not prefix and name == CORRECTIONS_FILE:
                entities = stamp
            elif name.endswith(META_SUFFIX) or (
                os.path.splitext(name)[1].lower() in DOCUMENT_FORMATS and not name.lower().endswith(EXPORT_SUFFIXES)
            ):
                documents[relative] = stamp
    return StateToken(documents, annotations, cases, entities)


def changes_of_paths(root: Path, paths: tuple[str, ...]) -> WorkspaceChanges:
    """What the changed files at ``paths`` (relative to ``root``, from file events) mean to the panes,
    by the rules :func:`scan_state` sorts files by; a path of none of these kinds is dropped."""
    # See scan_state.
    from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX
    from caseview.extract.corrections import CORRECTIONS_FILE

    documents: list[str] = []
    annotations: list[str] = []
    cases: list[str | None] = []
    entities = False
    for relative in paths:
        top_level = "/" not in relative
        name = relative.rpartition("/")[2]
        if name.endswith(SIDECAR_SUFFIX):
            annotations.append(doc_id_from_annotation_base(root, relative[: -len(SIDECAR_SUFFIX)]))
        elif top_level and name == DEFAULT_CASE_FILE:
            cases.append(None)
        elif top_level and name.endswith(NAMED_CASE_SUFFIX):
            cases.append(name[: -len(NAMED_CASE_SUFFIX)])
        elif top_level and name == CORRECTIONS_FILE:
            entities = True
        elif name.endswith(META_SUFFIX) or (
            os.path.splitext(name)[1].lower() in DOCUMENT_FORMATS and not name.lower().endswith(EXPORT_SUFFIXES)
        ):
            documents.append(relative)
    return WorkspaceChanges(
        documents=tuple(documents),
        annotations=tuple(dict.fromkeys(annotations)),
        cases=tuple(dict.fromkeys(cases)),
        entities=entities,
    )


class Watcher:
    """Poll for other windows' changes: ``token = watcher.state_token()`` … ``watcher.changes_since(token)``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def state_token(self) -> StateToken:
        """The state of the corpus folder's files now (cheap: stats only). Take one after loading the
        panes; later, :meth:`changes_since` says what to reload."""
        return scan_state(str(self.root))

    def changes_since(self, token: StateToken) -> WorkspaceChanges:
        """What changed since ``token`` (this window's own changes included)."""
        now = self.state_token()
        return WorkspaceChanges(
            documents=_changed(token.documents, now.documents),
            # An attachment's annotation file lies beside its e-mail (mail.eml#report.pdf): its document's id.
            annotations=tuple(
                doc_id_from_annotation_base(self.root, key) for key in _changed(token.annotations, now.annotations)
            ),
            cases=_changed(token.cases, now.cases),
            entities=token.entities != now.entities,
        )

    def changed_since(self, token: StateToken) -> bool:
        """Whether anything the panes show changed on disk since ``token``."""
        return self.state_token() != token
