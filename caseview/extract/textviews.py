"""A text seen the ways the whole-text passes of the extractor search it in C: in lower case, and as
bytes of its ASCII letters (one byte per character, so offsets are the text's).

Times and events ask for the same text's views one after the other, so the last two are kept (no
more: the views of a long text are several copies of it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
#: bytes.translate table: ASCII letters kept, every other byte a space.
_ASCII_LETTERS_ONLY = bytes(c if chr(c) in _ASCII_LETTERS else 32 for c in range(256))
#: bytes.translate table: a lower-case ASCII letter becomes "a", a capital "A", every other byte a space.
_LETTER_CASES = bytes(
    ord("a") if chr(c) in _LOWER_LETTERS else ord("A") if chr(c) in _ASCII_LETTERS else 32 for c in range(256)
)
#: The only characters outside ASCII that a case-blind pattern takes for an ASCII letter ("İ" and "ı" for
#: "i", "ſ" for "s", the Kelvin sign for "k").
_FOLDING_TO_ASCII = "İıſ\u212a"
#: The only characters outside ASCII whose lower case holds an ASCII letter are "İ" (to "i̇", longer)
#: and the Kelvin sign (to "k").
_KELVIN = "\u212a"


class TextLetters(NamedTuple):
    """A text's ASCII letters as bytes, one byte per character, so offsets are the text's."""

    #: the text in ASCII, every other character a "?"
    encoded: bytes
    #: its ASCII letters, every other character a space, with a space added at either end
    padded: bytes
    #: each lower-case ASCII letter an "a", each capital an "A", every other character a space
    cases: bytes


def text_letters(text: str) -> TextLetters:
    """The byte views of ``text`` the whole-text passes search in C instead of reading per word."""
    encoded = text.encode("ascii", "replace")
    return TextLetters(encoded, b" " + encoded.translate(_ASCII_LETTERS_ONLY) + b" ", encoded.translate(_LETTER_CASES))


def lowered_runs(letters: TextLetters) -> frozenset[bytes]:
    """The maximal runs of ASCII letters of a text, in lower case."""
    return frozenset(letters.padded.lower().split())


def lower_case_keeps_letters(text: str, lowered: str) -> bool:
    """Are the ASCII letter runs of ``lowered`` (``text`` in lower case) those of ``text``, lower-cased,
    at the same offsets? Not where a non-ASCII character lowers to an ASCII letter."""
    return len(lowered) == len(text) and (text.isascii() or _KELVIN not in text)


class TextViews(NamedTuple):
    """A text in lower case, its letters as bytes and its letter runs in lower case."""

    lowered: str
    letters: TextLetters
    #: the maximal runs of ASCII letters, in lower case, in order (a caller intersects the few words
    #: it asks about with them: cheaper than a set of every run)
    runs: list[bytes]
    #: are ``runs`` exactly the letter runs of ``lowered`` (see :func:`lower_case_keeps_letters`)?
    runs_exact: bool
    #: does a case-blind pattern match ASCII letters here only as ASCII letters? Then a case-blind
    #: search for a word can first ask whether the lower-cased text holds it.
    folds_plainly: bool


@lru_cache(maxsize=2)
def text_views(text: str) -> TextViews:
    """The views of ``text`` (kept for the last two texts: its times and its events both ask)."""
    lowered = text.lower()
    letters = text_letters(text)
    plain = text.isascii() or not any(character in text for character in _FOLDING_TO_ASCII)
    return TextViews(lowered, letters, letters.padded.lower().split(), lower_case_keeps_letters(text, lowered), plain)
