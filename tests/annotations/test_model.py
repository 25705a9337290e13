"""The annotation model: making one from a selection, refusing bad ones, W3C JSON-LD round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from caseview.annotations.creator import configured_creator
from caseview.annotations.errors import SpanError
from caseview.annotations.jsonld import (
    AnnotationFile,
    annotation_from_jsonld,
    annotation_to_jsonld,
    file_from_jsonld,
    file_to_jsonld,
)
from caseview.annotations.model import Creator, annotation_for_quote, annotation_for_span

from .conftest import PASSAGE

ANALYST = Creator(name="Ada Analyst")


def test_a_span_annotation_records_quote_context_position_and_snapshot(ft_document):
    start = ft_document.text.index(PASSAGE)
    annotation = annotation_for_span(ft_document, start, start + len(PASSAGE), creator=ANALYST, tags=["access"])
    assert annotation.quote.exact == PASSAGE
    assert annotation.quote.prefix == ft_document.text[start - 32 : start]
    assert annotation.quote.suffix == ft_document.text[start + len(PASSAGE) : start + len(PASSAGE) + 32]
    assert (annotation.position.start, annotation.position.end) == (start, start + len(PASSAGE))
    assert annotation.snapshot_sha256 == ft_document.sha256
    assert annotation.id.startswith("urn:uuid:")


def test_timestamps_are_utc_to_the_second(ft_document):
    annotation = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    assert annotation.created.tzinfo == UTC and annotation.created.microsecond == 0
    assert annotation_to_jsonld(annotation)["created"].endswith("Z")


def test_quote_occurrence_picks_the_nth_appearance(ft_document):
    first = annotation_for_quote(ft_document, "Mythos", 1, creator=ANALYST)
    second = annotation_for_quote(ft_document, "Mythos", 2, creator=ANALYST)
    assert second.position.start == ft_document.text.index("Mythos", first.position.end)


@pytest.mark.parametrize(
    "start, end, message",
    [
        (10, 10, "empty"),
        (-1, 5, "outside"),
        (0, 10**6, "outside"),
        (20, 10, "outside|empty"),
    ],
)
def test_bad_spans_are_refused_with_a_clear_message(ft_document, start, end, message):
    with pytest.raises(SpanError, match=message):
        annotation_for_span(ft_document, start, end, creator=ANALYST)


def test_a_quote_not_in_the_document_is_refused(ft_document):
    with pytest.raises(SpanError, match="is not in 000_"):
        annotation_for_quote(ft_document, "Bessent resigned", creator=ANALYST)


def test_an_occurrence_beyond_the_last_is_refused_naming_the_count(ft_document):
    count = ft_document.text.count("Pentagon")
    with pytest.raises(SpanError, match=f"appears {count} time"):
        annotation_for_quote(ft_document, "Pentagon", count + 1, creator=ANALYST)


def test_tags_are_trimmed_and_deduplicated_and_empty_tags_refused(ft_document):
    annotation = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=[" access ", "access", "a  b"])
    assert annotation.tags == ("access", "a b")
    with pytest.raises(SpanError, match="empty"):
        annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["  "])


def test_motivation_follows_what_the_annotation_holds(ft_document):
    assert annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["x"]).motivation == "tagging"
    assert annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, note="n").motivation == "commenting"
    assert annotation_for_quote(ft_document, PASSAGE, creator=ANALYST).motivation == "highlighting"


def test_annotation_round_trips_through_jsonld(ft_document):
    annotation = annotation_for_quote(
        ft_document,
        PASSAGE,
        creator=ANALYST,
        tags=["access", "treasury"],
        note="**Contradicts** 004",
        note_format="text/markdown",
    )
    assert annotation_from_jsonld(annotation_to_jsonld(annotation)) == annotation


def test_jsonld_has_the_shape_of_design_section_3(ft_document):
    data = annotation_to_jsonld(annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["t"], note="n"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert [b["purpose"] for b in data["body"]] == ["tagging", "commenting"]
    assert data["body"][1]["format"] == "text/plain"
    assert [s["type"] for s in data["target"]["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    assert data["target"]["source"] == "urn:caseview:doc:000_465b9804960b177b.txt"
    assert data["target"]["state"]["type"] == "TimeState"
    assert data["cv:anchor"]["status"] == "anchored"


def test_a_file_round_trips_with_tombstones_and_conflicts(ft_document):
    from caseview.annotations.jsonld import Tombstone

    one = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["a"])
    two = annotation_for_quote(ft_document, "Treasury", creator=ANALYST, note="x")
    two = two.model_copy(update={"conflicts": (two.revised(note="y"),)})
    content = AnnotationFile(
        doc_id=ft_document.id,
        annotations=(one, two),
        tombstones=(
            Tombstone(
                id="urn:uuid:00000000-0000-4000-8000-000000000000",
                rev="abc",
                deleted=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
                by="Ada",
            ),
        ),
    )
    assert file_from_jsonld(file_to_jsonld(content), ft_document.id) == content


def test_creator_comes_from_the_environment_variable_first(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert configured_creator({"CASEVIEW_CREATOR": " Jane Reporter "}).name == "Jane Reporter"


def test_creator_comes_from_the_config_file_when_no_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "caseview").mkdir()
    (tmp_path / "caseview" / "config.toml").write_text('creator = "Desk Analyst"\n', encoding="utf-8")
    assert configured_creator({}).name == "Desk Analyst"


def test_creator_falls_back_to_the_login_name(monkeypatch, tmp_path):
    import getpass

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert configured_creator({}).name == getpass.getuser()


def test_keys_and_bodies_from_other_tools_are_kept_through_a_round_trip(ft_document):
    annotation = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["a"], note="mine")
    data = annotation_to_jsonld(annotation)
    data["rights"] = "https://creativecommons.org/licenses/by/4.0/"
    data["body"].append({"type": "TextualBody", "purpose": "describing", "value": "from another tool"})
    data["body"].append({"type": "TextualBody", "purpose": "commenting", "value": "a second note"})
    again = annotation_to_jsonld(annotation_from_jsonld(data))
    assert again["rights"] == data["rights"]
    assert [b["value"] for b in again["body"]] == ["a", "mine", "from another tool", "a second note"]
