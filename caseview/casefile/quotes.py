"""Finding a quote the analyst typed in a document, as a person would match it.

A quote pasted into a terminal rarely has the document's exact characters: straight quotes for curly
ones, a hyphen for a dash, one space where the text breaks a line. :func:`locate_quote` matches with
those normalised (the offsets returned are into the real text, see ARCHITECTURE.md, "Text offsets"),
and when nothing matches it names the nearest passage, so the analyst can copy it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from caseview.casefile.errors import CaseUsageError
from caseview.corpus import Document
from caseview.extract.sentences import split_sentences

#: Characters matched as the plain one they look like.
_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` folded (quotes, dashes, any run of white space as one space, case kept) and, for each
    character of the result, the offset in ``text`` it came from."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                out.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        out.append(char.translate(_FOLD))
        origin.append(index)
    return "".join(out), origin


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return "“" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "”"


def nearest_passage(document: Document, quote: str) -> str | None:
    """The stretch of one sentence most like ``quote`` (most of the quote's characters in order,
    over the shortest stretch), when at least 60 % of the quote is found; else None."""
    wanted = _normalised(quote.strip())[0].casefold()
    if not wanted:
        return None
    best: tuple[float, int, str] | None = None
    text = document.text
    for start, end in split_sentences(text):
        sentence, origin = _normalised(text[start:end])
        matcher = SequenceMatcher(None, wanted, sentence.casefold(), autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size >= 3]
        matched = sum(block.size for block in blocks)
        if not blocks or matched < 0.6 * len(wanted):
            continue
        first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
        # Widen to whole words: a suggestion is meant to be copied as the new --quote.
        while first > 0 and not sentence[first - 1].isspace():
            first -= 1
        while last < len(sentence) and not sentence[last].isspace():
            last += 1
        piece = text[start + origin[first] : start + origin[last - 1] + 1]
        candidate = (matched / len(wanted), -len(piece), piece)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best is not None else None


def locate_quote(document: Document, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1 = first) place ``quote`` appears, quotes, dashes and white
    space normalised; CaseUsageError naming the nearest passage when it is not there."""
    if not quote.strip():
        raise CaseUsageError("the quote is empty")
    if occurrence < 1:
        raise CaseUsageError(f"occurrence must be 1 or more (1 = first), not {occurrence}")
    text, origin = _normalised(document.text)
    wanted = _normalised(quote.strip())[0]
    places = []
    index = text.find(wanted)
    while index != -1:
        places.append(index)
        index = text.find(wanted, index + 1)
    if len(places) >= occurrence:
        found = places[occurrence - 1]
        return origin[found], origin[found + len(wanted) - 1] + 1
    if places:
        times = f"{len(places)} time{'s' if len(places) > 1 else ''}"
        raise CaseUsageError(
            f"the quote {_short(quote)} appears {times} in {document.id}, so there is no occurrence {occurrence}"
        )
    nearest = nearest_passage(document, quote)
    hint = f"; the nearest passage is {_short(nearest, 200)}" if nearest else ""
    raise CaseUsageError(f"the quote {_short(quote)} is not in {document.id}{hint}")
