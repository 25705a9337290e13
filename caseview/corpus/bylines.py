"""The authors a byline names ("By Maren Okafor", "By Ana Ruiz and Tom Hale, Valley Courier").

Byline lines are publisher furniture for titles and sentences, but the people they name wrote the
document: an analyst weighing sources wants them among the entities and in the memo's source list,
and the outlet a byline adds ("By Dana Whitlock, Valley Courier") says who published it. Only names
of two to four capitalised words count; a desk ("By Reuters Staff") or a line that goes on as a
sentence ("By working closely with our friends…") names no author. A role after a comma
("By Dana Whitlock, Staff Writer") is left out; the rest of the line still names its author.

Pure functions over the text: the corpus layer uses them for a document's author and outlet, the
entity extractor for the names' places in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: "By" (or "by", "BY") opening a line of the head.
_BYLINE_RE = re.compile(r"[ \t]*(?:[Bb]y|BY)[ \t]+(?P<names>[^\n]{3,160}?)[ \t]*$", re.MULTILINE)
_SEPARATOR_RE = re.compile(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]+[|·][ \t]+")
_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")
_PARTICLES = frozenset("de van von der da del la le bin al".split())
#: Words that make a byline a desk or a role rather than a person.
_NOT_A_PERSON = frozenset(
    "staff reporter reporters correspondent correspondents editor editors desk newsroom team board "
    "bureau agency wire writers writer contributor contributors columnist analyst producer".split()
)
#: The last word of an outlet's name ("Valley Courier", "The Daily Star", "Northwest Wire").
_OUTLET_WORDS = frozenset(
    "courier times post news herald journal tribune gazette wire press daily chronicle observer review "
    "monitor telegraph star sun guardian independent express mirror register record examiner bulletin "
    "dispatch inquirer sentinel standard mail globe today weekly magazine radio tv television network "
    "media reuters bloomberg ap afp".split()
)
#: How far into a document a byline is looked for: after the headline, before the story.
_HEAD_CHARS = 1500


@dataclass(frozen=True, slots=True)
class BylineName:
    """Where one author's name (or the outlet) stands in the text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Byline:
    """One byline line: where it stands, the authors it names and the outlet it adds, if any."""

    start: int
    end: int
    names: tuple[BylineName, ...]
    outlet: BylineName | None = None


def find_bylines(text: str) -> list[Byline]:
    """The byline lines at the head of ``text``, in order (most documents have one or none)."""
    found: list[Byline] = []
    for match in _BYLINE_RE.finditer(text, 0, min(len(text), _HEAD_CHARS)):
        byline = _read_byline(match)
        if byline is not None:
            found.append(byline)
    return found


def byline_names(text: str) -> list[BylineName]:
    """Every author the head's bylines name, in order."""
    return [name for byline in find_bylines(text) for name in byline.names]


def byline_authors(text: str) -> str | None:
    """The authors as a citation names them: "Ana Ruiz", "Ana Ruiz and Tom Hale", "A, B and C"."""
    names = [text[name.start : name.end] for name in byline_names(text)]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def byline_outlet(text: str) -> str | None:
    """The outlet the first byline that names one adds ("By Dana Whitlock, Valley Courier")."""
    outlet = next((byline.outlet for byline in find_bylines(text) if byline.outlet), None)
    return text[outlet.start : outlet.end] if outlet is not None else None


def _read_byline(match: re.Match[str]) -> Byline | None:
    names_start = match.start("names")
    line = match.group("names")
    parts: list[tuple[int, str]] = []
    position = 0
    for separator in _SEPARATOR_RE.finditer(line):
        parts.append((position, line[position : separator.start()]))
        position = separator.end()
    parts.append((position, line[position:].rstrip(" .")))
    outlet: BylineName | None = None
    names: list[BylineName] = []
    for index, (offset, part) in enumerate(parts):
        words = part.split()
        if not words:
            return None
        last = index == len(parts) - 1
        if last and index > 0 and _is_outlet(words):
            outlet = BylineName(names_start + offset, names_start + offset + len(part))
        elif index > 0 and _is_role(words):
            continue  # "…, Staff Writer": the author's role, said after the name
        elif _is_name(words) and not _names_a_desk(words):
            names.append(BylineName(names_start + offset, names_start + offset + len(part)))
        else:
            return None  # a sentence, a desk, a date: the line is not a list of names
    if not names:
        return None
    return Byline(match.start(), match.end(), tuple(names), outlet)


def _is_name(words: list[str]) -> bool:
    """Two to four words, each capitalised ("Tomás", "Okonjo-Blake", "Ł. Nowak") or a particle."""
    return (
        2 <= len(words) <= 4
        and words[0][0].isupper()
        and all(_WORD_RE.fullmatch(word) and (word[0].isupper() or word in _PARTICLES) for word in words)
    )


def _names_a_desk(words: list[str]) -> bool:
    return any(word.lower().strip(".") in _NOT_A_PERSON for word in words)


def _is_role(words: list[str]) -> bool:
    """ "Staff Writer", "Senior Correspondent": capitalised words of which the last is a role."""
    return len(words) <= 4 and words[-1].lower().strip(".") in _NOT_A_PERSON


def _is_outlet(words: list[str]) -> bool:
    """ "Valley Courier", "The Daily Star", "Reuters": capitalised words ending in an outlet's word."""
    return (
        len(words) <= 5
        and all(word[0].isupper() or word.lower() in {"of", "the", "and"} for word in words)
        and words[-1].lower().strip(".") in _OUTLET_WORDS
    )
