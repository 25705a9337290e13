"""The workspace's entity and event API: lazy, cached, corrected, and feeding the search index."""

import shutil
import threading
from pathlib import Path

import pytest

from caseview.extract import CorrectionsError, EntityType
from caseview.workspace import Workspace


@pytest.fixture
def workspace(prepared_seed_corpus: Path) -> Workspace:
    ws = Workspace.open(prepared_seed_corpus)
    yield ws
    ws.close()


def hit_ids(ws: Workspace, query: str) -> set[str]:
    return {hit.doc_id[:3] for hit in ws.search(query).hits}


def test_entities_can_be_filtered_by_type(workspace):
    people = workspace.entities(type="person")
    assert people and all(e.type is EntityType.PERSON for e in people)


def test_entity_mentions_point_into_the_documents(workspace):
    entity = next(e for e in workspace.entities() if e.name == "Office of Management and Budget")
    for mention in workspace.entity_mentions(entity.id):
        assert workspace.document(mention.doc_id).text[mention.start : mention.end] == mention.text


def test_events_carry_entity_ids(workspace):
    ids = {e.id for e in workspace.entities(include_hidden=True)}
    assert workspace.events()
    assert all(set(e.actors) <= ids for e in workspace.events())


def test_the_result_is_computed_once_and_shared_between_threads(workspace):
    results = []
    threads = [threading.Thread(target=lambda: results.append(workspace.extraction())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result is results[0] for result in results)


def test_entity_search_finds_canonical_names_and_aliases(workspace):
    workspace.extraction()
    assert hit_ids(workspace, 'entity:"Office of Management and Budget"') == {"002", "003"}
    assert hit_ids(workspace, 'entity:"Financial Times"') == {"000"}


def test_entity_search_for_scott_bessent_finds_the_article_spelling_him_besant(workspace):
    workspace.extraction()
    assert "002" in hit_ids(workspace, 'entity:"Scott Bessent"')


def test_entity_search_works_on_first_open_before_the_corpus_extraction(seed_corpus):
    ws = Workspace.open(seed_corpus)
    try:
        assert hit_ids(ws, 'entity:"Financial Times"') == {"000"}
    finally:
        ws.close()


def test_a_correction_is_saved_and_changes_the_entities(workspace, prepared_seed_corpus):
    administration = next(e for e in workspace.entities() if e.name == "Trump administration")
    trump = next(e for e in workspace.entities() if e.name == "Donald Trump")
    workspace.correct_entities("merge", [trump.id, administration.id])
    assert (prepared_seed_corpus / "caseview-entities.json").is_file()
    merged = next(e for e in workspace.entities() if e.id == trump.id)
    assert "Trump administration" in merged.aliases
    reopened = Workspace.open(prepared_seed_corpus)
    try:
        assert "Trump administration" in next(e for e in reopened.entities() if e.id == trump.id).aliases
    finally:
        reopened.close()


def test_hidden_entities_are_left_out_unless_asked_for(workspace):
    ft = next(e for e in workspace.entities() if e.name == "Financial Times")
    workspace.correct_entities("hide", [ft.id])
    assert ft.id not in {e.id for e in workspace.entities()}
    assert ft.id in {e.id for e in workspace.entities(include_hidden=True)}


def test_a_bad_correction_gets_a_clear_message(workspace):
    with pytest.raises(CorrectionsError, match="needs two or more"):
        workspace.correct_entities("merge", ["person:scott-bessent"])
    with pytest.raises(CorrectionsError, match="no entity with id person:nobody"):
        workspace.correct_entities("hide", ["person:nobody"])


def test_a_changed_document_is_extracted_again(workspace, prepared_seed_corpus):
    before = workspace.extraction()
    (prepared_seed_corpus / "005_new.txt").write_text("Senator Orla Quenby met the Pentagon on Monday.", "utf-8")
    workspace.refresh()
    after = workspace.extraction()
    assert after is not before
    assert any(e.name == "Orla Quenby" for e in after.entities)
    assert "005" in hit_ids(workspace, 'entity:"Orla Quenby"')


def test_the_corpus_result_after_a_first_build_is_the_same_with_or_without_a_usable_cache(seed_corpus, tmp_path):
    """The first build's extractions reach the corpus result through the cache, or — where the cache
    cannot be written (its folder is a file) — are kept in memory: either way nothing is missing."""
    from caseview.extract.cache import ExtractionCache

    without_cache = tmp_path / "without-cache"
    shutil.copytree(seed_corpus, without_cache)
    folder = ExtractionCache(without_cache / ".caseview").folder
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder", "utf-8")
    results = []
    for root in (seed_corpus, without_cache):
        ws = Workspace.open(root)
        try:
            results.append(ws.extraction().model_dump_json())
        finally:
            ws.close()
    assert not list((without_cache / ".caseview" / "extract").glob("*/extractions.sqlite"))
    assert results[0] == results[1] and '"Scott Bessent"' in results[0]
