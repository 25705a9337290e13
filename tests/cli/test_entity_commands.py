"""`caseview entity …` corrections and `caseview entities --suggestions`: output, files, exit codes, messages."""

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.extract import load_corrections
from caseview.extract.corrections import corrections_path
from tests.extract.extract_helpers import LOOKALIKES

# Two people whose names differ by a letter and share nothing else: a suggestion, never an
# automatic merge (the seeds' Besant/Bessent pair now merges on evidence by itself).
VENICK, VENNICK = "person:hal-venick", "person:hal-vennick"


@pytest.fixture
def seed_corpus(seed_corpus: Path) -> Path:
    """The seeds plus two short articles naming the look-alike pair."""
    for name, text in LOOKALIKES.items():
        (seed_corpus / name).write_text(text, "utf-8")
    return seed_corpus


def run(capsys, *argv):
    """Exit code, stdout, and stderr on one line (the console wraps long messages)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def test_suggestions_list_the_lookalike_pair_with_its_score(seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(seed_corpus), "--suggestions")
    assert code == 0
    assert "Hal Venick ~ Hal Vennick  score 0.95" in out
    assert f"caseview entity accept {VENICK} {VENNICK}" in out


def test_suggestions_as_json(seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(seed_corpus), "--suggestions", "--json")
    suggestions = json.loads(out)["suggestions"]
    assert code == 0 and [VENICK, VENNICK] in [s["entity_ids"] for s in suggestions]


def test_accepting_the_suggestion_merges_and_it_is_no_longer_suggested(seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entity", str(seed_corpus), "accept", VENICK, VENNICK)
    assert code == 0
    assert "accept the suggestion 'Hal Venick' ~ 'Hal Vennick': saved in caseview-entities.json" in out
    assert "aka Hal Venick" in out or "aka Hal Vennick" in out
    code, out, _ = run(capsys, "entities", str(seed_corpus), "--suggestions")
    assert code == 1 and "Venick" not in out


def test_rejecting_the_suggestion_is_saved_and_keeps_both(seed_corpus: Path, capsys):
    code, _, _ = run(capsys, "entity", str(seed_corpus), "reject", VENICK, VENNICK)
    assert code == 0 and [c.op for c in load_corrections(corrections_path(seed_corpus))] == ["reject"]
    _, out, _ = run(capsys, "entities", str(seed_corpus), "--type", "PERSON")
    assert "Hal Venick " in out and "Hal Vennick " in out


def test_merge_rename_retype_hide_unhide_and_split(seed_corpus: Path, capsys):
    corpus = str(seed_corpus)
    assert run(capsys, "entity", corpus, "merge", VENNICK, VENICK)[0] == 0
    assert run(capsys, "entity", corpus, "split", VENNICK, "Hal Venick")[0] == 0
    assert run(capsys, "entity", corpus, "rename", VENNICK, "Governor Vennick")[0] == 0
    assert run(capsys, "entity", corpus, "retype", VENNICK, "org")[0] == 0
    assert run(capsys, "entity", corpus, "hide", VENNICK)[0] == 0
    assert run(capsys, "entity", corpus, "unhide", VENNICK)[0] == 0
    stored = load_corrections(corrections_path(seed_corpus))
    assert [c.op for c in stored] == ["merge", "split", "rename", "retype", "hide", "unhide"]
    _, out, _ = run(capsys, "entities", corpus, "--json")
    entity = next(e for e in json.loads(out)["entities"] if e["id"] == VENNICK)
    assert (entity["name"], entity["type"], entity["hidden"]) == ("Governor Vennick", "ORG", False)


def test_json_output_names_the_correction_and_the_changed_entity(seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entity", str(seed_corpus), "hide", VENICK, "--json")
    payload = json.loads(out)
    assert code == 0 and payload["correction"]["op"] == "hide"
    assert [(e["id"], e["hidden"]) for e in payload["entities"]] == [(VENICK, True)]


def test_an_unknown_id_is_refused_with_the_likely_one_and_nothing_is_saved(seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(seed_corpus), "hide", "person:hal-venik")
    assert code == 2
    assert "no entity with id person:hal-venik" in err and "person:hal-venick" in err
    assert not corrections_path(seed_corpus).exists()


def test_an_unknown_operation_is_a_usage_error(seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(seed_corpus), "explode", VENICK)
    assert code == 2 and "OPERATION is one of merge, split" in err


def test_wrong_arguments_for_an_operation_say_what_it_takes(seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(seed_corpus), "merge", VENICK)
    assert code == 2 and "merge ID ID…" in err
    code, _, err = run(capsys, "entity", str(seed_corpus), "rename", VENICK)
    assert code == 2 and "rename ID NAME" in err


def test_an_unknown_type_lists_the_types(seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(seed_corpus), "retype", VENICK, "martian")
    assert code == 2 and "unknown entity type 'martian'" in err and "PERSON" in err


def test_accepting_a_pair_that_is_not_suggested_is_refused(seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(seed_corpus), "accept", VENNICK, "gov_body:national-security-agency")
    assert code == 2 and "not a pending suggested merge" in err


def test_a_corrections_file_that_does_not_parse_is_reported_and_kept(seed_corpus: Path, capsys):
    path = corrections_path(seed_corpus)
    path.write_text("{broken", "utf-8")
    code, _, err = run(capsys, "entity", str(seed_corpus), "hide", VENICK)
    assert code == 2 and "caseview-entities.json: cannot be read" in err
    assert path.read_text("utf-8") == "{broken"


def test_the_corpus_may_follow_an_option(seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entity", "--json", str(seed_corpus), "hide", VENICK)
    assert code == 0 and json.loads(out)["corpus"] == str(seed_corpus.resolve())
