"""Document text is data: make it safe to show in a terminal (the terminal jail).

Control characters (ESC sequences, bells, backspaces…) would act on the terminal instead of being
read, so each becomes a visible stand-in of the same length (one code point), which keeps every
offset into the text valid. Newlines and tabs stay what they are.

Every string that did not come from caseview itself (file names, titles, outlets, authors, tags,
notes, entity names, e-mail headers, queries echoed back) goes through :func:`printable` or
:func:`one_line` before it reaches the terminal, in the app and on the command line; JSON printed
to the terminal goes through :func:`json_safe`. ``tests/hostile`` renders every CLI verb and every
pane of the app over a corpus of hostile names and fails on any raw control character.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␇ for BEL
    return "\ufffd" if code != 0x7F else "\u2421"


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab replaced by a visible one-character stand-in."""
    return _CONTROL.sub(_visible, text)


_LINE_BREAKS = str.maketrans({"\n": "\\n", "\t": "\\t", "\r": "\\r"})


def one_line(text: str) -> str:
    """``text`` safe for the terminal and on one line: newline, tab and CR written as ``\\n``, ``\\t``, ``\\r``.

    For names (document ids, titles, entity names) printed in a line or a table cell, where a line
    break would forge a line of output. Offsets do not survive this; use :func:`printable` for text
    that offsets point into.
    """
    return printable(text.translate(_LINE_BREAKS))


_JSON_UNESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def json_safe(json_text: str) -> str:
    """Serialised JSON with DEL and the C1 controls (which JSON allows raw inside strings) written as ``\\u00XX``.

    The same JSON value (a parser reads back the same strings), but nothing in it acts on a terminal
    (``\\x9b`` is a CSI to many terminals). Only valid for JSON text: raw control characters can only
    stand inside its strings, where the escape means the same character.
    """
    return _JSON_UNESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
