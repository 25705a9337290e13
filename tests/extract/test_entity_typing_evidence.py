"""Typing names in wire copy: companies that speak, foreign bodies, competitions, "X-based" places,
outlets and persons whose names look like something else. Each test extracts a real article
written to a corpus folder, the way the app reads it."""

from caseview.extract import EntityType, extract_corpus

from tests.extract.extract_helpers import read_corpus, write_corpus


def typed_mentions(tmp_path, text: str) -> dict[str, set[EntityType]]:
    """Each mention's text → the types of the entities holding it (the corpus's final types)."""
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    extraction = extract_corpus(read_corpus(root), None)
    result: dict[str, set[EntityType]] = {}
    for entity in extraction.entities:
        if entity.hidden:
            continue
        for mention in entity.mentions:
            result.setdefault(mention.text, set()).add(entity.type)
    return result


def test_leagues_cups_and_championships_are_events_but_a_league_of_nations_is_not(tmp_path):
    found = typed_mentions(
        tmp_path,
        "He has played in the Premier League and the Europa League, won the Copa Sudamericana and "
        "the Coupe de France, and will travel to the Sardinia Championships. The Arab League met "
        "in Cairo on Sunday.\n",
    )
    for competition in ("Premier League", "Europa League", "Copa Sudamericana", "Coupe de France"):
        assert found[competition] == {EntityType.EVENT}, competition
    assert found["Sardinia Championships"] == {EntityType.EVENT}
    assert found["Arab League"] == {EntityType.ORG}


def test_foreign_names_whose_head_comes_first_are_bodies(tmp_path):
    found = typed_mentions(
        tmp_path,
        "The Autoridad Portuaria de Vigo closed two berths, the Guardia Civil questioned the captain "
        "and the Xunta de Galicia sent workers. Shares in Banco Ribeira fell, while the Banco Central "
        "de Chile sold dollars. Fans of Atlético Miramar cheered, and the Vereinigung Lotsen union "
        "called a strike.\n",
    )
    assert found["Autoridad Portuaria de Vigo"] == {EntityType.GOV_BODY}
    assert found["Guardia Civil"] == {EntityType.GOV_BODY}
    assert found["Banco Ribeira"] == {EntityType.ORG}
    assert found["Banco Central de Chile"] == {EntityType.GOV_BODY}
    assert found["Atlético Miramar"] == {EntityType.ORG}
    assert found["Vereinigung Lotsen"] == {EntityType.ORG}


def test_a_place_named_alone_is_not_the_short_form_of_the_body_named_after_it(tmp_path):
    found = typed_mentions(
        tmp_path,
        "VIGO, Spain, Nov 12 — The Vigo Port Authority closed two terminals on Tuesday. Ships bound "
        "for Vigo were sent on. A surveyor flew to Vigo.\n",
    )
    assert found["Vigo Port Authority"] == {EntityType.GOV_BODY}
    assert found["Vigo"] == {EntityType.GPE}


def test_a_republic_of_somewhere_is_a_place(tmp_path):
    found = typed_mentions(tmp_path, "Copper comes from Zambia and the Democratic Republic of Congo.\n")
    assert found["Democratic Republic of Congo"] == {EntityType.GPE}
