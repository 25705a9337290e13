"""``caseview doc [CORPUS] date DOC [DATE | --clear] [--json]``: set, correct or clear a publication date.

``DATE`` is a day, a month or a year (``2026-04-17``, ``2026-04``, ``2026``). It is stored in the
document's ``.meta.json`` beside it (locked, atomic, every other key kept; a damaged sidecar is
quarantined and left as it is) with ``"date_source": "set by the analyst"``; the index is refreshed
and the document's relative times ("last week") resolve against the new date on the next
extraction. Without ``DATE`` and ``--clear`` it prints the date as it is known now.
"""

from __future__ import annotations

import argparse

from pydantic import BaseModel
from rich.text import Text

from caseview.cli.annotation_commands import _doc_id as document_id
from caseview.cli.command import Command
from caseview.cli.common import EXIT_OK, CliError, open_workspace, print_model, stdout
from caseview.corpus import Document
from caseview.kernel.docmeta import DocumentMetaError, meta_sidecar_path
from caseview.kernel.textsafe import one_line
from caseview.workspace import UnknownDocument
from caseview.workspace.pubdates import BadPublicationDate

USAGE = "caseview doc [CORPUS] date DOC [DATE | --clear] [--json]"
ACTIONS = frozenset({"date"})


class DocDateJson(BaseModel):
    """``caseview doc date … --json``: the document's publication date as it is known now."""

    corpus: str
    doc: str
    #: As stored: "2026-04-17", "2026-04", "2026"; null when undated.
    published: str | None
    precision: str | None
    #: As a person reads it: "2026-04-17", "April 2026", "not before 2026-04-29", "undated".
    label: str
    date_source: str | None
    #: The sidecar written (null when only shown).
    sidecar: str | None


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=sorted(ACTIONS), metavar="date", help="set, correct, clear or show the date")
    parser.add_argument("doc", metavar="DOC", help="document id or path (an id starting with '-' goes after '--')")
    parser.add_argument("date", nargs="?", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--clear", action="store_true", help="remove the date caseview or the analyst stored")
    parser.add_argument("--json", action="store_true", help="print the date as JSON")
    from caseview.cli.team_hooks import add_team_option  # issue 18

    add_team_option(parser)


def run_doc(args: argparse.Namespace) -> int:
    if args.clear and args.date is not None:
        raise CliError(f"usage: {USAGE} (a DATE or --clear, not both)")
    workspace = open_workspace(args.corpus, show_warnings=False)
    sidecar = None
    try:
        doc_id = document_id(workspace, args.doc)
        if args.date is None and not args.clear:
            document = workspace.document(doc_id)
        else:
            from caseview.cli.team_hooks import watch_shared  # issue 18

            shared = watch_shared(workspace.root, args.team, meta_sidecar_path(workspace.root / doc_id))
            document = workspace.set_publication_date(doc_id, None if args.clear else args.date)
            sidecar = meta_sidecar_path(workspace.root / doc_id)
    except (BadPublicationDate, DocumentMetaError, UnknownDocument) as error:
        raise CliError(str(error)) from None
    except OSError as error:  # a read-only folder, a full disk: nothing was changed
        raise CliError(f"cannot store the date of {one_line(args.doc)!r}: {one_line(str(error))}") from None
    finally:
        workspace.close()
    if args.json:
        print_model(_as_json(str(workspace.root), document, sidecar))
    else:
        stdout.print(Text(_line(document, sidecar is not None, args.clear)))
    return shared.send(EXIT_OK) if sidecar is not None else EXIT_OK  # issue 18


def _as_json(corpus: str, document: Document, sidecar: object | None) -> DocDateJson:
    publication = document.meta.publication
    return DocDateJson(
        corpus=corpus,
        doc=document.id,
        published=publication.iso() if publication else None,
        precision=publication.precision if publication else None,
        label=document.meta.published_label,
        date_source=document.meta.date_source,
        sidecar=str(sidecar) if sidecar is not None else None,
    )


def _line(document: Document, written: bool, cleared: bool) -> str:
    """ "001.txt: April 2026 (month; set by the analyst), saved in 001.txt.meta.json"."""
    publication = document.meta.publication
    label = one_line(document.meta.published_label)
    if publication is not None:
        source = f"; {document.meta.date_source}" if document.meta.date_source else ""
        label = f"{label} ({publication.precision}{one_line(source)})"
    name = one_line(document.id)
    if not written:
        return f"{name}: {label}"
    what = "date cleared" if cleared else "date set"
    sidecar = one_line(meta_sidecar_path(document.path).name)
    return f"{name}: {what}, now {label}; saved in {sidecar}"


COMMANDS = {
    "doc": Command(
        _arguments,
        run_doc,
        usage=USAGE,
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        actions=ACTIONS,
    )
}
