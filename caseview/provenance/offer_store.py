"""The analyst's decisions on offered annotations: which offers were dismissed (``caseview-offers.json``).

An accepted offer needs no record (it became an annotation, which is what stops it being offered
again); a dismissed one is remembered here so it is not offered again. The file follows the
discipline of every file the analyst owns (:mod:`caseview.kernel.jsonstore`): locked
read-modify-write, atomic writes, an unreadable file quarantined and never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from caseview.kernel.jsonstore import JsonFile, schema_version_of
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

OFFERS_FILE = "caseview-offers.json"
VERSION_KEY = "caseviewOffersSchema"
SCHEMA_VERSION = 1


class OffersFileError(UnreadableStoredFile):
    action = "dismiss offered annotations"


class ReadOnlyOffers(NewerSchemaFile):
    pass


class OffersBusy(BusyStoredFile):
    pass


def offers_path(corpus_root: Path) -> Path:
    return corpus_root / OFFERS_FILE


def _stored(path: Path, quarantine_dir: Path) -> JsonFile:
    return JsonFile(path, quarantine_dir, unreadable=OffersFileError, newer=ReadOnlyOffers, busy=OffersBusy)


def _read(stored: JsonFile) -> tuple[set[str], int]:
    data = stored.read_bytes()
    if data is None:
        return set(), SCHEMA_VERSION
    parsed = stored.parse(data)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("dismissed"), list):
        raise stored.reject(data, "expected an object with a 'dismissed' list")
    keys = {key for key in parsed["dismissed"] if isinstance(key, str)}
    return keys, schema_version_of(parsed, VERSION_KEY, SCHEMA_VERSION)


def dismissed_offers(path: Path, quarantine_dir: Path) -> frozenset[str]:
    """The keys of the offers the analyst dismissed (none when there is no file)."""
    return frozenset(_read(_stored(path, quarantine_dir))[0])


def dismiss_offer(path: Path, quarantine_dir: Path, key: str) -> None:
    """Remember that the offer ``key`` was dismissed (merged with what another window wrote meanwhile)."""
    stored = _stored(path, quarantine_dir)
    with stored.locked():
        keys, version = _read(stored)
        stored.refuse_newer(version, SCHEMA_VERSION)
        if key in keys:
            return
        stored.write_json({VERSION_KEY: SCHEMA_VERSION, "dismissed": sorted(keys | {key})})


def undismiss_offer(path: Path, quarantine_dir: Path, key: str) -> None:
    """Offer ``key`` again (the undo of :func:`dismiss_offer`)."""
    stored = _stored(path, quarantine_dir)
    with stored.locked():
        keys, version = _read(stored)
        stored.refuse_newer(version, SCHEMA_VERSION)
        if key in keys:
            stored.write_json({VERSION_KEY: SCHEMA_VERSION, "dismissed": sorted(keys - {key})})
