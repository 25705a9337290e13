"""The diff that maps positions of the annotated text into the current one."""

from __future__ import annotations

from caseview.annotations.textdiff import DiffMap

from .conftest import SEEDS

TEXT = (SEEDS / "001_c0973cc29b59132c.txt").read_text(encoding="utf-8")


def test_an_untouched_span_maps_by_the_length_of_an_insertion_before_it():
    new = "NEW LINE\n" + TEXT
    assert DiffMap(TEXT, new).map_span(100, 120) == (109, 129)


def test_a_span_with_an_edit_inside_does_not_map_as_untouched():
    new = TEXT[:110] + "X" + TEXT[111:]
    diff = DiffMap(TEXT, new)
    assert diff.map_span(100, 120) is None
    assert diff.surviving_in(100, 120, 100, 120) == 19


def test_a_typo_fixed_inside_a_long_single_line_keeps_the_rest_of_the_line_mapped():
    assert max(len(line) for line in TEXT.split("\n")) > 5000  # the seed is one 6,000-character paragraph
    new = TEXT[:3000] + "typo" + TEXT[3004:]
    diff = DiffMap(TEXT, new)
    assert diff.map_span(3010, 3100) == (3010, 3100) and diff.map_span(2900, 2990) == (2900, 2990)


def test_positions_map_back_from_the_new_text():
    new = TEXT.replace("Anthropic", "Anthropic PBC", 1)
    diff = DiffMap(TEXT, new)
    start = TEXT.index("Mythos")
    mapped = diff.map_span(start, start + 6)
    assert mapped is not None and diff.map_span_back(*mapped) == (start, start + 6)


def test_text_inserted_in_the_new_version_maps_back_to_nothing():
    new = TEXT[:500] + " Entirely new words here. " + TEXT[500:]
    assert DiffMap(TEXT, new).map_span_back(505, 520) is None
