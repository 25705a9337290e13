"""Annotations follow copies: a passage tagged in a wire story is offered on the same passage of its
copy (found by the re-anchoring ladder) and of its paraphrase (the aligned passage), on real files
in ``tmp_path``; accepting annotates, dismissing is remembered, nothing happens silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.provenance.offer_store import OffersFileError
from caseview.workspace import Workspace
from tests.provenance import texts

QUOTE = "union secretary Marta Oyelaran told reporters at the gate"


def write(root: Path, name: str, text: str, outlet: str) -> None:
    (root / name).write_text(text, encoding="utf-8")
    (root / f"{name}.meta.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "port"
    root.mkdir()
    write(root, "origin.txt", texts.ORIGIN, "Reuters")
    write(root, "republished.txt", texts.REPUBLISHED, "Harbour Weekly")
    write(root, "paraphrase.txt", texts.PARAPHRASE, "Coastal Ledger")
    write(root, "independent.txt", texts.INDEPENDENT, "Associated Press")
    return root


def test_a_tagged_passage_is_offered_on_its_copy_and_its_rewrite_only(corpus: Path) -> None:
    """The copy gets the very words (re-anchored); the paraphrase the sentence that says the same; the
    independent report nothing. Nothing is annotated until the analyst accepts."""
    workspace = Workspace(corpus)
    workspace.refresh()
    workspace.annotate_quote("origin.txt", QUOTE, tags=("union",), note="who speaks for the strikers")
    offers = {offer.target_doc: offer for offer in workspace.annotation_offers()}
    assert set(offers) == {"republished.txt", "paraphrase.txt"}
    copy, rewrite = offers["republished.txt"], offers["paraphrase.txt"]
    assert copy.method == "copy" and texts.REPUBLISHED[copy.start : copy.end] == QUOTE == copy.exact
    assert rewrite.method == "aligned"
    assert texts.PARAPHRASE[rewrite.start : rewrite.end] == rewrite.exact
    assert "Union secretary Marta Oyelaran said" in rewrite.exact and "Tomas Brecht" not in rewrite.exact
    assert (copy.tags, copy.note) == (("union",), "who speaks for the strikers")
    assert [a.doc_id for a in workspace.annotations()] == ["origin.txt"], "offers are not annotations"
    workspace.close()


def test_accepting_annotates_the_other_document_and_dismissing_is_remembered(corpus: Path) -> None:
    """Accept: an annotation with the same tags and note on the offered span, and the offer is gone.
    Dismiss: recorded in caseview-offers.json, not offered again, in this session or the next."""
    workspace = Workspace(corpus)
    workspace.refresh()
    workspace.annotate_quote("origin.txt", QUOTE, tags=("union",))
    offers = {offer.target_doc: offer for offer in workspace.annotation_offers()}
    made = workspace.accept_offer(offers["paraphrase.txt"])
    assert made.doc_id == "paraphrase.txt" and made.tags == ("union",)
    assert texts.PARAPHRASE[made.position.start : made.position.end] == offers["paraphrase.txt"].exact
    workspace.dismiss_offer(offers["republished.txt"])
    assert workspace.annotation_offers() == []
    workspace.close()
    stored = json.loads((corpus / "caseview-offers.json").read_text(encoding="utf-8"))
    assert stored["dismissed"] == [offers["republished.txt"].key]
    again = Workspace(corpus)
    again.refresh()
    assert again.annotation_offers() == []
    again.close()


def test_an_accepted_offer_is_undone_like_any_annotation(corpus: Path) -> None:
    """ctrl+z after accepting removes the new annotation, and the passage is offered again."""
    workspace = Workspace(corpus)
    workspace.refresh()
    workspace.annotate_quote("origin.txt", QUOTE, tags=("union",))
    offer = next(o for o in workspace.annotation_offers() if o.target_doc == "paraphrase.txt")
    workspace.accept_offer(offer)
    assert workspace.undo() is not None
    assert [a.doc_id for a in workspace.annotations()] == ["origin.txt"]
    assert offer.key in {o.key for o in workspace.annotation_offers()}
    workspace.close()


def test_an_unreadable_offers_file_is_kept_and_reported(corpus: Path) -> None:
    """A broken caseview-offers.json is never overwritten: listing offers says which file and why."""
    (corpus / "caseview-offers.json").write_text("{not json", encoding="utf-8")
    workspace = Workspace(corpus)
    workspace.refresh()
    workspace.annotate_quote("origin.txt", QUOTE, tags=("union",))
    with pytest.raises(OffersFileError, match=r"caseview-offers\.json"):
        workspace.annotation_offers()
    assert (corpus / "caseview-offers.json").read_text(encoding="utf-8") == "{not json"
    workspace.close()
