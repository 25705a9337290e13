"""One analyst's process in the concurrency test: ``python -m tests.team.writer URL CORPUS DOC SHA N TAG``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from caseview.annotations.merge import Put
from caseview.annotations.model import (
    AnchorState,
    Annotation,
    Creator,
    TextPosition,
    TextQuote,
    new_annotation_id,
    new_revision,
)
from caseview.team.annotations import DocumentKey, TeamAnnotations
from caseview.team.db import connect


def annotation(doc_id: str, sha256: str, tag: str) -> Annotation:
    now = datetime.now(UTC)
    return Annotation(
        id=new_annotation_id(),
        doc_id=doc_id,
        motivation="tagging",
        tags=(tag,),
        creator=Creator(name=tag),
        created=now,
        modified=now,
        quote=TextQuote(exact="Mythos", prefix="", suffix=""),
        position=TextPosition(start=0, end=6),
        source_date=now,
        snapshot_sha256=sha256,
        rev=new_revision(),
        anchor=AnchorState(status="anchored", score=1.0, doc_sha256=sha256, start=0, end=6),
    )


def main() -> int:
    url, corpus, doc, sha256, count, tag = sys.argv[1:7]
    with connect(url) as connection:
        team = TeamAnnotations(connection, corpus)
        for index in range(int(count)):
            team.apply(DocumentKey(doc, sha256), [Put(annotation(doc, sha256, f"{tag}-{index}"), base_rev=None)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
