"""A tiny stand-in for the State of the Union corpus: three dated speeches of a few paragraphs."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.corpora import Speech

TINY_SPEECHES = [
    Speech(
        "1862-Lincoln-1",
        date(1862, 12, 1),
        "Abraham Lincoln",
        "https://example.org/1862",
        "Fellow-Citizens of the Senate and House of Representatives:\n\n"
        "The government of the United States must end slavery.\n\n"
        "Foreign trade and tax reform are before you.",
    ),
    Speech(
        "1941-Roosevelt-1",
        date(1941, 1, 6),
        "Franklin D. Roosevelt",
        "https://example.org/1941",
        "We face a war. The government will defend the United States.\n\n\n"
        "Congress must act on health care and the economy.\n\n"
        "Our constitution endures.",
    ),
    Speech(
        "2002-Bush-1",
        date(2002, 1, 29),
        "George W. Bush",
        "https://example.org/2002",
        "Terrorism threatens us. We will win the war on terror.\n\n"
        "A recession tested the economy; government spending rose.",
    ),
]


@pytest.fixture
def tiny_speeches() -> list[Speech]:
    return list(TINY_SPEECHES)
