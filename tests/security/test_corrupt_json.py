"""Corrupt JSON in the analyst's files (issue 12, point 4): parsed within limits, types checked,
and on any failure the design's promise: the file is named once, copied aside, left untouched, the
rest opens, and ``check`` exits 1 (the documented "needs attention")."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from caseview.annotations.errors import AnnotationFileError
from caseview.annotations.service import AnnotationService

from .conftest import DOC, QUOTE, Layout, run_cli, sidecar_json, tag

EXIT_NEEDS_ATTENTION = 1


def _valid_other(capsys: pytest.CaptureFixture[str], corpus: Path) -> str:
    code, out, err = run_cli(capsys, "tag", str(corpus), "other.txt", "--quote", "harbour", "--tag", "fine", "--json")
    assert code == 0, err
    return str(json.loads(out)["id"])


def _annotation_corruptions(valid: dict[str, object]) -> dict[str, bytes]:
    """Each damaged version of a valid annotation file, by what is wrong with it."""
    tombstones = dict(valid, **{"cv:tombstones": 7})
    start_as_text = json.loads(json.dumps(valid))
    start_as_text["first"]["items"][0]["target"]["selector"][1]["start"] = "5"
    big_int = json.dumps(valid).replace('"cv:schemaVersion": 1', '"cv:schemaVersion": ' + "9" * 5000)
    return {
        "tombstones-a-number": json.dumps(tombstones).encode(),
        "nested-100000-deep": b'{"cv:schemaVersion": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "integer-5000-digits": big_int.encode(),
        "top-level-a-string": json.dumps("an annotation file").encode(),
        "string-then-object": b'"oops" ' + json.dumps(valid).encode(),
        "start-as-text": json.dumps(start_as_text).encode(),
        "not-utf8": b'{"cv:schemaVersion": 1, "label": "\xff\xfe"}',
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "case",
    [
        "tombstones-a-number",
        "nested-100000-deep",
        "integer-5000-digits",
        "top-level-a-string",
        "string-then-object",
        "start-as-text",
        "not-utf8",
    ],
)
def test_a_corrupt_annotation_file_is_named_quarantined_and_left_alone(
    layout: Layout, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """Each corruption that gave a traceback (TypeError, RecursionError, the 4,300-digit ValueError)
    or was silently rewritten (``"start": "5"``, a string at the top) is now a one-line problem."""
    tag(capsys, layout.corpus, "damaged-soon")
    fine = _valid_other(capsys, layout.corpus)
    sidecar = layout.corpus / f"{DOC}.annotations.json"
    sidecar.write_bytes(_annotation_corruptions(sidecar_json(layout.corpus))[case])
    before = _digest(sidecar)

    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code == EXIT_NEEDS_ATTENTION and "Traceback" not in err
    assert (out + err).count(str(sidecar)) == 1, out + err
    code, out, err = run_cli(capsys, "annotations", str(layout.corpus))
    assert code == 0 and fine in out and "damaged-soon" not in out  # the rest opens
    assert str(sidecar) in err and "Traceback" not in err
    code, _, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "more")
    assert code == 2 and "left untouched" in err and len(err.strip().splitlines()) == 1

    assert _digest(sidecar) == before  # never rewritten (``"start": "5"`` is not coerced to 5)
    copies = list((layout.corpus / ".caseview" / "quarantine").glob(f"{sidecar.name}.*.bad"))
    assert [_digest(copy) for copy in copies] == [before]


def test_start_as_text_is_flagged_by_the_api_not_coerced(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """The store's reason says which value has the wrong type."""
    tag(capsys, layout.corpus)
    data = sidecar_json(layout.corpus)
    data["first"]["items"][0]["target"]["selector"][1]["start"] = "5"  # type: ignore[index]
    (layout.corpus / f"{DOC}.annotations.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="position start must be a whole number"):
        AnnotationService(layout.corpus).list(DOC)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("case.json", b'"a case"'),
        ("case.json", b'{"schema_version": 1, "items": 5, "sections": 3}'),
        ("case.json", b"[" * 100_000),
        ("case.json", b'{"schema_version": ' + b"1" * 5000 + b"}"),
        ("caseview-entities.json", b'{"corrections": 12}'),
        ("caseview-entities.json", b'{"corrections": [' + b"[" * 50_000 + b"]}"),
    ],
    ids=[
        "case-a-string",
        "case-items-a-number",
        "case-nested",
        "case-long-int",
        "corrections-a-number",
        "corrections-nested",
    ],
)
def test_a_corrupt_case_or_corrections_file_is_named_by_check(
    layout: Layout, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    """Case files and entity corrections get the same treatment; check exits 1 naming the file."""
    path = layout.corpus / name
    path.write_bytes(content)
    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code == EXIT_NEEDS_ATTENTION and "Traceback" not in err and name in out + err
    if name == "case.json":
        code, _, err = run_cli(capsys, "case", str(layout.corpus), "show")
        assert code == 2 and "left untouched" in err and "Traceback" not in err
    assert path.read_bytes() == content
    assert list((layout.corpus / ".caseview" / "quarantine").glob(f"{name}.*.bad"))
