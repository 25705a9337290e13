"""A corpus whose every name and field tries to act on the terminal: file names, titles, outlets, authors,
tags, notes, entity names, e-mail headers, case headers and sections carry escape sequences and control
characters (OSC title changes, SGR colours, BEL, backspace, C1 controls, carriage returns).
"""

from __future__ import annotations

import json
import re
from email.message import EmailMessage
from pathlib import Path

from caseview.workspace import Workspace

#: Any character that acts on a terminal: C0 controls but newline and tab, DEL, C1 controls.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

OSC_TITLE = "\x1b]0;PWNED\x07"
RED = "\x1b[31mREDTEXT"
ARTICLE = f"{OSC_TITLE}report\x08\x9b.txt"
NEWLINE_NAME = "two\nlines\tand\rtab.txt"
MAIL = "leak\x1b[2J.eml"
ENTITY_NAME = "Scott Bessent"


def build_hostile_corpus(root: Path) -> Path:
    """Write the hostile documents, sidecars, annotations and a case into ``root`` (created); return it."""
    root.mkdir(parents=True)
    body = (
        "Headline of the hostile article\n\n"
        f"{ENTITY_NAME} met the board in Washington on Monday. The board said the Mythos model stays closed.\n\n"
        "A second paragraph with a quote about supply chain risk and the Pentagon.\n\n"
        "Officials named \x1b]0;X\x07Ivan\x1b[31m Petrov\x9b said on Monday that Mythos was ready.\n"
    )
    (root / ARTICLE).write_text(body, "utf-8")
    (root / f"{ARTICLE}.meta.json").write_text(
        json.dumps(
            {
                "title": f"Title {OSC_TITLE}with\x1b]2;TITLE2\x1b\\ an OSC\x07 and \x1b[5mblink",
                "outlet": RED,
                "date": "2026-04-16",
                "author": "Ann\x1b[1mBold\x1b[0m Author\r",
                "url": "https://example.org/\x1b[31mx",
            }
        ),
        "utf-8",
    )
    (root / NEWLINE_NAME).write_text(
        "Plain title\n\nThe Pentagon and Mythos again, with supply chain words.\n", "utf-8"
    )
    message = EmailMessage()
    message["Subject"] = f"Subject {OSC_TITLE}\x1b[32mGREEN"
    message["From"] = f"Evil {RED} <evil@example.org>"
    message["To"] = "desk@example.org"
    message["Date"] = "Tue, 05 Mar 2024 09:30:00 +0000"
    message.set_content("The mail says Mythos and the Pentagon talked about supply chain risk.\n")
    (root / MAIL).write_bytes(message.as_bytes())
    workspace = Workspace.open(root)
    try:
        # caseview refuses control characters in the tags it is given; another tool's sidecar may hold them.
        workspace.annotate_quote(ARTICLE, "Mythos model", tags=["TAG-ONE", "TAG-TWO"], note="NOTE-ONE")
        workspace.annotate_quote(NEWLINE_NAME, "Pentagon", tags=["TAG-THREE"], note="NOTE-TWO")
        case = workspace.case()
        case.set_header(
            title=f"Case {OSC_TITLE}title", summary=f"Summary {RED}", questions=[f"Question \x1b[7m{OSC_TITLE}?"]
        )
        case.add_passage(ARTICLE, quote="supply chain risk", note=f"item note {RED}", section=f"Section {OSC_TITLE}")
        case.add_note(f"free note {OSC_TITLE}\x1b[31m")
    finally:
        workspace.close()
    hostile = {
        # A tag with a control character makes the whole file unreadable (named once, copied aside):
        # only the other fields can carry escapes into a loaded annotation.
        "TAG-ONE": "tag one",
        "TAG-TWO": "ok",
        "NOTE-ONE": f"note {OSC_TITLE}\x1b[41mBG\x85next",
        "TAG-THREE": "line\nbreak",
        "NOTE-TWO": "plain\rnote",
    }
    for sidecar in root.glob("*.annotations.json"):
        data = json.loads(sidecar.read_text("utf-8"))
        sidecar.write_text(json.dumps(_replaced(data, hostile)), "utf-8")
    return root


def _replaced(value: object, table: dict[str, str]) -> object:
    if isinstance(value, str):
        return table.get(value, value)
    if isinstance(value, list):
        return [_replaced(item, table) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, table) for key, item in value.items()}
    return value


def raw_controls(text: str) -> list[str]:
    """The raw control characters in ``text``, each with a little context, for a readable failure."""
    return [repr(text[max(0, m.start() - 15) : m.end() + 15]) for m in RAW_CONTROL.finditer(text)]
