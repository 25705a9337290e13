"""Offsets ↔ reader positions, and the literal display copy of a document's text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets.text_area import Document

from caseview.tui.text_layout import LineIndex, break_long_lines, display_text


def test_location_and_offset_convert_both_ways() -> None:
    lines = LineIndex("ab\ncde\n\nf")
    assert lines.location(0) == (0, 0)
    assert lines.location(3) == (1, 0)
    assert lines.location(5) == (1, 2)
    assert lines.location(7) == (2, 0)
    assert lines.location(8) == (3, 0)
    assert lines.offset(1, 2) == 5
    assert lines.offset(3, 1) == 9


def test_a_span_across_lines_splits_into_one_part_per_line() -> None:
    lines = LineIndex("ab\ncde\nfg")
    assert list(lines.split(1, 8)) == [(0, 1, 2), (1, 0, 3), (2, 0, 1)]


def test_a_span_ending_at_a_newline_stays_on_its_line() -> None:
    assert list(LineIndex("ab\ncd").split(0, 3)) == [(0, 0, 2)]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_display_text_keeps_length_and_newlines(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert [i for i, c in enumerate(shown) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_the_reader_widget_sees_the_same_lines_as_our_line_index(text: str) -> None:
    shown = display_text(text)
    lines = LineIndex(shown)
    document = Document(shown)
    assert document.line_count == lines.line_count
    for row, start in enumerate(lines.starts):
        end = lines.starts[row + 1] - 1 if row + 1 < lines.line_count else len(shown)
        assert document.get_line(row) == shown[start:end]


def test_escape_codes_become_visible_stand_ins() -> None:
    assert display_text("\x1b[31mred\x07") == "␛[31mred␇"


@given(st.text(alphabet="ab\n", max_size=60), st.data())
def test_offsets_round_trip(text: str, data: st.DataObject) -> None:
    lines = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    assert lines.offset(*lines.location(offset)) == offset


def test_long_lines_are_broken_at_spaces_keeping_every_offset() -> None:
    text = " ".join(f"word{i}" for i in range(5_000))  # one line of about 34,000 characters
    shown = break_long_lines(text, longest=10_000, piece=5_000)
    assert len(shown) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, shown, strict=True))
    assert max(len(line) for line in shown.split("\n")) <= 5_000


def test_ordinary_lines_are_left_alone() -> None:
    text = "a " * 3_000 + "\nshort line"
    assert break_long_lines(text, longest=10_000) == text
