"""Trails: where n and N go."""

from __future__ import annotations

from caseview.tui.trail import Mark, Trail


def test_stepping_wraps_around_both_ends() -> None:
    trail = Trail("hit", "q", (Mark("a", 0, 1), Mark("a", 5, 6), Mark("b", 1, 2)))
    assert trail.step(1).position == 1
    assert trail.step(-1).position == 2
    assert trail.at(2).step(1).position == 0


def test_marks_in_lists_only_that_documents_marks() -> None:
    trail = Trail("mention", "X", (Mark("a", 0, 1), Mark("b", 5, 6), Mark("a", 9, 10)))
    assert trail.marks_in("a") == [Mark("a", 0, 1), Mark("a", 9, 10)]


def test_describe_says_where_the_reader_is() -> None:
    assert Trail("hit", "supply", (Mark("a", 0, 1), Mark("a", 2, 3)), 1).describe() == "hit 2 of 2 · supply"
