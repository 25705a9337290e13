"""Provenance: citations, copies and rewrites, aligned passages, origins and independence.

Texts are written for the purpose (tests/provenance/texts.py) plus the bundled seeds for the
targets the issue names; every offset is checked by slicing the text it points into.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus
from caseview.provenance import SourceText, analyse_provenance, source_texts
from caseview.provenance.attribution import find_citations
from caseview.provenance.counting import Span
from caseview.provenance.origins import independence_of_passages, passage_origins
from tests.provenance import texts

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def source(doc_id: str, text: str, outlet: str | None = None) -> SourceText:
    return SourceText(doc_id=doc_id, text=text, outlet=outlet)


def port_corpus() -> list[SourceText]:
    return [
        source("origin.txt", texts.ORIGIN, "Reuters"),
        source("republished.txt", texts.REPUBLISHED, "Harbour Weekly"),
        source("paraphrase.txt", texts.PARAPHRASE, "Coastal Ledger"),
        source("independent.txt", texts.INDEPENDENT, "Associated Press"),
        source("unrelated.txt", texts.UNRELATED, "Marrowby Mail"),
    ]


@pytest.fixture(scope="module")
def seeds_report():
    sources = source_texts(read_document(entry)[0] for entry in scan_corpus(SEEDS).files)
    return analyse_provenance(sources), {s.doc_id[:3]: s for s in sources}


# -- attribution -------------------------------------------------------------------------------


def test_citations_name_the_source_with_exact_offsets_and_the_sentence_as_evidence() -> None:
    citations = find_citations("p.txt", texts.PARAPHRASE, "Coastal Ledger")
    reuters = [c for c in citations if c.source == "Reuters"]
    assert len(reuters) == 3  # "according to Reuters" twice and "Reuters reported"
    for citation in reuters:
        assert citation.kind == "outlet" and not citation.own
        assert "Reuters" in texts.PARAPHRASE[citation.start : citation.end]
        assert texts.PARAPHRASE[citation.evidence_start : citation.evidence_end] == citation.evidence
        assert citation.evidence_start <= citation.start < citation.end <= citation.evidence_end


def test_an_outlet_citing_itself_is_own_reporting_not_a_relay() -> None:
    citations = find_citations("i.txt", texts.INDEPENDENT, "The Associated Press")
    told = [c for c in citations if c.source == "Associated Press"]
    assert told and all(c.own for c in told)


def test_anonymous_sources_are_kept_apart_from_outlets() -> None:
    text = "The plan was approved, according to people familiar with the matter. Two officials said it was final."
    kinds = {(c.kind, c.source) for c in find_citations("a.txt", text)}
    assert ("anonymous", "people familiar with the matter") in kinds
    assert any(kind == "anonymous" and "officials" in name for kind, name in kinds)


def test_outlet_spellings_are_canonical() -> None:
    text = "An aide told the FT on Monday. The Wall Street Journal reported the talks first."
    sources = {c.source for c in find_citations("x.txt", text)}
    assert sources == {"Financial Times", "The Wall Street Journal"}


# -- pairs -------------------------------------------------------------------------------------


def test_copies_rewrites_and_independent_reports_are_told_apart() -> None:
    report = analyse_provenance(port_corpus())
    pairs = {(pair.derived, pair.origin): pair for pair in report.pairs}
    assert pairs[("republished.txt", "origin.txt")].kind == "near-copy"
    rewrite = pairs[("paraphrase.txt", "origin.txt")]
    assert rewrite.kind == "rewrite" and rewrite.direction_known
    assert any(reason.startswith("cites Reuters 3 times") for reason in rewrite.reasons)
    involved = {doc for pair in report.pairs for doc in (pair.derived, pair.origin)}
    assert "independent.txt" not in involved, "shared names and numbers alone do not make a rewrite"
    assert "unrelated.txt" not in involved


def test_an_exact_copy_is_a_copy_whatever_the_spacing() -> None:
    spaced = texts.ORIGIN.replace(". ", ".  ").upper()
    report = analyse_provenance([source("a.txt", texts.ORIGIN), source("b.txt", spaced)])
    assert [(pair.kind, pair.score) for pair in report.pairs] == [("copy", 1.0)]


def test_a_passage_of_an_exact_copy_counts_every_copy_as_a_document_of_one_origin() -> None:
    """An exact copy has no aligned passages (nothing to align): a claim on the original must still
    count the copies ("3 documents · 1 origin"), as a report attached to two e-mails is (seen in a
    trial folder: the memo said "1 document")."""
    from caseview.provenance.counting import OriginIndex

    sources = [source("report.txt", texts.ORIGIN), source("mail-1/report.txt", texts.ORIGIN)]
    sources.append(source("mail-2/report.txt", texts.ORIGIN))
    index = OriginIndex(analyse_provenance(sources))
    start = texts.ORIGIN.index(".") + 2
    documents, independence = index.claim([Span("report.txt", start, start + 40)])
    assert documents == ("mail-1/report.txt", "mail-2/report.txt", "report.txt")
    assert independence.documents == 3 and len(independence.origins) == 1


def test_aligned_passages_point_at_corresponding_text_on_both_sides() -> None:
    report = analyse_provenance(port_corpus())
    rewrite = next(pair for pair in report.pairs if pair.derived == "paraphrase.txt")
    assert rewrite.coverage >= 0.8
    by_start = {p.left_start: p for p in rewrite.aligned}
    minister = texts.PARAPHRASE.index("Transport minister Ilse Vandermeer")
    passage = by_start[minister]
    assert texts.PARAPHRASE[passage.left_start : passage.left_end].startswith("Transport minister")
    assert "Ilse Vandermeer called both sides" in texts.ORIGIN[passage.right_start : passage.right_end]


def test_the_seed_rewrite_002_of_003_is_found_with_its_citations(seeds_report) -> None:
    report, by_prefix = seeds_report
    pair = next(p for p in report.pairs if p.derived == by_prefix["002"].doc_id)
    assert pair.origin == by_prefix["003"].doc_id and pair.kind == "rewrite"
    assert "cites Axios 4 times" in pair.reasons
    derived_text, origin_text = by_prefix["002"].text, by_prefix["003"].text
    wiles = next(p for p in pair.aligned if "Susie Wiles" in derived_text[p.left_start : p.left_end])
    assert "Susie Wiles" in origin_text[wiles.right_start : wiles.right_end]


def test_seed_reports_of_their_own_are_not_called_rewrites(seeds_report) -> None:
    report, by_prefix = seeds_report
    own = {by_prefix[prefix].doc_id for prefix in ("000", "003", "004")}
    assert not [p for p in report.pairs if p.derived in own and p.origin in own]


# -- origins -----------------------------------------------------------------------------------


def test_origins_follow_rewrites_and_citations(seeds_report) -> None:
    report, by_prefix = seeds_report
    origins = {prefix: [o.label for o in report.document(s.doc_id).origins] for prefix, s in by_prefix.items()}
    assert origins["000"] == ["Financial Times"]
    assert origins["001"] == ["The Wall Street Journal"]
    assert origins["002"] == origins["003"] == ["Axios"]
    assert report.document(by_prefix["001"].doc_id).relayed_outlets == ("The Wall Street Journal",)


def test_the_shared_guidance_event_is_two_documents_and_one_origin(seeds_report) -> None:
    report, by_prefix = seeds_report
    passages = []
    for prefix, phrase in (
        ("002", "the White House is drafting executive guidance"),
        ("003", "The White House is developing guidance"),
    ):
        text = by_prefix[prefix].text
        start = text.index(phrase)
        passages.append(Span(by_prefix[prefix].doc_id, start, start + len(phrase)))
    assert independence_of_passages(report, passages).summary == "2 documents · 1 origin: Axios"


def test_a_passage_citing_another_outlet_comes_from_that_outlet(seeds_report) -> None:
    report, by_prefix = seeds_report
    text = by_prefix["002"].text
    start = text.index("Trump stated in a CNBC interview")
    assert [o.label for o in passage_origins(report, by_prefix["002"].doc_id, start, start + 30)] == ["CNBC"]


def test_independent_reports_stay_independent() -> None:
    report = analyse_provenance(port_corpus())
    independence = report.independence(["origin.txt", "paraphrase.txt", "republished.txt", "independent.txt"])
    assert independence.summary == "4 documents · 2 origins: Associated Press, Reuters"
    assert report.shared_origins("paraphrase.txt", "republished.txt")[0].label == "Reuters"
    assert report.shared_origins("independent.txt", "origin.txt") == ()


def test_the_report_round_trips_as_json() -> None:
    report = analyse_provenance(port_corpus())
    assert type(report).model_validate_json(report.model_dump_json()) == report


def test_independent_reports_quoting_the_same_statements_are_not_a_rewrite() -> None:
    """Two reporters at one press conference: same names, numbers and two identical quotes, but each
    tells the rest in its own words and neither cites the other — not a rewrite, however alike."""
    independent = texts.INDEPENDENT.replace(
        "Minister Ilse Vandermeer is due to meet both sides on Thursday.",
        'Minister Ilse Vandermeer is due to meet both sides on Thursday. "Nobody wins if the port stays shut'
        ' for a week," she said in a statement.',
    ).replace(
        "said members would picket the gates in shifts through the week.",
        'said members would picket the gates in shifts. "We were told the robots are coming and we should be'
        ' grateful for a pension," she said.',
    )
    report = analyse_provenance([source("o.txt", texts.ORIGIN, "Reuters"), source("i.txt", independent, "AP")])
    assert report.pairs == ()


def test_a_paraphrase_without_a_citation_is_still_a_rewrite() -> None:
    """With every "according to Reuters" taken out, the paraphrase still retells the story passage by
    passage with its quotes: a rewrite (its direction then unknown)."""
    uncited = (
        texts.PARAPHRASE.replace(", according to Reuters,", ",")
        .replace("According to Reuters, the", "The")
        .replace(", Reuters reported", "")
    )
    assert "Reuters" not in uncited
    report = analyse_provenance([source("o.txt", texts.ORIGIN, "Reuters"), source("p.txt", uncited, "Ledger")])
    assert [pair.kind for pair in report.pairs] == ["rewrite"]
