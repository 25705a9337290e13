"""``caseview sources [CORPUS] [--verbose] [--json]``: how many sources there really are.

For each document: its outlet, whom it cites (source, kind, count; with ``--verbose`` the sentence
that carries each citation), the documents it copies or rewrites and the outlets it relays, and its
origins; then the rewrite pairs with their aligned passages; then one line counting the independent
origins ("5 documents · 4 independent origins"). ``--json`` prints the
:class:`~caseview.provenance.ProvenanceReport` itself. Everything shown that comes from a document
(ids, titles, outlets, cited names, evidence, the reasons that quote it) goes through
:func:`~caseview.kernel.textsafe.one_line` first.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

from pydantic import RootModel
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    open_workspace,
    print_model,
    stdout,
    warn,
)
from caseview.cli.reading_arguments import ARGUMENTS
from caseview.kernel.textsafe import one_line
from caseview.provenance import (
    DocumentProvenance,
    Origin,
    ProvenanceReport,
    RewritePair,
    analyse_provenance,
    source_text,
)
from caseview.provenance.offers import AnnotationOffer
from caseview.workspace import UnknownDocument, Workspace

_TITLE_LIMIT = 60
#: Origins named in the summary line (the listing above names every document's).
_NAMES_SHOWN = 8


def corpus_provenance(workspace: Workspace) -> ProvenanceReport:
    """Provenance of every document of the (refreshed) workspace, read through its façade."""
    sources = []
    for info in workspace.documents():
        try:
            sources.append(source_text(workspace.document(info.id)))
        except UnknownDocument:
            warn(f"{one_line(info.id)} is no longer readable; left out")
    return analyse_provenance(sources)


@dataclass(frozen=True)
class OutputLine:
    text: str
    style: str = ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _shorten(text: str, limit: int = _TITLE_LIMIT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _origin_text(origin: Origin, own_id: str) -> str:
    beside = f" ({origin.doc_id})" if origin.doc_id and origin.doc_id != own_id else ""
    return origin.label + beside


def origin_labels(report: ProvenanceReport, doc_id: str) -> str:
    """The labels of a document's origins, for ``002 ≈ 003 rewrite (Axios)``."""
    document = report.document(doc_id)
    return ", ".join(origin.label for origin in document.origins) if document else ""


def _document_lines(
    report: ProvenanceReport, document: DocumentProvenance, title: str, verbose: bool
) -> list[OutputLine]:
    head = " · ".join(part for part in (document.doc_id, document.outlet or "outlet unknown", _shorten(title)) if part)
    lines = [OutputLine(head, "bold")]
    counts = Counter((c.source, c.kind) for c in document.citations if not c.own)
    if counts:
        cited = "; ".join(f"{source} ({kind}, {count}×)" for (source, kind), count in counts.items())
        lines.append(OutputLine(f"  cites: {cited}"))
    own = Counter(c.source for c in document.citations if c.own)
    if own:
        lines.append(OutputLine("  own reporting: " + "; ".join(f"{name} ({n}×)" for name, n in own.items())))
    if verbose:
        for citation in document.citations:
            lines.append(
                OutputLine(
                    f"    {citation.source} (characters {citation.start}–{citation.end}): “{citation.evidence}”",
                    "dim",
                )
            )
    for pair in report.pairs:
        if pair.derived == document.doc_id:
            lines.append(
                OutputLine(
                    f"  ≈ {pair.kind} of {pair.origin} ({origin_labels(report, pair.origin)}) · score "
                    f"{pair.score:.2f} · {'; '.join(pair.reasons)}"
                )
            )
        elif pair.origin == document.doc_id:
            lines.append(OutputLine(f"  {pair.kind} by {pair.derived} · score {pair.score:.2f}"))
    for outlet in document.relayed_outlets:
        lines.append(OutputLine(f"  relays {outlet} (not a document of this corpus)"))
    origins = ", ".join(_origin_text(origin, document.doc_id) for origin in document.origins)
    own_reporting = " (its own reporting)" if any(o.doc_id == document.doc_id for o in document.origins) else ""
    lines.append(OutputLine(f"  origin{'s' if len(document.origins) != 1 else ''}: {origins}{own_reporting}"))
    return lines


def _pair_line(report: ProvenanceReport, pair: RewritePair) -> OutputLine:
    direction = "" if pair.direction_known else " (direction from document order only)"
    return OutputLine(
        f"  {pair.derived} ≈ {pair.origin} {pair.kind} ({origin_labels(report, pair.origin)}) · score "
        f"{pair.score:.2f} · {_plural(len(pair.aligned), 'aligned passage')} · "
        f"{pair.coverage:.0%} of {pair.derived}'s passages aligned{direction}"
    )


def summary_line(report: ProvenanceReport) -> str:
    """``5 documents · 4 independent origins: Axios, Financial Times, …``."""
    independence = report.independence([document.doc_id for document in report.documents])
    count = len(independence.origins)
    shown = [origin.label for origin in independence.origins[:_NAMES_SHOWN]]
    names = ", ".join(shown) + (f" and {count - len(shown)} more" if count > len(shown) else "")
    return f"{_plural(independence.documents, 'document')} · {count} independent origin{'s' if count != 1 else ''}" + (
        f": {names}" if names else ""
    )


def report_lines(report: ProvenanceReport, titles: dict[str, str], verbose: bool = False) -> list[OutputLine]:
    """The text output of ``caseview sources`` (before :func:`one_line` makes each line safe)."""
    lines: list[OutputLine] = []
    for document in report.documents:
        lines += _document_lines(report, document, titles.get(document.doc_id, ""), verbose)
        lines.append(OutputLine(""))
    if report.pairs:
        lines.append(OutputLine(f"{_plural(len(report.pairs), 'rewrite pair')}", "bold"))
        lines += [_pair_line(report, pair) for pair in report.pairs]
    else:
        lines.append(OutputLine("no document copies or rewrites another", "bold"))
    lines += [OutputLine(""), OutputLine(summary_line(report), "bold")]
    return lines


def run_sources(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        titles = {info.id: info.title for info in workspace.documents()}
        report = corpus_provenance(workspace)
        offers = workspace.annotation_offers(report) if args.offers else None
    finally:
        workspace.close()
    if offers is not None:
        return _print_offers(offers, args.json)
    if args.json:
        print_model(report)
    elif not report.documents:
        stdout.print(Text(one_line(f"no documents in {workspace.root}")))
    else:
        # One Text for the whole listing: printing line by line costs rich more than the analysis.
        output = Text()
        for line in report_lines(report, titles, args.verbose):
            output.append(one_line(line.text), style=line.style or None)
            output.append("\n")
        output.rstrip()
        stdout.print(output)
    return EXIT_OK if report.documents else EXIT_NOTHING_FOUND


class _Offers(RootModel[list[AnnotationOffer]]):
    pass


def _print_offers(offers: list[AnnotationOffer], as_json: bool) -> int:
    """``#tag “quote” 002 → 003 [start, end) “counterpart”`` per offer; exit 1 when there is none."""
    if as_json:
        print_model(_Offers(offers))
    elif not offers:
        stdout.print(Text("no annotation to offer: none sits on a passage that a copy or rewrite repeats"))
    else:
        output = Text()
        for offer in offers:
            tags = " ".join(f"#{tag}" for tag in offer.tags) or "(note)"
            output.append(one_line(f"{tags} “{offer.source_exact}” {offer.source_doc} → {offer.target_doc}"), "bold")
            output.append("\n")
            output.append(one_line(f"  [{offer.start}, {offer.end}) “{offer.exact}” · {offer.method} · {offer.score}"))
            output.append("\n")
        output.rstrip()
        stdout.print(output)
    return EXIT_OK if offers else EXIT_NOTHING_FOUND


COMMANDS = {"sources": Command.of(ARGUMENTS["sources"], run_sources)}
