"""A corpus with a case file of two passages and a note, made through the workspace (as the analyst would)."""

from __future__ import annotations

import json
from pathlib import Path

from caseview.workspace import Workspace

AXIOS = "004_8f20206c802690a7.txt"
FT = "000_465b9804960b177b.txt"
AUTHORISED = "over 100 US companies"
OPPOSED = "Several agencies have been in discussions with Anthropic"


def build_case(root: Path) -> None:
    """#1 and #2 passages in 'Evidence', #3 a note in 'Open questions'."""
    workspace = Workspace(root)
    workspace.refresh()
    case = workspace.case()
    case.add_passage(AXIOS, quote=AUTHORISED, section="Evidence")
    case.add_passage(FT, quote=OPPOSED, section="Evidence")
    case.add_note("Who authorised the 100 organisations?", section="Open questions")
    workspace.close()


def case_json(root: Path) -> dict:
    return json.loads((root / "case.json").read_text(encoding="utf-8"))


def items_in_order(root: Path) -> list[str]:
    """The case's item labels (passage quotes, note texts) in section and item order."""
    data = case_json(root)
    sections = {s["id"]: s["order"] for s in data["sections"]}
    items = sorted(data["items"], key=lambda i: (sections[i["section"]], i["order"]))
    return [i["citation"]["exact"] if i["kind"] == "passage" else i.get("text", i["kind"]) for i in items]
