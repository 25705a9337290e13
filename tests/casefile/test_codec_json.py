"""The case file's indented JSON is written exactly as ``json.dumps(indent=2, ensure_ascii=False)`` would."""

from __future__ import annotations

import json
from pathlib import Path

from caseview.casefile.codec import case_from_json, indented_json

DATA = Path(__file__).parent / "data"

TRICKY: list[object] = [
    {},
    [],
    {"a": {}, "b": [], "c": [[], {}], "d": [{"e": None}]},
    ['é "quoted" \\ back\nslash\t\x00\x1f\u2028 💥 \ud800', "", "/<>&'"],
    [0, -1, 10**30, True, False, None, 1.5, -0.0, 1e300, 1e-07, float("nan"), float("inf"), float("-inf")],
    ("a", ("b",)),
    {"nested": {"deeper": {"deepest": [1, {"x": "y"}]}}},
    {3: "an int key", 2.5: "a float key", True: "a bool key", None: "no key"},  # handed to json.dumps
]


def test_plain_values_are_written_byte_for_byte_as_json_dumps_writes_them() -> None:
    for value in TRICKY:
        assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2), value


def test_a_real_case_file_is_written_as_before() -> None:
    case = case_from_json((DATA / "case-schema-1.json").read_text(encoding="utf-8"))
    data = {"caseviewCaseSchema": case.schema_version, **case.model_dump(mode="json", exclude={"schema_version"})}
    assert indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)
