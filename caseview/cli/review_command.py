"""``caseview annotation accept ID [--candidate N]``: accept a place re-anchoring found for an annotation
that needs review (issue 13): the best one, or another of the close candidates, numbered as this verb
and ``caseview check`` list them. Everything from a document is printed through the textsafe filters."""

from __future__ import annotations

import argparse

from pydantic import BaseModel
from rich.text import Text

from caseview.annotations.anchoring import AnchorCandidate
from caseview.annotations.errors import AnnotationError
from caseview.annotations.jsonld import annotation_to_jsonld
from caseview.cli.common import print_json, stdout
from caseview.kernel.textsafe import one_line
from caseview.workspace import Workspace

#: Characters of a candidate's text shown on its line (the whole of it is in ``--json``).
SHOWN = 70


class CandidateJson(BaseModel):
    """One candidate place, numbered as ``--candidate N`` takes it (1 = the best)."""

    number: int
    start: int
    end: int
    exact: str
    score: float
    why: str

    @classmethod
    def of(cls, number: int, candidate: AnchorCandidate) -> CandidateJson:
        return cls(
            number=number,
            start=candidate.start,
            end=candidate.end,
            exact=candidate.exact,
            score=candidate.score,
            why=candidate.why,
        )


def candidates_json(offered: tuple[AnchorCandidate, ...]) -> list[CandidateJson]:
    return [CandidateJson.of(number, candidate) for number, candidate in enumerate(offered, start=1)]


def offered_or_none(workspace: Workspace, annotation_id: str) -> tuple[AnchorCandidate, ...]:
    """The candidates, or none when they cannot be worked out now (the document changed again, or is gone)."""
    try:
        return workspace.review_candidates(annotation_id)
    except (AnnotationError, OSError):
        return ()


def candidate_lines(offered: tuple[AnchorCandidate, ...], chosen: int | None = None) -> list[Text]:
    """``  2  580:636  0.90  “…”  — the same words; …``, the chosen one marked with ``*``."""
    lines = []
    for number, candidate in enumerate(offered, start=1):
        exact = one_line(candidate.exact)
        exact = exact if len(exact) <= SHOWN else exact[: SHOWN - 1] + "…"
        mark = "*" if number == chosen else " "
        lines.append(
            Text(
                one_line(
                    f" {mark}{number}  {candidate.start}:{candidate.end}  {candidate.score:.2f}  “{exact}”"
                    f"  — {candidate.why}"
                ),
                style="bold" if number == chosen else "dim",
            )
        )
    return lines


def add_accept_parser(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    accept = actions.add_parser(
        "accept",
        parents=[common],
        help="accept a place re-anchoring found for an annotation that needs review (see 'caseview check')",
    )
    accept.add_argument(
        "--candidate",
        type=int,
        default=1,
        metavar="N",
        help="which of the close candidates, as 'caseview check' numbers them (1 = the best, the default)",
    )


def run_accept(workspace: Workspace, args: argparse.Namespace) -> str:
    """Accept candidate ``--candidate`` (refused in one line, nothing written, when there is no such one);
    returns the document id, for the team hook."""
    workspace.review_queue()  # re-anchor a document edited since the last check, as the review screen does
    offered = offered_or_none(workspace, args.annotation_id)
    result = workspace.accept_anchor(args.annotation_id, candidate=args.candidate)
    annotation = result.annotation
    if annotation is None:  # accept always keeps the annotation; a merge may have dropped it meanwhile
        raise AnnotationError(f"{args.annotation_id} was deleted meanwhile; nothing was accepted")
    if args.json:
        # The candidates offered, the one accepted, and the annotation as it is now (W3C JSON-LD).
        print_json(
            {
                "accepted": args.candidate,
                "candidates": [candidate.model_dump() for candidate in candidates_json(offered)],
                "annotation": annotation_to_jsonld(annotation),
            }
        )
    else:
        for line in candidate_lines(offered, args.candidate):
            stdout.print(line)
        span = annotation.current_span
        where = f"{span[0]}:{span[1]}" if span else "—"
        stdout.print(
            Text(
                one_line(
                    f"accepted candidate {args.candidate}: {annotation.id} anchored at {annotation.doc_id} {where}"
                )
            )
        )
    return result.doc_id
