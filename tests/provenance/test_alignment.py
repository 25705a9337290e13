"""Passage alignment of the seeds' translated rewrite (002 of Axios's 003), checked against a hand-made key.

Each of 002's alignable paragraphs is listed with the sentences of 003 that say the same thing (read
by a person, not computed); an aligned pair is right when the slice of 003 it points at holds one of
them and nothing far beyond (at most one passage that is not in the key).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus
from caseview.provenance import source_texts
from caseview.provenance.alignment import align, passages

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

#: The opening words of a paragraph of 002 → openings of the passages of 003 that say the same.
KEY: dict[str, tuple[str, ...]] = {
    "Is Mythos too powerful": ("Scoop: White House workshops", "The White House is developing guidance"),
    "A dramatic turning point": ("Why it matters",),
    "According to Axios, the White House is drafting": ("The White House is developing guidance",),
    "Sources revealed that a preliminary draft": ("Behind the scenes", "- One source described"),
    "This shift is significant": ("Catch up quick", "- Agencies across the federal government"),
    "This move by the White House marks": ("Catch up quick", "Why it matters"),
    "According to Axios, the White House is convening": ("- The White House is convening",),
    "Earlier this month, White House Chief": ("- Earlier this month",),
    "The White House stated": ("What they're saying", '- "The collective effort'),
    "The crux of the controversy": ("- Anthropic refused to sign",),
    "The Pentagon viewed this stance": ("- The Pentagon said the dispute", "- The Pentagon is currently still"),
    "In contrast, OpenAI and Google": ("- OpenAI and Google",),
    "The key variable driving": ("Catch up quick",),
    "This capability has a dual nature": (
        "Catch up quick",
        "- Agencies across the federal government",
        "- Government agencies including",
    ),
    "It is this strategic value": ("Between the lines",),
    "Despite clear signals": ("- It's unclear if", "Yes, but"),
    "According to Axios, it is unclear": ("- It's unclear if", "Yes, but"),
    "Insiders warn that both sides": ("What to watch",),
}


@pytest.fixture(scope="module")
def rewrite() -> tuple[str, str]:
    by_prefix = {s.doc_id[:3]: s.text for s in source_texts(read_document(e)[0] for e in scan_corpus(SEEDS).files)}
    return by_prefix["002"], by_prefix["003"]


def test_the_key_covers_every_alignable_paragraph_of_the_rewrite(rewrite: tuple[str, str]) -> None:
    """The key is complete, so the measures below are over all of 002's passages."""
    derived, _ = rewrite
    openings = [derived[p.start : p.end] for p in passages(derived)]
    assert len(openings) == len(KEY)
    assert all(any(text.startswith(key) for key in KEY) for text in openings)


def test_most_of_the_rewrite_is_aligned_to_its_origin_and_the_pairs_are_right(rewrite: tuple[str, str]) -> None:
    """At least 80 % of 002's paragraphs are aligned to 003, and at most one aligned pair disagrees with the key."""
    derived, origin = rewrite
    aligned, coverage = align(derived, origin)
    assert coverage >= 0.8
    origin_passages = passages(origin)
    wrong = []
    for pair in aligned:
        left = derived[pair.left_start : pair.left_end]
        expected = next(value for key, value in KEY.items() if left.startswith(key))
        covered = [
            origin[p.start : p.end] for p in origin_passages if pair.right_start < p.end and p.start < pair.right_end
        ]
        assert origin[pair.right_start : pair.right_end].startswith(covered[0])
        right_ones = [text for text in covered if text.startswith(expected)]
        if not right_ones or len(covered) - len(right_ones) > 1:
            wrong.append((left[:40], [text[:30] for text in covered]))
    assert len(wrong) <= 1, wrong


def test_independent_seed_reports_align_little(rewrite: tuple[str, str]) -> None:
    """Reports of their own (the FT's 000, the commentary 004) are not passage-by-passage retellings of 003."""
    by_prefix = {s.doc_id[:3]: s.text for s in source_texts(read_document(e)[0] for e in scan_corpus(SEEDS).files)}
    for prefix in ("000", "004"):
        _, coverage = align(by_prefix[prefix], by_prefix["003"])
        assert coverage < 0.4, prefix
