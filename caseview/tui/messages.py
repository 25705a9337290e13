"""The app's message vocabulary: what workers and panes tell the screen (dataclasses, one place).

Workers never touch widgets: they post one of these, and the main screen routes it to the panes
that show it. A change to the analyst's work ends in exactly one of :class:`ChangeDone` or
:class:`ChangeFailed`, whatever changed (an annotation, the case file, an entity, undo and redo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from textual.message import Message

from caseview.annotations.codebook import TaggedPassage, TagSummary
from caseview.annotations.model import Annotation
from caseview.corpus import Document
from caseview.extract.profile import EntityProfile
from caseview.provenance import ProvenanceReport
from caseview.search import SearchResults
from caseview.tui.case_rows import CaseSnapshot
from caseview.tui.compare_rows import Comparison
from caseview.tui.flag_rows import FlagRow
from caseview.tui.list_rows import ListRow
from caseview.tui.review_rows import ReviewEntry
from caseview.tui.rows import Extraction
from caseview.tui.source_rows_update import SourceChanges
from caseview.tui.trail import Trail
from caseview.workspace import DocumentInfo, RefreshReport
from caseview.workspace.team_link import TeamEvent
from caseview.workspace.watching import StateToken, WorkspaceChanges

#: What a change touched, so the screen shows it again: the open document's annotations, the
#: sources' annotation counts, the case file, entities and events, the review count.
Reload = Literal["annotations", "counts", "case", "entities", "review"]
Severity = Literal["information", "warning", "error"]


# -- changes to the analyst's work ------------------------------------------------------------------
@dataclass
class ChangeDone(Message):
    """A change went through the workspace (or was found not to be needed): say so, reload what it touched."""

    message: str
    reload: frozenset[Reload] = frozenset()
    #: Documents whose annotations changed (empty: whichever is open).
    doc_ids: tuple[str, ...] = ()
    #: The case item to highlight (the one just made or moved).
    highlight: str | None = None
    severity: Severity = "information"


@dataclass
class ChangeFailed(Message):
    """A change (or a read it needed) failed; ``reason`` is shown to the analyst as it is."""

    title: str
    reason: str


# -- routing between panes ----------------------------------------------------------------------------
@dataclass
class OpenInReader(Message):
    """Show ``doc_id`` in the reader, at the trail's current mark."""

    doc_id: str
    trail: Trail | None = None
    focus_reader: bool = True


@dataclass
class FocusPane(Message):
    pane: str


# -- background loading ---------------------------------------------------------------------------------
@dataclass
class IndexProgress(Message):
    done: int
    total: int
    current: str


@dataclass
class IndexReady(Message):
    """The index is up to date (or as up to date as it can be); the documents are known."""

    report: RefreshReport | None
    documents: list[DocumentInfo]
    #: The sources list's rows, made in the worker (10,000 of them take a while).
    rows: list[ListRow]
    needs_review: int
    #: Why the index could not be brought up to date, if it could not.
    problem: str | None = None
    #: The analyst's files that cannot be read, one line each (issue 12: shown, the rest opens).
    damaged: list[str] = field(default_factory=list)
    #: After a refresh of a few files: just their rows (``documents`` and ``rows`` are then empty).
    changes: SourceChanges | None = None


@dataclass
class ExtractionProgress(Message):
    done: int
    total: int


@dataclass
class ExtractionReady(Message):
    extraction: Extraction


@dataclass
class ExtractionUnavailable(Message):
    reason: str


@dataclass
class ReviewCount(Message):
    count: int


@dataclass
class SourceRowsReady(Message):
    """The sources list again, with new annotation counts."""

    rows: list[ListRow]
    #: The documents as the rows show them (their dates may have changed), when they were read again.
    documents: tuple[DocumentInfo, ...] = ()  # issue 14


@dataclass
class CaseLoaded(Message):
    """The case file as it is on disk now (or why it could not be read)."""

    snapshot: CaseSnapshot | None
    reason: str | None = None
    highlight: str | None = None
    #: The provenance report the items' origins were counted with (None: not yet traced).
    traced_with: ProvenanceReport | None = None


@dataclass
class OutsideChanges(Message):
    """Files changed on disk since the last look (another window, the CLI, or this window)."""

    changes: WorkspaceChanges
    token: StateToken


@dataclass
class TeamChanged(Message):
    """News from the team server link (issue 18): its state for the status line, the documents whose
    files other analysts' changes rewrote (shown through :class:`OutsideChanges`), refusals."""

    event: TeamEvent


# -- searching and reading -----------------------------------------------------------------------------
@dataclass
class SearchFinished(Message):
    query: str
    results: SearchResults


@dataclass
class SearchFailed(Message):
    """The query could not be run: a syntax error (with its column) or another problem."""

    query: str
    message: str
    column: int | None = None


@dataclass
class DocumentLoaded(Message):
    document: Document
    trail: Trail | None
    focus_reader: bool


@dataclass
class AnnotationsLoaded(Message):
    """The annotations of one document, and every tag of the corpus (for the tag picker)."""

    doc_id: str
    annotations: tuple[Annotation, ...]
    known_tags: tuple[str, ...]
    #: Which read this is (the reader shows only the latest).
    generation: int = 0


@dataclass
class ReviewLoaded(Message):
    """The review queue as it is now, and what the analyst's last decision did (or why it failed)."""

    entries: list[ReviewEntry]
    said: str | None = None
    failed: str | None = None


@dataclass
class ProvenanceReady(Message):
    """Whom each document cites, which copy or rewrite which, and their origins (issue 16)."""

    report: ProvenanceReport


@dataclass
class OpenComparison(Message):
    """Show a source beside its copies or rewrites (the compare view, issue 16)."""

    comparisons: tuple[Comparison, ...]


# -- the codebook (issue 13) ------------------------------------------------------------------------
@dataclass
class CodebookLoaded(Message):
    """The codebook as it is on disk now, the passages of the tag shown, and what the last change did."""

    tags: list[TagSummary]
    #: The tag whose passages are listed, and those passages.
    tag: str | None
    passages: list[TaggedPassage]
    #: Document id → title, for the passages' rows.
    titles: dict[str, str]
    said: str | None = None
    failed: str | None = None


@dataclass
class ProfileLoaded(Message):
    """An entity's profile (None: the entity is gone, ``reason`` says so)."""

    profile: EntityProfile | None
    reason: str | None = None


@dataclass
class SearchFor(Message):
    """Put ``query`` in the search bar and show its results (e.g. ``/`` in an entity's profile)."""

    query: str


@dataclass
class ShowProfile(Message):
    """Show an entity's profile (the screen pushes it; the entities pane acts on what comes back)."""

    entity_id: str
    titles: dict[str, str]


@dataclass
class FlagsLoaded(Message):
    """The event flags, as pairs of passages (issue 13)."""

    rows: list[FlagRow]


@dataclass
class ShowFlags(Message):
    """Show the event flags (``!`` in the events pane); the screen pushes them."""
