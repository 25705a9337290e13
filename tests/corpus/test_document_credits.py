"""A document's author and outlet from its byline, wire dateline or copyright line, when no metadata gives them."""

import json
from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus


def _meta(root: Path, name: str, text: str, sidecar: dict | None = None):
    (root / name).write_text(text, "utf-8")
    if sidecar is not None:
        (root / f"{name}.meta.json").write_text(json.dumps(sidecar), "utf-8")
    entry = next(e for e in scan_corpus(root).files if e.doc_id == name)
    return read_document(entry)[0].meta


@pytest.mark.parametrize(
    ("byline", "author", "outlet"),
    [
        ("By Dana Whitlock, Valley Courier", "Dana Whitlock", "Valley Courier"),
        ("By Ana Ruiz, Tom Hale and Li Wei, The Daily Star", "Ana Ruiz, Tom Hale and Li Wei", "The Daily Star"),
        ("By Dana Whitlock, Staff Writer", "Dana Whitlock", None),
        ("By Ana Ruiz and Tom Hale", "Ana Ruiz and Tom Hale", None),
        ("By Reuters Staff", None, None),
        ("By working closely with our friends abroad, we can promote trade.", None, None),
    ],
)
def test_the_byline_names_the_author_and_the_outlet(tmp_path, byline, author, outlet):
    meta = _meta(tmp_path, "story.txt", f"Town told to stop drinking tap water\n\n{byline}\n\nResidents were told.\n")
    assert (meta.author, meta.outlet) == (author, outlet)
    assert meta.title == "Town told to stop drinking tap water"


def test_a_sidecar_author_and_outlet_win_over_the_byline(tmp_path):
    meta = _meta(
        tmp_path,
        "story.txt",
        "Headline\n\nBy Dana Whitlock, Valley Courier\n\nText.\n",
        {"author": "D. Whitlock", "outlet": "The Valley Courier"},
    )
    assert (meta.author, meta.outlet) == ("D. Whitlock", "The Valley Courier")


def test_a_by_line_deep_in_the_story_is_no_byline(tmp_path):
    body = "Headline\n\n" + "The council met and voted on the budget again.\n" * 60 + "By Ana Ruiz and Tom Hale\n"
    assert _meta(tmp_path, "story.txt", body).author is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Town warns residents\n\nBRACKWELL, Oregon (Northwest Wire) - Officials said.\n", "Northwest Wire"),
        (
            "Council orders tests\n\nThe council voted.\n\nSign up for our newsletter. © 2026 Valley Courier\n",
            "Valley Courier",
        ),
        (
            "Council orders tests\n\nThe council voted.\n\nCopyright 2026 Harbour Weekly. All rights reserved.\n",
            "Harbour Weekly",
        ),
        ("Council orders tests\n\nThe council voted.\n\nPhoto: © Jane Doe\n", None),
        (
            'Council orders tests\n\n"It was (Northwest Wire) - fine," he said. © is a sign.\n' + "More text.\n" * 80,
            None,
        ),
    ],
)
def test_a_wire_dateline_or_a_footers_copyright_names_the_outlet(tmp_path, text, outlet):
    assert _meta(tmp_path, "story.txt", text).outlet == outlet


def test_the_byline_outlet_comes_before_the_copyright_line(tmp_path):
    text = "Headline\n\nBy Dana Whitlock, Valley Courier\n\nText.\n\n© 2026 Courier Media Group\n"
    assert _meta(tmp_path, "story.txt", text).outlet == "Valley Courier"
