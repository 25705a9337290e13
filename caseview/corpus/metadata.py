"""Document metadata: a ``<doc>.meta.json`` sidecar or front matter first, then inference.

Inference is deliberately modest: the title is the first line that is not publisher
boilerplate, the outlet comes from publisher cues in the first lines, and the date from a dateline
near the top. Whatever cannot be inferred stays unknown rather than guessed.
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

from caseview.corpus.document import DocumentMeta
from caseview.corpus.formats import ExtractedText

TITLE_MAX_CHARS = 160
_HEAD_LINES = 12

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATELINE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\.? (?P<d>\d{{1,2}}),? (?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<mon>{_MONTH_RE})\.? (?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE),
]


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


def infer_date(text: str) -> date | None:
    """A publication date from a dateline in the first few hundred characters, if there is one."""
    head = text[:600]
    for pattern in _DATELINE_PATTERNS:
        for match in pattern.finditer(head):
            month = int(match["m"]) if "m" in match.groupdict() and match["m"] else _MONTHS[match["mon"].lower()]
            try:
                return date(int(match["y"]), month, int(match["d"]))
            except ValueError:
                continue
    return None


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
    published: date | None = None
    url: str | None = None
    author: str | None = None


def _given_from_mapping(values: Mapping[str, object], origin: str) -> _Given:
    def text(key: str) -> str | None:
        value = values.get(key)
        return str(value).strip() or None if value is not None else None

    published = None
    raw_date = text("date") or text("published")
    if raw_date:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw_date)
        if not match:
            raise MetadataError(f"{origin}: date {raw_date!r} is not YYYY-MM-DD")
        try:
            published = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as error:
            raise MetadataError(f"{origin}: date {raw_date!r}: {error}") from None
    return _Given(text("title"), text("outlet") or text("source"), published, text("url"), text("author"))


def read_sidecar(path: Path) -> dict[str, object]:
    try:
        values = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
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
        given.append(
            _Given(extracted.title, extracted.extra.get("outlet"), extracted.published, None, extracted.author)
        )

    def first(attribute: str) -> object:
        return next((getattr(item, attribute) for item in given if getattr(item, attribute)), None)

    title = first("title")
    title_source = "given" if title else "inferred"
    if not title:
        title = infer_title(text)
    if not title:
        title, title_source = filename, "filename"
    return DocumentMeta(
        title=shorten(" ".join(str(title).split()), TITLE_MAX_CHARS),
        title_source=title_source,
        outlet=first("outlet") or infer_outlet(text),
        published=first("published") or infer_date(text),
        url=first("url"),
        author=first("author"),
    )
