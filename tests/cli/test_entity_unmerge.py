"""`caseview entities` shows why an entity was merged automatically, and `caseview entity unmerge`
undoes that merge (one verb, one line of output, a one-line refusal when there is nothing to undo)."""

import json
from pathlib import Path

from caseview.cli import main

BESSENT = "person:scott-bessent"
REASON = "same title and first name, similar surname, 3 shared co-mentions"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def test_entities_show_the_merge_reason_and_the_verb_that_undoes_it(prepared_seed_corpus: Path, capsys):
    """Guards the reason shown in the CLI (and in --json) for the seeds' Besant/Bessent merge."""
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--type", "PERSON")
    assert code == 0
    assert f"merged “Scott Besant”: {REASON} (Dario Amodei, Donald Trump, Susie Wiles)" in out
    assert f"(undo: caseview entity unmerge {BESSENT} 'Scott Besant')" in out
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--json")
    (entity,) = [e for e in json.loads(out)["entities"] if e["id"] == BESSENT]
    assert [r["text"] for r in entity["merge_reasons"]] == [REASON]


def test_unmerge_separates_the_two_and_a_second_unmerge_is_refused(prepared_seed_corpus: Path, capsys):
    """Guards `caseview entity unmerge ID`: the names are two entities afterwards, the reason is gone,
    and asking again is a one-line refusal with exit status 2."""
    code, out, _ = run(capsys, "entity", str(prepared_seed_corpus), "unmerge", BESSENT)
    assert code == 0
    assert "undid the automatic merge: split 'Scott Besant' off 'Scott Bessent': saved in caseview-entities.json" in out
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--type", "PERSON")
    assert "Scott Besant  1 mention · 1 doc  [person:scott-besant]" in out and REASON not in out
    code, out, err = run(capsys, "entity", str(prepared_seed_corpus), "unmerge", BESSENT)
    assert code == 2 and out == ""
    assert (
        err == "caseview: 'Scott Bessent' was not merged automatically on evidence; 'split' takes one of its names off"
    )
