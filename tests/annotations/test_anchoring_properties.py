"""Property: whatever random edits do to a document, re-anchoring never points confidently at the wrong text.

Every character of the edited text remembers which original character it is (or that it is new), so
the truth is exact: an ``anchored``/``moved`` result must cover mostly the annotated passage's own
characters. ``needs-review`` and ``orphaned`` are always allowed — they are honest. One case is not a wrong
anchor though the characters are new: the same words typed again exactly where the passage stood,
next to its surviving neighbour (delete "but also", insert "also"). No comparison of two texts can
tell that from the passage surviving, so it counts as the passage.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import TextPosition, quote_for_span

from .conftest import SEEDS

TEXT = (SEEDS / "001_c0973cc29b59132c.txt").read_text(encoding="utf-8")
WORDS = [m.span() for m in re.finditer(r"\S+", TEXT)]
VOCABULARY = sorted(set(TEXT.split()))[:400] + ["the", "Anthropic", "Mythos", "White", "House", "."]


class TrackedText:
    """A text plus, per character, its index in the original text (-1 for inserted characters)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.origin = list(range(len(text)))

    def replace(self, start: int, end: int, insert: str) -> None:
        self.text = self.text[:start] + insert + self.text[end:]
        self.origin[start:end] = [-1] * len(insert)

    def move_line(self, source: int, target: int) -> None:
        bounds = [m.span() for m in re.finditer(r"[^\n]*\n", self.text)]
        if len(bounds) < 2:
            return
        start, end = bounds[source % len(bounds)]
        block_text, block_origin = self.text[start:end], self.origin[start:end]
        rest_text, rest_origin = self.text[:start] + self.text[end:], self.origin[:start] + self.origin[end:]
        cuts = [0] + [m.end() for m in re.finditer(r"\n", rest_text)]
        at = cuts[target % len(cuts)]
        self.text = rest_text[:at] + block_text + rest_text[at:]
        self.origin = rest_origin[:at] + block_origin + rest_origin[at:]


edit = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 300)),
    st.tuples(
        st.just("replace"),
        st.floats(0, 1),
        st.integers(1, 40),
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4),
    ),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50)),
)


def _retyped_in_place(doc: TrackedText, start: int, end: int, found_start: int, found_end: int) -> bool:
    """True when ``doc.text[found_start:found_end]`` is the annotated text typed again beside a
    surviving neighbour: the nearest original character after it (or before it), whitespace
    skipped on both sides, is the original one after (or before) the passage."""
    if doc.text[found_start:found_end] != TEXT[start:end]:
        return False
    after = next((i for i in range(found_end, len(doc.text)) if not doc.text[i].isspace()), None)
    before = next((i for i in range(found_start - 1, -1, -1) if not doc.text[i].isspace()), None)
    next_original = next((i for i in range(end, len(TEXT)) if not TEXT[i].isspace()), None)
    previous_original = next((i for i in range(start - 1, -1, -1) if not TEXT[i].isspace()), None)
    return (after is not None and next_original is not None and doc.origin[after] == next_original) or (
        before is not None and previous_original is not None and doc.origin[before] == previous_original
    )


def _apply(doc: TrackedText, operation) -> None:
    kind = operation[0]
    at = int(operation[1] * len(doc.text)) if kind != "move" else 0
    if kind == "insert":
        doc.replace(at, at, " " + " ".join(operation[2]) + " ")
    elif kind == "delete":
        doc.replace(at, min(len(doc.text), at + operation[2]), "")
    elif kind == "replace":
        doc.replace(at, min(len(doc.text), at + operation[2]), " ".join(operation[3]))
    else:
        doc.move_line(operation[1], operation[2])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first_word=st.integers(0, len(WORDS) - 1),
    length=st.integers(1, 40),
    edits=st.lists(edit, min_size=1, max_size=6),
    with_snapshot=st.booleans(),
)
# "but also" deleted with what came before it, then " also " typed back at the start: the same word
# beside its old right-hand neighbour (the case the helper above exists for).
@example(
    first_word=58,
    length=1,
    edits=[("insert", 0.0, ["(under"]), ("delete", 0.0, 89), ("delete", 0.0, 300), ("insert", 0.0, ["also"])],
    with_snapshot=True,
)
def test_random_edits_never_give_a_silently_wrong_anchor(first_word, length, edits, with_snapshot):
    last_word = min(len(WORDS) - 1, first_word + length - 1)
    start, end = WORDS[first_word][0], WORDS[last_word][1]
    quote, position = quote_for_span(TEXT, start, end), TextPosition(start=start, end=end)
    doc = TrackedText(TEXT)
    for operation in edits:
        _apply(doc, operation)
    result = reanchor(quote, position, doc.text, snapshot=TEXT if with_snapshot else None)
    if result.status in ("anchored", "moved"):
        found = doc.origin[result.start : result.end]
        own = sum(1 for origin in found if start <= origin < end)
        assert own >= 0.5 * len(found) or _retyped_in_place(doc, start, end, result.start, result.end), (
            f"{result.status} onto {doc.text[result.start : result.end]!r}, annotated {quote.exact!r}"
        )


@settings(max_examples=100, deadline=None)
@given(first_word=st.integers(0, len(WORDS) - 1), length=st.integers(1, 40))
def test_an_unedited_text_always_anchors_in_place(first_word, length):
    last_word = min(len(WORDS) - 1, first_word + length - 1)
    start, end = WORDS[first_word][0], WORDS[last_word][1]
    result = reanchor(quote_for_span(TEXT, start, end), TextPosition(start=start, end=end), TEXT, snapshot=TEXT)
    assert (result.status, result.start, result.end) == ("anchored", start, end)


def test_a_word_typed_again_elsewhere_is_not_the_passage() -> None:
    """The re-typing allowance is narrow: the same word far from the passage's neighbours is new text."""
    start, end = WORDS[58]
    doc = TrackedText(TEXT)
    doc.replace(0, 0, TEXT[start:end] + " ")
    assert not _retyped_in_place(doc, start, end, 0, end - start)
