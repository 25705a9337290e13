"""`caseview doc date DOC DATE`: a publication date set, corrected and cleared in the document's
`.meta.json` (locked, atomic, other keys kept, a damaged sidecar never overwritten), and relative
times re-resolved against it."""

import json
from datetime import date
from pathlib import Path

from caseview.cli import main
from caseview.workspace import Workspace

ARTICLE = (
    "Regulators fined Northgate Bank last week for failing to report suspicious transfers.\n"
    "The bank said it would appeal.\n"
)


def run(capsys, *argv):
    """Exit code, stdout, and stderr on one line (the console wraps long messages)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "fine.txt").write_text(ARTICLE, "utf-8")
    (folder / "other.txt").write_text("The council met on Monday to approve the budget.\n", "utf-8")
    return folder


def _last_week(folder: Path) -> dict[str, object]:
    """How "last week" in fine.txt resolves now (through the workspace, as the events pane sees it)."""
    workspace = Workspace.open(folder)
    try:
        times = workspace.extraction().times["fine.txt"]
    finally:
        workspace.close()
    (time,) = [t for t in times if t.text == "last week"]
    return {"start": time.start_date, "end": time.end_date, "approximate": time.approximate}


def test_a_month_date_is_stored_with_its_precision_and_last_week_resolves_to_that_month(tmp_path: Path, capsys):
    """Guards issue 14, point 5: `doc date DOC 2026-04` writes "2026-04" (not a day) and "last week" is
    then "April 2026, approximate"; correcting it to a day re-resolves to that day's previous week."""
    folder = _corpus(tmp_path)
    assert _last_week(folder)["start"] is None  # undated: nothing to resolve against

    code, out, err = run(capsys, "doc", str(folder), "date", "fine.txt", "2026-04")
    assert (code, err) == (0, "")
    assert "fine.txt: date set, now April 2026 (month; set by the analyst); saved in fine.txt.meta.json" in out
    assert json.loads((folder / "fine.txt.meta.json").read_text("utf-8")) == {
        "date": "2026-04",
        "date_source": "set by the analyst",
    }
    assert _last_week(folder) == {"start": date(2026, 4, 1), "end": date(2026, 4, 30), "approximate": True}

    code, _out, _err = run(capsys, "doc", str(folder), "date", "fine.txt", "2026-04-17")
    assert code == 0
    assert _last_week(folder) == {"start": date(2026, 4, 6), "end": date(2026, 4, 12), "approximate": False}


def test_the_date_is_merged_into_an_existing_sidecar_keeping_its_other_keys(tmp_path: Path, capsys):
    """Guards the store's rule "keys caseview does not know are kept": outlet, url and a custom key survive."""
    folder = _corpus(tmp_path)
    sidecar = folder / "fine.txt.meta.json"
    sidecar.write_text(json.dumps({"outlet": "Daily Ledger", "x-desk": "finance", "published": "2025"}), "utf-8")
    code, out, _ = run(capsys, "doc", str(folder), "date", "fine.txt", "2026", "--json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["published"], shown["precision"], shown["label"]) == ("2026", "year", "2026")
    assert json.loads(sidecar.read_text("utf-8")) == {
        "outlet": "Daily Ledger",
        "x-desk": "finance",
        "date": "2026",
        "date_source": "set by the analyst",
    }


def test_clearing_the_date_leaves_the_document_undated(tmp_path: Path, capsys):
    """Guards `--clear`: the date keys go, the document is undated again, other keys stay."""
    folder = _corpus(tmp_path)
    (folder / "fine.txt.meta.json").write_text(json.dumps({"date": "2026-04-17", "title": "Fine"}), "utf-8")
    code, out, _ = run(capsys, "doc", str(folder), "date", "fine.txt", "--clear")
    assert code == 0 and "fine.txt: date cleared, now undated" in out
    assert json.loads((folder / "fine.txt.meta.json").read_text("utf-8")) == {"title": "Fine"}
    code, out, _ = run(capsys, "doc", str(folder), "date", "fine.txt")
    assert (code, out.strip()) == (0, "fine.txt: undated")


def test_a_bad_date_is_one_line_and_changes_nothing(tmp_path: Path, capsys):
    """Guards "bad input: one line, never a traceback, never data loss" for dates and document ids."""
    folder = _corpus(tmp_path)
    (folder / "fine.txt.meta.json").write_text('{"date": "2026-04"}', "utf-8")
    for argv, message in (
        (("fine.txt", "2026-13"), "date '2026-13': month 13 is not 1–12"),
        (("fine.txt", "April"), "is not YYYY-MM-DD, YYYY-MM or YYYY"),
        (("missing.txt", "2026"), "no document 'missing.txt'"),
        (("fine.txt", "2026", "--clear"), "a DATE or --clear, not both"),
    ):
        code, out, err = run(capsys, "doc", str(folder), "date", *argv)
        assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert (folder / "fine.txt.meta.json").read_text("utf-8") == '{"date": "2026-04"}'
    assert not (folder / "missing.txt.meta.json").exists()


def test_a_damaged_sidecar_is_quarantined_and_never_overwritten(tmp_path: Path, capsys):
    """Guards the safe-write rule for sidecars: a sidecar that is not a JSON object is left byte for
    byte, a copy goes to quarantine, and the message is one line naming the file."""
    folder = _corpus(tmp_path)
    damaged = b'["not", "an object"]'
    (folder / "fine.txt.meta.json").write_bytes(damaged)
    code, out, err = run(capsys, "doc", str(folder), "date", "fine.txt", "2026-04")
    assert code == 2 and out == ""
    assert "fine.txt.meta.json" in err and "expected a JSON object" in err
    assert (folder / "fine.txt.meta.json").read_bytes() == damaged
    assert any(p.read_bytes() == damaged for p in (folder / ".caseview" / "quarantine").iterdir())


def test_the_json_shape_is_the_one_the_readme_documents(tmp_path: Path, capsys):
    """Guards the README's `caseview doc date --json` shape (keys and the sidecar written)."""
    folder = _corpus(tmp_path)
    code, out, _ = run(capsys, "doc", str(folder), "date", "fine.txt", "2026-04", "--json")
    shown = json.loads(out)
    assert code == 0
    assert set(shown) == {"corpus", "doc", "published", "precision", "label", "date_source", "sidecar"}
    assert (shown["published"], shown["precision"], shown["label"]) == ("2026-04", "month", "April 2026")
    assert shown["sidecar"] == str(folder / "fine.txt.meta.json")
