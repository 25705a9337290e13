"""The authors a byline names ("By Maren Okafor", "By Ana Ruiz and Tom Hale").

Byline lines are publisher furniture for titles and sentences (the corpus's boilerplate list skips
them), but the people they name wrote the document: an analyst weighing sources wants them among
the entities. Only names of two to four capitalised words count; a desk ("By Reuters Staff") or a
line that goes on as a sentence ("By working closely with our friends…") names no author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BYLINE_RE = re.compile(r"[ \t]*[Bb]y[ \t]+(?P<names>[^\n]{3,120}?)[ \t]*$", re.MULTILINE)
_SEPARATOR_RE = re.compile(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*")
_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
_PARTICLES = frozenset("de van von der da del la le bin al".split())
#: Words that make a byline a desk or a role rather than a person.
_NOT_A_PERSON = frozenset(
    "staff reporter reporters correspondent correspondents editor editors desk newsroom team board "
    "bureau agency wire writers contributors".split()
)


@dataclass(frozen=True, slots=True)
class BylineName:
    """Where one author's name stands in the text."""

    start: int
    end: int


def byline_names(text: str, boilerplate: list[tuple[int, int]]) -> list[BylineName]:
    """The authors named by byline lines among ``boilerplate`` (the skipped lines' spans)."""
    found: list[BylineName] = []
    for line_start, line_end in boilerplate:
        match = _BYLINE_RE.fullmatch(text, line_start, line_end)
        if match is None:
            continue
        names_start = match.start("names")
        names = match.group("names")
        position = 0
        parts: list[tuple[int, str]] = []
        for separator in _SEPARATOR_RE.finditer(names):
            parts.append((position, names[position : separator.start()]))
            position = separator.end()
        parts.append((position, names[position:]))
        if not all(_is_name(part) for _offset, part in parts):
            continue  # a sentence, a desk with a lower-case word, a date: not a list of names
        if any(word.lower().strip(".") in _NOT_A_PERSON for _offset, part in parts for word in part.split()):
            continue
        found.extend(BylineName(names_start + offset, names_start + offset + len(part)) for offset, part in parts)
    return found


def _is_name(part: str) -> bool:
    """Two to four words, each capitalised ("Tomás", "Okonjo-Blake", "Ł. Nowak") or a particle."""
    words = part.split()
    return (
        2 <= len(words) <= 4
        and words[0][0].isupper()
        and all(_WORD_RE.fullmatch(word) and (word[0].isupper() or word in _PARTICLES) for word in words)
    )
