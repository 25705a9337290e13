"""Publication dates: a day, a month or a year from .meta.json and front matter; bounds; datelines,
"Published" lines and date lines at the head; captions, credits and "Updated" lines skipped."""

import json
from datetime import date
from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus
from caseview.corpus.pubdate import PublicationDate, parse_partial_date


def _read(root: Path, name: str):
    entry = next(e for e in scan_corpus(root).files if e.doc_id == name)
    return read_document(entry)


def _write(root: Path, name: str, text: str, meta: dict | None = None) -> None:
    (root / name).write_text(text, "utf-8")
    if meta is not None:
        (root / f"{name}.meta.json").write_text(json.dumps(meta), "utf-8")


@pytest.mark.parametrize(
    ("raw", "value", "precision", "label"),
    [
        ("2026-04-17", date(2026, 4, 17), "day", "2026-04-17"),
        ("2026-04", date(2026, 4, 1), "month", "April 2026"),
        ("2026", date(2026, 1, 1), "year", "2026"),
        ("2026-04-17T09:30:00Z", date(2026, 4, 17), "day", "2026-04-17"),
    ],
)
def test_partial_dates_parse_with_their_precision(raw, value, precision, label):
    parsed = parse_partial_date(raw)
    assert (parsed.value, parsed.precision, parsed.label()) == (value, precision, label)
    assert parse_partial_date(parsed.iso()) == parsed


def test_a_month_runs_to_its_last_day():
    assert PublicationDate(value=date(2026, 2, 1), precision="month").latest == date(2026, 2, 28)


@pytest.mark.parametrize("raw", ["2026-13", "April 2026", "2026-02-30", "26-04"])
def test_invalid_dates_are_refused_with_a_reason(raw):
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(raw)


def test_a_month_only_sidecar_date_is_kept_with_its_precision(tmp_path):
    _write(tmp_path, "take.txt", "Our take\nThe authorisation is a shift.", {"date": "2026-06", "note": "kept"})
    document, notes = _read(tmp_path, "take.txt")
    assert notes == []
    assert (document.meta.published, document.meta.published_precision) == (date(2026, 6, 1), "month")
    assert document.meta.published_label == "June 2026"
    assert document.meta.publication == PublicationDate(value=date(2026, 6, 1), precision="month")


def test_a_year_in_front_matter(tmp_path):
    _write(tmp_path, "note.md", "---\ntitle: Old note\ndate: 2024\n---\nBody text.")
    document, _ = _read(tmp_path, "note.md")
    assert (document.meta.published, document.meta.published_precision) == (date(2024, 1, 1), "year")


def test_an_invalid_date_gets_a_clear_warning(tmp_path):
    _write(tmp_path, "bad.txt", "Body text.", {"date": "2026-4-31"})
    document, notes = _read(tmp_path, "bad.txt")
    assert document.meta.published is None
    assert len(notes) == 1 and "date" in notes[0].reason and "2026-4-31" in notes[0].reason


def test_a_bound_is_a_bound_not_a_date(tmp_path):
    _write(
        tmp_path,
        "relay.txt",
        "Body text.",
        {"published_after": "2026-04-29", "date_source": "relays a scoop of that day"},
    )
    document, _ = _read(tmp_path, "relay.txt")
    assert document.meta.published is None
    assert document.meta.published_after == date(2026, 4, 29)
    assert document.meta.published_label == "not before 2026-04-29"
    assert document.meta.date_source == "relays a scoop of that day"


def test_the_date_source_is_read(tmp_path):
    _write(tmp_path, "scoop.txt", "Body.", {"date": "2026-04-29", "date_source": "URL carries the date"})
    assert _read(tmp_path, "scoop.txt")[0].meta.date_source == "URL carries the date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nNEW YORK, Oct. 14, 2025 — A jury convicted him.", date(2025, 10, 14)),
        ("Headline\n01/14/2026\nNorthwind Bank said hackers stole data.", date(2026, 1, 14)),
        ("Headline\n14/01/2026\nThe bank said.", date(2026, 1, 14)),
        ("Headline\nPublished April 21, 2026\nUpdated April 22, 2026\nBody.", date(2026, 4, 21)),
        ("Headline\nUpdated April 22, 2026\nPublished: 21 April 2026\nBody.", date(2026, 4, 21)),
        ("Headline\nLONDON (Reuters) - March 3, 2026 - Shares fell.", date(2026, 3, 3)),
    ],
)
def test_datelines_and_published_lines(tmp_path, text, expected):
    _write(tmp_path, "wire.txt", text)
    assert _read(tmp_path, "wire.txt")[0].meta.published == expected


@pytest.mark.parametrize(
    "text",
    [
        "Headline\nPhoto: Protesters in Paris, March 3, 2023. (AP Photo/Jane Doe)\nBody.",
        "Headline\nProtesters gather in Paris on March 3, 2023. Getty Images\nBody.",
        "Headline\nUpdated Jan. 5, 2026\nBody.",
        "Headline\nOn April 3, 2026, the court ruled against the company.",
        "Headline\nIllustration: 2023-05-01 archive\nBody.",
    ],
)
def test_captions_credits_updated_lines_and_sentences_are_not_publication_dates(tmp_path, text):
    _write(tmp_path, "story.txt", text)
    assert _read(tmp_path, "story.txt")[0].meta.published is None


def test_a_yearless_dateline_refines_a_given_year_to_the_day(tmp_path):
    _write(tmp_path, "deal.txt", "Headline\nNEW YORK, Oct. 14 — Harbor Foods agreed to buy a rival.", {"date": "2025"})
    meta = _read(tmp_path, "deal.txt")[0].meta
    assert (meta.published, meta.published_precision) == (date(2025, 10, 14), "day")
    assert "dateline" in (meta.date_source or "")


def test_a_dateline_outside_the_given_month_does_not_override_it(tmp_path):
    _write(
        tmp_path, "deal.txt", "Headline\nNEW YORK, Oct. 14 — Harbor Foods agreed to buy a rival.", {"date": "2025-09"}
    )
    meta = _read(tmp_path, "deal.txt")[0].meta
    assert (meta.published, meta.published_precision) == (date(2025, 9, 1), "month")


def test_a_yearless_dateline_alone_dates_nothing(tmp_path):
    _write(tmp_path, "deal.txt", "Headline\nNEW YORK, Oct. 14 — Harbor Foods agreed to buy a rival.")
    assert _read(tmp_path, "deal.txt")[0].meta.published is None


def test_sentencing_after_an_october_dateline_is_next_february(tmp_path):
    from caseview.extract import extract_document

    text = "Jury convicts mayor\nSPRINGFIELD, Oct. 14 — A jury convicted the mayor. Sentencing is set for Feb. 3."
    _write(tmp_path, "court.txt", text, {"date": "2025-10"})
    document = _read(tmp_path, "court.txt")[0]
    times = extract_document(document.text, document.meta.publication).times
    feb = next(t for t in times if "Feb. 3" in t.text)
    assert feb.start_date == date(2026, 2, 3)


def test_sidecars_are_not_documents_and_the_seeds_carry_their_facts():
    seeds = Path(__file__).resolve().parents[2] / "data" / "seeds"
    entries = scan_corpus(seeds).files
    assert len(entries) == 5 and all(e.doc_id.endswith(".txt") for e in entries)
    meta = {e.doc_id[:3]: read_document(e)[0].meta for e in entries}
    assert (meta["000"].published, meta["000"].published_precision) == (date(2026, 4, 16), "day")
    assert meta["003"].published == date(2026, 4, 29)
    assert meta["003"].url == "https://www.axios.com/2026/04/29/trump-anthropic-pentagon-ai-executive-order-gov"
    assert meta["003"].date_source == "URL carries the date"
    assert (meta["004"].published, meta["004"].published_precision) == (date(2026, 6, 1), "month")
    assert meta["001"].published is None and meta["001"].published_after is None
    assert meta["002"].published is None and meta["002"].published_after == date(2026, 4, 29)
    assert all(m.date_source for m in meta.values())


def test_setting_a_date_keeps_the_other_keys_and_is_read_back(tmp_path):
    from caseview.corpus.metadata import read_sidecar, sidecar_json, sidecar_target, with_publication_date
    from caseview.kernel.safefile import atomic_write_text

    _write(tmp_path, "take.txt", "Our take\nBody.", {"title": "Our take", "custom": [1, 2]})
    target = sidecar_target(tmp_path / "take.txt")
    assert target == tmp_path / "take.txt.meta.json"
    atomic_write_text(target, sidecar_json(with_publication_date(read_sidecar(target), "2026-04")))
    assert json.loads(target.read_text("utf-8")) == {
        "title": "Our take",
        "custom": [1, 2],
        "date": "2026-04",
        "date_source": "set by the analyst",
    }
    meta = _read(tmp_path, "take.txt")[0].meta
    assert (meta.published, meta.published_precision, meta.date_source) == (
        date(2026, 4, 1),
        "month",
        "set by the analyst",
    )


def test_setting_a_bad_date_is_refused_and_clearing_removes_it(tmp_path):
    from caseview.corpus.metadata import MetadataError, with_publication_date

    with pytest.raises(MetadataError, match="not YYYY-MM-DD, YYYY-MM or YYYY"):
        with_publication_date({}, "April")
    assert with_publication_date({"date": "2026", "date_source": "x", "url": "u"}, None) == {"url": "u"}


def test_a_new_sidecar_goes_beside_the_document(tmp_path):
    from caseview.corpus.metadata import sidecar_target

    (tmp_path / "memo.md").write_text("Memo", "utf-8")
    assert sidecar_target(tmp_path / "memo.md") == tmp_path / "memo.md.meta.json"
    (tmp_path / "memo.meta.json").write_text("{}", "utf-8")
    assert sidecar_target(tmp_path / "memo.md") == tmp_path / "memo.meta.json"
