"""Annotations and annotation files to and from W3C Web Annotation JSON-LD.

A file ``<doc>.annotations.json`` is an ``AnnotationCollection`` with its one page embedded in
``first``. caseview's own data uses the ``cv:`` prefix: the file's ``cv:schemaVersion``, the
deleted annotations' ``cv:tombstones``, and per annotation ``cv:anchor``, ``cv:rev`` and
``cv:conflicts``. Everything else is plain W3C, so other annotation tools can read the file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from caseview.annotations.model import (
    AnchorState,
    Annotation,
    Creator,
    TextPosition,
    TextQuote,
)
from caseview.corpus.document import DOC_URI_PREFIX, doc_uri

#: The schema version this caseview writes and fully understands.
SCHEMA_VERSION = 1
CV_NAMESPACE = "https://caseview.dev/ns#"
CONTEXT: list[Any] = ["http://www.w3.org/ns/anno.jsonld", {"cv": CV_NAMESPACE}]
SNAPSHOT_URI_PREFIX = "urn:caseview:snapshot:sha256:"
COLLECTION_URI_PREFIX = "urn:caseview:annotations:"


class Tombstone(BaseModel):
    """A deleted annotation: remembered so a stale copy elsewhere cannot silently bring it back."""

    model_config = ConfigDict(frozen=True)

    id: str
    rev: str = Field(description="The revision of the annotation that was deleted.")
    deleted: datetime
    by: str


class AnnotationFile(BaseModel):
    """The content of one ``<doc>.annotations.json``: live annotations and tombstones, by id."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    schema_version: int = SCHEMA_VERSION
    annotations: tuple[Annotation, ...] = ()
    tombstones: tuple[Tombstone, ...] = ()

    def get(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def tombstone(self, annotation_id: str) -> Tombstone | None:
        return next((t for t in self.tombstones if t.id == annotation_id), None)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: object, what: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a date-time string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{what} is not a date-time: {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{what} has no time zone: {value!r}")
    return parsed


def snapshot_uri(sha256: str) -> str:
    return SNAPSHOT_URI_PREFIX + sha256


def collection_uri(doc_id: str) -> str:
    return COLLECTION_URI_PREFIX + quote(doc_id, safe="/")


def annotation_to_jsonld(annotation: Annotation, *, with_context: bool = True) -> dict[str, Any]:
    """One annotation as W3C JSON-LD (each carries its own ``@context`` so it stands alone)."""
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in annotation.tags
    ]
    if annotation.note:
        body.append(
            {"type": "TextualBody", "purpose": "commenting", "value": annotation.note, "format": annotation.note_format}
        )
    body += [dict(item) for item in annotation.extra_bodies]
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": annotation.quote.exact}
    if annotation.quote.prefix:
        quote_selector["prefix"] = annotation.quote.prefix
    if annotation.quote.suffix:
        quote_selector["suffix"] = annotation.quote.suffix
    anchor: dict[str, Any] = {
        "status": annotation.anchor.status,
        "score": round(annotation.anchor.score, 4),
        "docSha256": annotation.anchor.doc_sha256,
    }
    if annotation.anchor.start is not None and annotation.anchor.end is not None:
        anchor["start"], anchor["end"] = annotation.anchor.start, annotation.anchor.end
    if annotation.anchor.reason:
        anchor["reason"] = annotation.anchor.reason
    if annotation.anchor.dismissed:
        anchor["dismissed"] = True
    data: dict[str, Any] = {}
    if with_context:
        data["@context"] = CONTEXT
    data.update(
        {
            "id": annotation.id,
            "type": "Annotation",
            "motivation": annotation.motivation,
            "created": format_time(annotation.created),
            "modified": format_time(annotation.modified),
            "creator": {"type": "Person", "name": annotation.creator.name},
        }
    )
    if body:
        data["body"] = body
    data["target"] = {
        "source": doc_uri(annotation.doc_id),
        "selector": [
            quote_selector,
            {"type": "TextPositionSelector", "start": annotation.position.start, "end": annotation.position.end},
        ],
        "state": {
            "type": "TimeState",
            "sourceDate": format_time(annotation.source_date),
            "cached": snapshot_uri(annotation.snapshot_sha256),
        },
    }
    data["cv:anchor"] = anchor
    data["cv:rev"] = annotation.rev
    if annotation.conflicts:
        data["cv:conflicts"] = [annotation_to_jsonld(other, with_context=False) for other in annotation.conflicts]
    for key, value in annotation.extra.items():
        data.setdefault(key, value)
    return data


#: Keys :func:`annotation_to_jsonld` writes itself; any other key is kept in ``Annotation.extra``.
_KNOWN_KEYS = {
    "@context",
    "id",
    "type",
    "motivation",
    "created",
    "modified",
    "creator",
    "body",
    "target",
    "cv:anchor",
    "cv:rev",
    "cv:conflicts",
}


def _require(mapping: object, key: str, what: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ValueError(f"{what} has no {key!r}")
    return mapping[key]


def annotation_from_jsonld(data: object) -> Annotation:
    """Parse one annotation written by :func:`annotation_to_jsonld`. Raises ValueError with a reason."""
    if not isinstance(data, dict):
        raise ValueError("an annotation must be a JSON object")
    ident = data.get("id", "?")
    what = f"annotation {ident}"
    if data.get("type") != "Annotation":
        raise ValueError(f"{what}: type must be 'Annotation'")
    tags: list[str] = []
    note, note_format = None, "text/plain"
    extra_bodies: list[object] = []
    body = data.get("body", [])
    for item in body if isinstance(body, list) else [body]:
        purpose = item.get("purpose") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if purpose == "tagging" and isinstance(value, str):
            tags.append(value)
        elif (
            purpose == "commenting"
            and isinstance(value, str)
            and note is None
            and item.get("format", "text/plain") in ("text/plain", "text/markdown")
        ):
            note, note_format = value, item.get("format", "text/plain")
        else:
            extra_bodies.append(item)  # not ours to interpret: kept as written
    target = _require(data, "target", what)
    source = _require(target, "source", f"{what}: target")
    if not isinstance(source, str) or not source.startswith(DOC_URI_PREFIX):
        raise ValueError(f"{what}: target source {source!r} is not a caseview document")
    selectors = _require(target, "selector", f"{what}: target")
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)} if isinstance(selectors, list) else {}
    if "TextQuoteSelector" not in by_type or "TextPositionSelector" not in by_type:
        raise ValueError(f"{what}: needs a TextQuoteSelector and a TextPositionSelector")
    quote_sel, position_sel = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    state = _require(target, "state", f"{what}: target")
    cached = _require(state, "cached", f"{what}: target state")
    if not isinstance(cached, str) or not cached.startswith(SNAPSHOT_URI_PREFIX):
        raise ValueError(f"{what}: state cached {cached!r} is not a caseview snapshot")
    anchor = _require(data, "cv:anchor", what)
    try:
        return Annotation(
            id=ident,
            doc_id=unquote(source[len(DOC_URI_PREFIX) :]),
            motivation=_require(data, "motivation", what),
            tags=tuple(tags),
            note=note,
            note_format=note_format,
            creator=Creator(name=_require(_require(data, "creator", what), "name", f"{what}: creator")),
            created=parse_time(_require(data, "created", what), f"{what}: created"),
            modified=parse_time(_require(data, "modified", what), f"{what}: modified"),
            quote=TextQuote(
                exact=_require(quote_sel, "exact", f"{what}: quote selector"),
                prefix=quote_sel.get("prefix", ""),
                suffix=quote_sel.get("suffix", ""),
            ),
            position=TextPosition(
                start=_require(position_sel, "start", f"{what}: position selector"),
                end=_require(position_sel, "end", f"{what}: position selector"),
            ),
            source_date=parse_time(_require(state, "sourceDate", f"{what}: target state"), f"{what}: sourceDate"),
            snapshot_sha256=cached[len(SNAPSHOT_URI_PREFIX) :],
            anchor=AnchorState(
                status=_require(anchor, "status", f"{what}: cv:anchor"),
                score=anchor.get("score", 1.0),
                doc_sha256=_require(anchor, "docSha256", f"{what}: cv:anchor"),
                start=anchor.get("start"),
                end=anchor.get("end"),
                reason=anchor.get("reason", ""),
                dismissed=anchor.get("dismissed", False) is True,
            ),
            rev=_require(data, "cv:rev", what),
            conflicts=tuple(annotation_from_jsonld(other) for other in data.get("cv:conflicts", [])),
            extra_bodies=tuple(extra_bodies),
            extra={key: value for key, value in data.items() if key not in _KNOWN_KEYS},
        )
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise ValueError(f"{what}: {location}: {first['msg']}") from None


def file_to_jsonld(content: AnnotationFile) -> dict[str, Any]:
    """A whole annotation file: an AnnotationCollection with its single page embedded."""
    ident = collection_uri(content.doc_id)
    items = [annotation_to_jsonld(annotation) for annotation in content.annotations]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": ident,
        "type": "AnnotationCollection",
        "label": f"caseview annotations on {content.doc_id}",
        "total": len(items),
        "cv:schemaVersion": content.schema_version,
        "cv:document": doc_uri(content.doc_id),
    }
    if content.tombstones:
        data["cv:tombstones"] = [
            {"id": t.id, "cv:rev": t.rev, "deleted": format_time(t.deleted), "by": t.by} for t in content.tombstones
        ]
    data["first"] = {"id": ident + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    return data


def file_schema_version(data: object) -> int:
    """The ``cv:schemaVersion`` of a parsed file (ValueError when missing or not a positive integer)."""
    version = data.get("cv:schemaVersion") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("no valid cv:schemaVersion (a positive whole number) at the top level")
    return version


#: Parsed annotations by their exact JSON text: re-reading a big file after each write parses only
#: what changed. Keyed by the full content, so a hand edit of the file is never masked.
_parsed: dict[str, Annotation] = {}
_PARSED_LIMIT = 20_000
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _annotation_from_item(item: object) -> Annotation:
    key = _canonical(item)
    found = _parsed.get(key)
    if found is None:
        found = annotation_from_jsonld(item)
        if len(_parsed) >= _PARSED_LIMIT:
            _parsed.clear()
        _parsed[key] = found
    return found


def file_from_jsonld(data: object, doc_id: str) -> AnnotationFile:
    """Parse a whole annotation file. Raises ValueError with a reason the analyst can act on."""
    if not isinstance(data, dict):
        raise ValueError("the file must hold a JSON object (an AnnotationCollection)")
    version = file_schema_version(data)
    if data.get("type") != "AnnotationCollection":
        raise ValueError("the top-level type must be 'AnnotationCollection'")
    first = data.get("first", {"items": []})
    items = first.get("items") if isinstance(first, dict) else None
    if not isinstance(items, list):
        raise ValueError("'first' must be an AnnotationPage with an 'items' list")
    annotations = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        try:
            annotation = _annotation_from_item(item)
        except (ValueError, TypeError) as error:
            raise ValueError(f"item {index}: {error}") from None
        if annotation.id in seen:
            raise ValueError(f"item {index}: annotation {annotation.id} appears twice")
        seen.add(annotation.id)
        annotations.append(annotation)
    tombstones = []
    for index, raw in enumerate(data.get("cv:tombstones", [])):
        try:
            tombstones.append(
                Tombstone(
                    id=_require(raw, "id", "a tombstone"),
                    rev=_require(raw, "cv:rev", "a tombstone"),
                    deleted=parse_time(_require(raw, "deleted", "a tombstone"), "deleted"),
                    by=raw.get("by", ""),
                )
            )
        except (ValueError, ValidationError) as error:
            raise ValueError(f"tombstone {index}: {error}") from None
    return AnnotationFile(
        doc_id=doc_id, schema_version=version, annotations=tuple(annotations), tombstones=tuple(tombstones)
    )
