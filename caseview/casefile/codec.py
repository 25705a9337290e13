"""A case file to and from its JSON form (``case.json``), with the schema version checked first.

The JSON is the pydantic models' own serialisation (readable, diffable, stable key order) wrapped
with a ``caseviewCase`` schema version, so a newer file is recognised before anything else is read.

A file of an older schema version is migrated as it is read (:data:`MIGRATIONS`, one step per
version, on the raw JSON, before validation) and written in the current version on its next
change; a migration keeps every value the old file held, exactly. The versions:

1. The first case files. Late version-1 files may already hold, without saying so, the item
   numbers (``number``), citation pages (``page``) and removed passages and links of tombstones
   (``passage``, ``link``) that version 2 names: a caseview that knew only the first shape refused
   those files as damaged instead of as newer.
2. The same records, with those fields part of the schema: an item's stored number, a citation's
   page, a tombstone's number and, for a removed passage or link, what it was (so a passage put
   back gets its grade, note and links again).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from caseview.casefile.model import SCHEMA_VERSION, CaseFile

#: The top-level key that names the file's schema version.
VERSION_KEY = "caseviewCaseSchema"

RawCase = dict[str, Any]


def _from_1(data: RawCase) -> RawCase:
    """Version 1 → 2: every version-1 field means the same in version 2, so the content stays as it is
    (a version-1 file without numbers gets them stored on its next change: ``stamp_numbers``)."""
    return {**data, VERSION_KEY: 2}


#: ``version → the step that turns a file of that version into the next one``; one for every
#: version before :data:`SCHEMA_VERSION` (the tests check none is missing).
MIGRATIONS: dict[int, Callable[[RawCase], RawCase]] = {1: _from_1}
#: The oldest schema version this caseview reads.
OLDEST_VERSION = min(MIGRATIONS, default=SCHEMA_VERSION)


def newer_message(version: int) -> str:
    """The one line for a file this caseview is too old for."""
    return (
        f"written by a newer caseview (case schema version {version}; this one knows versions "
        f"{OLDEST_VERSION}–{SCHEMA_VERSION}): upgrade caseview to change it"
    )


def case_to_json(case: CaseFile) -> str:
    """The text of a case file: indented JSON, UTF-8 as is, ending with a newline."""
    data: dict[str, Any] = {VERSION_KEY: case.schema_version}
    data.update(case.model_dump(mode="json", exclude={"schema_version"}, exclude_defaults=False))
    return indented_json(data) + "\n"


class _NotPlainJson(TypeError):
    """A value :func:`indented_json` leaves to the json module (it is never one of a model dump's)."""


#: How ``json.dumps(ensure_ascii=False)`` writes a string (the C version where there is one).
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


def indented_json(value: object) -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=2)``, several times faster.

    With ``indent`` the json module encodes in pure Python, generator by generator: for a case of
    300 passages that was 36 ms of every change. Plain JSON values (what ``model_dump(mode="json")``
    gives) are written here with the same separators, escapes and number forms; anything else is
    handed to ``json.dumps`` itself.
    """
    out: list[str] = []
    try:
        _write(value, "\n", out)
    except _NotPlainJson:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _write(value: object, newline: str, out: list[str]) -> None:
    """Append ``value`` as json.dumps(indent=2) writes it at the depth whose line break is ``newline``."""
    if isinstance(value, str):
        out.append(_encode_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif type(value) is float:
        out.append(_float(value))
    elif type(value) is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{"
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlainJson  # json.dumps turns such keys into strings its own way
            out.append(separator + inner + _encode_string(key) + ": ")
            _write(item, inner, out)
            separator = ","
        out.append(newline + "}")
    elif type(value) is list or type(value) is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "["
        for item in value:
            out.append(separator + inner)
            _write(item, inner, out)
            separator = ","
        out.append(newline + "]")
    else:
        raise _NotPlainJson


def _float(value: float) -> str:
    """A float as json.dumps writes it (``NaN`` and ``Infinity`` included, as it allows them)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def schema_version_of(data: object) -> int:
    """The file's schema version; ValueError when missing or not a positive whole number."""
    version = data.get(VERSION_KEY) if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"no valid {VERSION_KEY!r} (a positive whole number) at the top level")
    return version


def migrate(data: RawCase) -> RawCase:
    """Raw case data of any version this caseview reads, as the current version (a newer one as it is)."""
    version = schema_version_of(data)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"case schema version {version} is older than any this caseview reads")
        data = step(data)
        version = schema_version_of(data)
    return data


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
    """Validate raw case data, migrated first when it is older (its ``schema_version`` is then the
    current one). ``lenient`` drops unknown keys (for reading a newer schema read-only)."""
    if VERSION_KEY in data:
        data = migrate(data)
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
    """Parse and validate a case file this caseview reads (ValueError with a one-line reason otherwise)."""
    version, data = parse_case_json(text)
    if version > SCHEMA_VERSION:
        raise ValueError(newer_message(version))
    return case_from_data(data)
