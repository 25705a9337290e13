"""Issue 13, bug 3: "moved" means the same words elsewhere; a reworded quote goes to review, candidate its size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.annotations.anchoring import CANDIDATE_GROWTH, reanchor
from caseview.annotations.model import TextPosition, quote_for_span
from caseview.cli import main

DOC = "001_c0973cc29b59132c.txt"
SENTENCE = "the Trump administration has explicitly opposed expanding the scope of Anthropic’s AI model Mythos"


def _check(capsys: pytest.CaptureFixture[str], corpus: Path) -> tuple[dict[str, list[dict[str, object]]], str]:
    main(["check", str(corpus), "--json"])
    report = json.loads(capsys.readouterr().out)
    main(["check", str(corpus)])
    return report, capsys.readouterr().out


def test_a_reworded_quote_is_reported_for_review_not_as_moved(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`caseview check` lists "explicitly opposed expanding" → "openly opposed widening" under REVIEW, never MOVED."""
    assert main(["tag", str(seed_corpus), DOC, "--quote", SENTENCE, "--tag", "stance"]) == 0
    capsys.readouterr()
    document = seed_corpus / DOC
    document.write_text(
        "A new first line.\n" + document.read_text().replace("explicitly opposed expanding", "openly opposed widening")
    )
    report, text = _check(capsys, seed_corpus)
    assert report["moved"] == []
    (review,) = report["review"]
    assert review["status"] == "needs-review"
    offered = document.read_text()[int(str(review["start"])) : int(str(review["end"]))]
    assert offered == SENTENCE.replace("explicitly opposed expanding", "openly opposed widening")
    assert "MOVED" not in text and "0 moved, 1 to review" in text
    assert "'explicitly' → 'openly'" in text, text


def test_the_same_words_shifted_by_an_edit_elsewhere_are_still_moved(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other side of the rule: unchanged words at a new place are MOVED, not sent to review."""
    assert main(["tag", str(seed_corpus), DOC, "--quote", SENTENCE, "--tag", "stance"]) == 0
    capsys.readouterr()
    document = seed_corpus / DOC
    document.write_text("A new first line.\n" + document.read_text())
    report, text = _check(capsys, seed_corpus)
    assert len(report["moved"]) == 1 and report["review"] == []
    assert "MOVED" in text


def _passage_case(inserted: str) -> tuple[str, str, TextPosition]:
    quote = (
        "The agency said on Tuesday that it had reviewed the contract in full and found no breach of the rules "
        "governing access to the model by outside staff."
    )
    assert len(quote) == 149
    old = f"Opening words of the report. {quote} Closing words follow here, and more of them.\n"
    start = old.index(quote)
    middle = start + quote.index(" and found")
    new = old[:middle] + " " + inserted + old[middle:]
    return old, new, TextPosition(start=start, end=start + len(quote))


@pytest.mark.parametrize("with_snapshot", [True, False], ids=["snapshot", "no snapshot"])
def test_a_review_candidate_is_about_the_quotes_length(with_snapshot: bool) -> None:
    """A 149-character quote with a long sentence written into it is offered a stretch its size, not both sentences."""
    inserted = (
        "Officials who spoke on condition of anonymity described a long and difficult process with many "
        "meetings, several drafts and a final review by the general counsel,"
    )
    old, new, position = _passage_case(inserted)
    quote = quote_for_span(old, position.start, position.end)
    result = reanchor(quote, position, new, snapshot=old if with_snapshot else None)
    assert result.status == "needs-review"
    assert result.start is not None and result.end is not None
    length = position.end - position.start
    assert result.end - result.start <= CANDIDATE_GROWTH * length
    if with_snapshot:  # the diff knows where the passage began
        assert new[result.start : result.start + 20] == old[position.start : position.start + 20]
    else:  # probes find either half; each is a stretch of the quote's own words
        assert old[position.start : position.end].count(new[result.start + 1 : result.start + 40].strip()) == 1 or (
            new[result.end - 40 : result.end] in old[position.start : position.end]
        )


def test_close_candidates_are_offered_together() -> None:
    """Two edited copies that resemble the quote equally: the best is offered, and the other beside it."""
    quote_text = "The ministry confirmed that the new export licence was approved after a short review."
    old = f"Intro sentence here. {quote_text} Some other text follows.\n"
    position = TextPosition(start=old.index(quote_text), end=old.index(quote_text) + len(quote_text))
    first = quote_text.replace("confirmed", "said")
    second = quote_text.replace("short", "brief")
    new = f"A different intro. {first} Filler words in between them all. {second} The end.\n"
    result = reanchor(quote_for_span(old, position.start, position.end), position, new)
    assert result.status == "needs-review"
    offered = {(result.start, result.end), *((other.start, other.end) for other in result.alternatives)}
    assert {new[start:end] for start, end in offered} >= {first, second}
    assert "also close" in result.reason
    for other in result.alternatives:  # each offered with its own text, score and why
        assert other.exact == new[other.start : other.end]
        assert 0 < other.score <= 1 and "alike" in other.why


def test_an_exact_copy_beside_the_passage_is_offered_as_a_candidate() -> None:
    """The passage now occurs twice in a row: it needs review, and both places are offered."""
    quote_text = "The ministry confirmed that the new export licence was approved after a short review."
    old = f"Intro sentence here. {quote_text} Some other text follows.\n"
    position = TextPosition(start=old.index(quote_text), end=old.index(quote_text) + len(quote_text))
    new = old.replace(quote_text, f"{quote_text} {quote_text}")
    second = new.index(quote_text) + len(quote_text) + 1
    for snapshot in (old, None):
        result = reanchor(quote_for_span(old, position.start, position.end), position, new, snapshot=snapshot)
        assert result.status == "needs-review"
        starts = {result.start, *(other.start for other in result.alternatives)}
        assert starts == {position.start, second}, snapshot is not None
        assert all(other.exact == quote_text for other in result.alternatives)
