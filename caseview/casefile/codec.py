"""A case file to and from its JSON form (``case.json``), with the schema version checked first.

The JSON is the pydantic models' own serialisation (readable, diffable, stable key order) wrapped
with a ``caseviewCase`` schema version, so a newer file is recognised before anything else is read.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from caseview.casefile.model import SCHEMA_VERSION, CaseFile

#: The top-level key that names the file's schema version.
VERSION_KEY = "caseviewCaseSchema"


def case_to_json(case: CaseFile) -> str:
    """The text of a case file: indented JSON, UTF-8 as is, ending with a newline."""
    data: dict[str, Any] = {VERSION_KEY: case.schema_version}
    data.update(case.model_dump(mode="json", exclude={"schema_version"}, exclude_defaults=False))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_version_of(data: object) -> int:
    """The file's schema version; ValueError when missing or not a positive whole number."""
    version = data.get(VERSION_KEY) if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"no valid {VERSION_KEY!r} (a positive whole number) at the top level")
    return version


def parse_case_json(text: str) -> tuple[int, dict[str, Any]]:
    """Parse the text of a case file into (schema version, raw data); ValueError with a reason."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    if not isinstance(data, dict):
        raise ValueError("the file must hold a JSON object")
    return schema_version_of(data), data


def case_from_data(data: dict[str, Any], *, lenient: bool = False) -> CaseFile:
    """Validate raw case data. ``lenient`` drops unknown keys (for reading a newer schema read-only)."""
    body = {key: value for key, value in data.items() if key != VERSION_KEY}
    body["schema_version"] = data.get(VERSION_KEY, SCHEMA_VERSION)
    try:
        return CaseFile.model_validate(body, extra="ignore" if lenient else None)
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or "the file"
        more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
        raise ValueError(f"{location}: {first['msg']}{more}") from None


def case_from_json(text: str) -> CaseFile:
    """Parse and validate a case file of this schema version (ValueError with a reason otherwise)."""
    version, data = parse_case_json(text)
    if version > SCHEMA_VERSION:
        raise ValueError(f"written by a newer caseview (case schema version {version})")
    return case_from_data(data)
