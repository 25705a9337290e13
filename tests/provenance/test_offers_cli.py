"""``caseview sources --offers``: the annotations offered on copies and rewrites, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.workspace import Workspace

AXIOS = "003_dcac92be05b45050.txt"
REWRITE = "002_029d7ec1a1d3b899.txt"


def test_offers_are_listed_with_their_offsets_and_none_is_exit_1(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No annotation: nothing to offer (exit 1). A tag on Axios's sentence: offered on 002's retelling,
    whose offsets slice the text the JSON shows; listing changes nothing."""
    assert main(["sources", str(prepared_seed_corpus), "--offers"]) == 1
    assert "no annotation to offer" in capsys.readouterr().out
    workspace = Workspace(prepared_seed_corpus)
    workspace.refresh()
    workspace.annotate_quote(AXIOS, "The White House is developing guidance", tags=("guidance",))
    workspace.close()
    assert main(["sources", str(prepared_seed_corpus), "--offers"]) == 0
    out = capsys.readouterr().out
    assert f"#guidance “The White House is developing guidance” {AXIOS} → {REWRITE}" in out
    assert main(["sources", str(prepared_seed_corpus), "--offers", "--json"]) == 0
    (offer,) = json.loads(capsys.readouterr().out)
    text = (prepared_seed_corpus / REWRITE).read_text(encoding="utf-8")
    assert text[offer["start"] : offer["end"]] == offer["exact"] and "drafting executive guidance" in offer["exact"]
    assert [a.doc_id for a in Workspace(prepared_seed_corpus).annotations()] == [AXIOS]
