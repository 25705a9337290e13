"""Offline validation against the W3C Web Annotation test suite (../shared/w3c-annotation-tests).

Reusable by any test that writes W3C JSON-LD (annotations, annotation files, case-file exports):

    from tests.w3c_validation import annotation_must_failures, collection_must_failures
    assert annotation_must_failures(annotation_json) == []

Each ``*_must_failures`` function runs every assertion listed in the suite's ``*Musts.test`` manifest
(JSON Schema draft-04) with the suite's ``definitions/*.json`` pre-registered (no network) and the
``date-time`` and ``uri`` format checks on (rfc3339-validator, rfc3986-validator), and returns one
readable line per failed assertion. The suite's files are used unmodified (see its NOTICE.md).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import rfc3339_validator
import rfc3986_validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

#: The suite sits in ``shared/`` beside the repositories: /work/shared locally, ../shared in CI clones.
_CANDIDATES = [
    Path(__file__).resolve().parents[1].parent / "shared" / "w3c-annotation-tests",
    Path(__file__).resolve().parents[2] / "shared" / "w3c-annotation-tests",
    Path("/work/shared/w3c-annotation-tests"),
]


def suite_dir() -> Path:
    """The W3C suite folder; raises FileNotFoundError naming the places looked at."""
    for candidate in _CANDIDATES:
        if (candidate / "definitions").is_dir():
            return candidate
    raise FileNotFoundError("W3C annotation test suite not found in: " + ", ".join(map(str, _CANDIDATES)))


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time")
    def _is_datetime(value: object) -> bool:
        return not isinstance(value, str) or bool(rfc3339_validator.validate_rfc3339(value))

    @checker.checks("uri")
    def _is_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(rfc3986_validator.validate_rfc3986(value, rule="URI"))

    return checker


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """Every definitions file, registered under its own ``id`` (the suite's ``$ref``s use bare names)."""
    resources = []
    for path in sorted((suite_dir() / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def _must_validators(manifest: str) -> tuple[tuple[str, str, jsonschema.Draft4Validator], ...]:
    suite = suite_dir()
    listed = json.loads((suite / manifest).read_text(encoding="utf-8"))["assertions"]
    validators = []
    checker = _format_checker()
    for relative in listed:
        schema = json.loads((suite / relative).read_text(encoding="utf-8"))
        validator = jsonschema.Draft4Validator(schema, registry=_registry(), format_checker=checker)
        validators.append((relative, schema.get("errorMessage", ""), validator))
    return tuple(validators)


def _failures(manifest: str, instance: Any) -> list[str]:
    failures = []
    for relative, message, validator in _must_validators(manifest):
        errors = list(validator.iter_errors(instance))
        if errors:
            failures.append(f"{relative}: {message} ({errors[0].message[:200]})")
    return failures


def annotation_must_failures(annotation: Any) -> list[str]:
    """Failed MUST assertions of ``annotations/annotationMusts.test`` for one annotation."""
    return _failures("annotations/annotationMusts.test", annotation)


def collection_must_failures(collection: Any) -> list[str]:
    """Failed MUST assertions of ``collections/collectionMusts.test`` for an AnnotationCollection."""
    return _failures("collections/collectionMusts.test", collection)


def page_must_failures(page_or_collection: Any) -> list[str]:
    """Failed MUST assertions of ``collections/pages/pageMusts.test`` (a page, or a collection embedding one)."""
    return _failures("collections/pages/pageMusts.test", page_or_collection)


def annotation_file_failures(document: Any) -> list[str]:
    """Every MUST failure for an annotation file: the collection, its embedded page and each annotation."""
    failures = collection_must_failures(document) + page_must_failures(document)
    first = document.get("first") if isinstance(document, dict) else None
    items = first.get("items", []) if isinstance(first, dict) else []
    for index, item in enumerate(items):
        failures += [f"items[{index}] {line}" for line in annotation_must_failures(item)]
    return failures
