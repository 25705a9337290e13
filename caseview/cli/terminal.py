"""An export printed to standard output: data when it goes to a file or a pipe, jailed when it goes to a terminal.

``caseview export --format csv > memo.csv`` must hold the quotes exactly as the documents have them;
the same CSV shown on a terminal must not let an escape sequence in a quote act on it (as ``ls``
writes names raw to a pipe and escaped to a terminal). JSON is always written with its control
characters escaped: the same value either way.
"""

from __future__ import annotations

from caseview.kernel.textsafe import json_safe, printable


def terminal_safe_export(text: str, format: str, to_terminal: bool) -> str:
    """``text`` (an export in ``format``) as it should be written to standard output."""
    if format == "json":
        return json_safe(text)
    # CSV ends its rows with CR LF: on a terminal a plain line break shows the same, a lone CR is jailed.
    return printable(text.replace("\r\n", "\n")) if to_terminal else text
