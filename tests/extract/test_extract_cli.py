"""`caseview entities` and `caseview events`: exit codes, messages and the documented JSON."""

import json
from pathlib import Path

from caseview.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_entities_json_follows_the_documented_schema(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == {"corpus", "entities", "suggestions"}
    entity = next(e for e in payload["entities"] if e["name"] == "National Security Agency")
    assert set(entity) == {
        "id",
        "name",
        "type",
        "aliases",
        "hidden",
        "merged_by",
        "merge_reasons",
        "documents",
        "mentions",
    }
    assert entity["type"] == "GOV_BODY" and "NSA" in entity["aliases"]
    for mention in entity["mentions"]:
        assert set(mention) == {"doc_id", "uri", "start", "end", "text", "cue"}
        text = (prepared_seed_corpus / mention["doc_id"]).read_text("utf-8")
        assert text[mention["start"] : mention["end"]] == mention["text"]
    # the seeds' one look-alike pair (Besant/Bessent) now merges on evidence, so no suggestion may be pending
    for suggestion in payload["suggestions"]:
        assert {"id", "entity_ids", "names", "score", "reason"} == set(suggestion)


def test_entities_type_filter(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--type", "publication", "--json")
    assert code == 0
    assert {e["type"] for e in json.loads(out)["entities"]} == {"PUBLICATION"}


def test_entities_human_output_groups_by_type(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--type", "GOV_BODY")
    assert code == 0
    assert out.startswith("GOV_BODY")
    assert "Office of Management and Budget" in out and "aka OMB" in out


def test_an_unknown_type_is_a_usage_error(prepared_seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entities", str(prepared_seed_corpus), "--type", "planet")
    assert code == 2 and "unknown entity type 'planet'" in err


def test_a_corpus_without_entities_exits_1(tmp_path: Path, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("nothing to see here at all.", "utf-8")
    code, out, _ = run(capsys, "entities", str(tmp_path / "c"), "--json")
    assert code == 1 and json.loads(out)["entities"] == []


def test_events_json_follows_the_documented_schema(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "events", str(prepared_seed_corpus), "--json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == {"corpus", "events", "clusters", "flags"}
    event = payload["events"][0]
    assert set(event) == {
        "id",
        "doc_id",
        "uri",
        "evidence",
        "action",
        "action_span",
        "negated",
        "actors",
        "objects",
        "object_text",
        "time",
        "cluster",
    }
    text = (prepared_seed_corpus / event["doc_id"]).read_text("utf-8")
    assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]
    timed = next(e for e in payload["events"] if e["time"])
    assert set(timed["time"]) == {"text", "start", "end", "kind", "interval", "granularity", "vague"}
    assert {"kind", "event_ids", "reason"} == set(payload["flags"][0])
    assert {"id", "event_ids", "doc_ids", "label"} == set(payload["clusters"][0])


def test_events_human_output_lists_flags(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "events", str(prepared_seed_corpus))
    assert code == 0
    assert "Flags for the analyst (not verdicts):" in out and "contradiction" in out


def test_events_human_output_says_how_many_tell_it_when_and_how_it_is_told(tmp_path: Path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    told = "Sheriff Dana Whitfield ordered the evacuation of the Cedar Flats neighborhood after midnight"
    (corpus / "a.txt").write_text(f"Body.\n{told}.\nVerant Chemicals will appeal the order.\n", "utf-8")
    (corpus / "b.txt").write_text(f"Body.\n{told}, the Millbrook Courier reported.\n", "utf-8")
    for name in ("a.txt", "b.txt"):
        (corpus / f"{name}.meta.json").write_text(json.dumps({"date": "2026-09-15"}), "utf-8")
    code, out, _ = run(capsys, "events", str(corpus))
    assert code == 0
    order = next(line for line in out.splitlines() if " order" in line)
    assert "(2 sources, also b.txt)" in order and "[published 2026-09-15, no date of its own]" in order
    appeal = next(line for line in out.splitlines() if "appeal" in line)
    assert "appeal (planned)" in appeal
    assert "· the Millbrook Courier reported" in order
