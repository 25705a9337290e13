"""Document metadata: a ``<doc>.meta.json`` sidecar or front matter first, then inference.

Inference is deliberately modest: the title is the first line that is not publisher boilerplate,
the outlet comes from publisher cues in the first lines (else the outlet a byline adds, "By Dana
Whitlock, Valley Courier", a wire dateline's agency or the footer's copyright line), the author from
the byline, and the date from a dateline or a
"Published" line at the top (never a caption, a credit or an "Updated" line; see
``caseview.corpus.datelines``). Whatever cannot be inferred stays unknown rather than guessed.

A given date may be a day, a month or a year (``2026-04-17``, ``2026-04``, ``2026``); a year-less
dateline ("NEW YORK, Oct. 14 —") refines a given month or year to the day. A bound
(``published_after``) is kept as a bound. Keys the reader does not know are ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from caseview.corpus.bylines import byline_authors, byline_outlet
from caseview.corpus.credits import copyright_holder, dateline_credit
from caseview.corpus.datelines import find_dateline
from caseview.corpus.document import DocumentMeta
from caseview.corpus.formats import ExtractedText
from caseview.corpus.pubdate import PublicationDate, parse_partial_date
from caseview.kernel.jail import read_regular
from caseview.kernel.jsonstore import NotJson, parse_json

TITLE_MAX_CHARS = 160
#: A metadata sidecar larger than this is not metadata.
SIDECAR_LIMIT = 16 * 1024 * 1024
_HEAD_LINES = 12


class MetadataError(Exception):
    """A sidecar that exists but cannot be used; the message names the file and the reason."""


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    source = resources.files("caseview.corpus").joinpath("boilerplate.txt").read_text("utf-8")
    lines = [line.strip() for line in source.splitlines()]
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))


@cache
def outlet_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = json.loads(resources.files("caseview.corpus").joinpath("outlets.json").read_text("utf-8"))
    return tuple((re.compile(cue["pattern"], re.MULTILINE), cue["outlet"]) for cue in data["cues"])


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return any(pattern.fullmatch(stripped) for pattern in boilerplate_patterns())


def infer_title(text: str) -> str:
    """The first line that is neither blank nor boilerplate, shortened at a word boundary."""
    for line in text.split("\n"):
        candidate = " ".join(line.split()).strip("#*_ ").strip()
        if candidate and not is_boilerplate(candidate):
            return shorten(candidate, TITLE_MAX_CHARS)
    return ""


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def infer_outlet(text: str) -> str | None:
    head = "\n".join(text.split("\n", _HEAD_LINES)[:_HEAD_LINES])[:4000]
    for pattern, outlet in outlet_cues():
        if pattern.search(head):
            return outlet
    return None


def _credited_outlet(text: str) -> str | None:
    """The outlet a byline, a wire dateline or a copyright line names, in that order."""
    return byline_outlet(text) or dateline_credit(text) or copyright_holder(text)


def infer_date(text: str) -> date | None:
    """A publication day stated at the head of the text, if there is one with a year."""
    found = find_dateline(text)
    return found.as_date() if found is not None else None


def _refine_with_dateline(text: str, given: PublicationDate | None) -> tuple[PublicationDate | None, str | None]:
    """The given date, or the dateline's day when that is more precise and agrees with it."""
    found = find_dateline(text)
    if found is None:
        return given, None
    if given is None:
        day = found.as_date()
        return (PublicationDate.day(day), "dateline") if day is not None else (None, None)
    if given.precision == "day":
        return given, None
    day = found.as_date(given.value.year)
    if day is not None and given.earliest <= day <= given.latest:
        return PublicationDate.day(day), "dateline"
    return given, None


def sidecar_path(document_path: Path) -> Path | None:
    """``report.txt.meta.json`` or ``report.meta.json``, whichever exists."""
    for candidate in (
        document_path.with_name(document_path.name + ".meta.json"),
        document_path.with_name(document_path.stem + ".meta.json"),
    ):
        if candidate.is_file():
            return candidate
    return None


@dataclass
class _Given:
    title: str | None = None
    outlet: str | None = None
    published: PublicationDate | None = None
    url: str | None = None
    author: str | None = None
    published_after: date | None = None
    date_source: str | None = None


#: ``date_source`` of a date read from a file's properties (PDF CreationDate, a Word file's "created").
FILE_DATE_SOURCE = "the file's creation date"


def _date_value(values: Mapping[str, object], key: str, origin: str) -> PublicationDate | None:
    value = values.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # "date": 2026 in JSON
    if not isinstance(value, str):
        raise MetadataError(f"{origin}: {key} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    try:
        return parse_partial_date(value)
    except ValueError as error:
        raise MetadataError(f"{origin}: {key}: {error}") from None


def _given_from_mapping(values: Mapping[str, object], origin: str) -> _Given:
    def text(key: str) -> str | None:
        value = values.get(key)
        return str(value).strip() or None if value is not None else None

    published = _date_value(values, "date", origin) or _date_value(values, "published", origin)
    bound = _date_value(values, "published_after", origin)
    return _Given(
        text("title"),
        text("outlet") or text("source"),
        published,
        text("url"),
        text("author"),
        bound.earliest if bound is not None else None,
        text("date_source"),
    )


def read_sidecar(path: Path) -> dict[str, object]:
    # issue 12: never through a link, never a FIFO (it would block), parsed within limits.
    try:
        values = parse_json(read_regular(path, SIDECAR_LIMIT, follow_links=False))
    except (OSError, NotJson) as error:
        raise MetadataError(f"{path.name}: cannot be read as JSON ({error})") from None
    if not isinstance(values, dict):
        raise MetadataError(f"{path.name}: expected a JSON object of metadata")
    return values


def build_meta(
    text: str,
    extracted: ExtractedText | None,
    sidecar: dict[str, object] | None,
    front: dict[str, str],
    filename: str,
) -> DocumentMeta:
    """Combine, in order of trust: sidecar, front matter, what the format said, inference."""
    given = [_given_from_mapping(sidecar, "meta.json")] if sidecar else []
    if front:
        given.append(_given_from_mapping(front, "front matter"))
    if extracted:
        day = PublicationDate.day(extracted.published) if extracted.published else None
        given.append(
            _Given(
                title=extracted.title,
                outlet=extracted.extra.get("outlet"),
                published=day,
                author=extracted.author,
                date_source=FILE_DATE_SOURCE if day else None,
            )
        )

    def first(attribute: str) -> object:
        return next((getattr(item, attribute) for item in given if getattr(item, attribute)), None)

    title = first("title")
    title_source = "given" if title else "inferred"
    if not title:
        title = infer_title(text)
    if not title:
        title, title_source = filename, "filename"
    dated = next((item for item in given if item.published is not None), None)
    if dated is not None and dated.date_source == FILE_DATE_SOURCE and infer_date(text) is not None:
        # A PDF's or Word file's creation date is the day the file was made (often printed or
        # exported long after); a date the text states at its head ("Date: 3 March 2026") is the
        # publisher's word, so it wins. A sidecar or front matter still beats both.
        dated = None
    publication, refined_by = _refine_with_dateline(text, dated.published if dated else None)
    date_source = dated.date_source if dated else None
    if refined_by is not None:
        date_source = f"{date_source}; day from the dateline" if date_source else "dateline"
    elif dated is not None and date_source is None:
        date_source = "meta.json" if sidecar and dated is given[0] else "given"
    bound = first("published_after")
    return DocumentMeta(
        title=shorten(" ".join(str(title).split()), TITLE_MAX_CHARS),
        title_source=title_source,
        outlet=first("outlet") or infer_outlet(text) or _credited_outlet(text),
        published=publication.value if publication else None,
        published_precision=publication.precision if publication else "day",
        published_after=bound if isinstance(bound, date) else None,
        date_source=date_source if publication else first("date_source"),
        url=first("url"),
        author=first("author") or byline_authors(text),
    )


#: What ``date_source`` says when the analyst set the date (``caseview doc date DOC 2026-04``).
ANALYST_DATE_SOURCE = "set by the analyst"


def sidecar_target(document_path: Path) -> Path:
    """Where a document's metadata is written: its existing sidecar, else ``<name>.meta.json``."""
    return sidecar_path(document_path) or document_path.with_name(document_path.name + ".meta.json")


def with_publication_date(
    values: Mapping[str, object], raw: str | None, *, source: str = ANALYST_DATE_SOURCE
) -> dict[str, object]:
    """The sidecar ``values`` with the publication date set to ``raw`` (``2026-04-17``, ``2026-04``,
    ``2026``) or removed (``None``); every other key is kept as it was. Pure: the caller writes the
    result with ``sidecar_json`` through the atomic write. Raises ``MetadataError`` for a bad date."""
    updated = {key: value for key, value in values.items() if key not in ("date", "published", "date_source")}
    if raw is None:
        return updated
    try:
        publication = parse_partial_date(raw)
    except ValueError as error:
        raise MetadataError(str(error)) from None
    updated["date"] = publication.iso()
    updated["date_source"] = source
    return updated


def sidecar_json(values: Mapping[str, object]) -> str:
    """A sidecar's text as caseview writes it: UTF-8 JSON, two-space indent, a final newline."""
    return json.dumps(dict(values), indent=2, ensure_ascii=False) + "\n"
