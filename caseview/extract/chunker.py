"""The capitalised chunks of a document, found without tokenising the whole text.

A chunk is a run of capitalised words separated by single spaces, which may hold institutional
connectors ("Office of Management and Budget", "Office of the National Cyber Director"), an
ampersand between names ("Kirkland & Ellis") and abbreviations written with their period
("St. Jude", "Milan D. Smith Jr."), but not a list ("OpenAI and Google" stays two chunks: "and"
joins only after an "of" or "for").

Speed matters here (the extractor must read well over a megabyte of news a second on one core):
one regular expression finds the capitalised words, and :class:`Token` objects are made only for
the words of a chunk, never for every word of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from caseview.extract.lexicon import TOKEN_RE, cues
from caseview.extract.wordfacts import FACTS_BY_WORD, WordFacts, facts_of

#: Characters that may stand between a sentence boundary and the first word of a sentence.
_OPENERS = frozenset("*\"“‘'([#>-–—•_ \t")
_ENDERS = frozenset(".!?:;")
#: The characters ``starts_sentence`` reads back over or stops at with a True answer.
_SENTENCE_MARKS = _OPENERS | _ENDERS | {"\n"}
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
#: The lower-case words a hyphen glues to a name to make an adjective of it ("Paris-based",
#: "London-listed", "Chinese-owned"): the name ends at the hyphen, so "Paris" is found (a place, by
#: the word after it) and the name that follows ("Paris-based Ubisoft") stays a name of its own.
_GLUED_ADJECTIVES = r"(?:based|headquartered|listed|owned|backed|led|born|registered|run)\b"
_WORD_TAIL = rf"(?:(?:-(?!{_GLUED_ADJECTIVES})|[&.]|['’](?![sS]\b))[^\W_]+)*"
#: A capitalised word (or a dotted acronym, or a brand such as "iPhone"), not inside another word.
CAP_WORD_RE = re.compile(rf"(?<![\w'’.&-])(?:(?:[A-Z]\.){{2,}}|(?:[{_UPPER}]|[a-z](?=[{_UPPER}]))[^\W_]*{_WORD_TAIL})")
#: ``CAP_WORD_RE``'s words that start with a capital, written so that the pattern opens with that
#: capital: the regular expression engine then skips in C every position holding no capital, where
#: ``CAP_WORD_RE`` (which opens with a lookbehind) is tried at every position of the text. The
#: lookbehind moves after the first character (it looks at the character before that one).
_CAPITAL_WORD_RE = re.compile(rf"[{_UPPER}](?<![\w'’.&-].)(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*{_WORD_TAIL})")
#: The capital of a brand such as "iPhone" (a lower-case letter starting a word, then a capital).
_BRAND_CAPITAL_RE = re.compile(rf"[{_UPPER}](?<=[a-z].)(?<![\w'’.&-]..)")
_BRAND_RE = re.compile(rf"[a-z](?=[{_UPPER}])[^\W_]*{_WORD_TAIL}")


def cap_word_matches(text: str) -> Iterable[re.Match[str]]:
    """``CAP_WORD_RE.finditer(text)``, faster. No match can start inside another (the lookbehind
    refuses every character a word is made of), so the matches of the two patterns, in order of
    position, are the same as those of the one."""
    if _BRAND_CAPITAL_RE.search(text) is None:
        return _CAPITAL_WORD_RE.finditer(text)
    matches = list(_CAPITAL_WORD_RE.finditer(text))
    for capital in _BRAND_CAPITAL_RE.finditer(text):
        brand = _BRAND_RE.match(text, capital.start() - 1)
        if brand is not None:
            matches.append(brand)
    matches.sort(key=lambda m: m.start())
    return matches


#: What may stand between two capitalised words of one name: a space, or lower-case connectors.
_GAP_RE = re.compile(
    r"(?: (?:of|for|on|and|&|de|du|von|van|der|den|al|bin|la|le|del|da|dos|the|of the|for the|and the|on the|de la"
    r"|des|do|das|di|della|dei|delle|degli|het|en))* "
)

_JOINING_OPENERS = frozenset(" .'’")
#: The first characters of ``_GAP_RE``'s connectors (a gap is " " then a connector).
_CONNECTOR_INITIALS = frozenset("ofa&dvlbthe")


#: ``FACTS_BY_WORD.get``, bound once: a token is made for every capitalised word.
_known_facts = FACTS_BY_WORD.get


class Token:
    """One word of a chunk. A plain slotted class, not a frozen dataclass: a frozen dataclass sets each
    field through ``object.__setattr__``, which made building tokens a twentieth of the extractor's
    time. Nothing assigns to a token after it is made; equality and hashing are the dataclass's
    (every field but ``lower`` and ``facts``, which follow from ``text``)."""

    __slots__ = ("cap", "end", "facts", "index", "initial", "lower", "start", "text")

    def __init__(self, index: int, start: int, end: int, text: str, cap: bool, initial: bool) -> None:
        #: Position of the word within its chunk.
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        #: Starts with a capital letter (or is a dotted acronym).
        self.cap = cap
        #: First word of a sentence, a line or a heading (its capital says nothing).
        self.initial = initial
        #: What the word lists say about the word (shared by every token of the same word).
        facts = _known_facts(text)
        if facts is None:
            facts = facts_of(text)
        self.facts: WordFacts = facts
        #: The word in lower case (computed once: the cues look it up many times).
        self.lower = facts.lower

    def _key(self) -> tuple[int, int, int, str, bool, bool]:
        return (self.index, self.start, self.end, self.text, self.cap, self.initial)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Token) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Token(index={self.index!r}, start={self.start!r}, end={self.end!r}, text={self.text!r}, "
            f"cap={self.cap!r}, initial={self.initial!r})"
        )

    @property
    def is_acronym(self) -> bool:
        """ "NSA", "U.S.", "AT&T" (:func:`caseview.extract.wordfacts.acronym_form`)."""
        return self.facts.acronym


def starts_sentence(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in _OPENERS:
        if text[position] in "—–" and position > 0:
            # "FRANKFURT, March 4 — Halvorsen ...", "GENEVA (Reuters) — ...": a dateline's dash opens a sentence.
            before = text[max(0, position - 3) : position].strip()
            if before and (before[-1].isdigit() or before[-1] == ")" or before[-1].isupper()):
                return True
        position -= 1
    if position < 0:
        return True
    char = text[position]
    if char == "\n":
        return True
    if char in _ENDERS:
        if char != ".":
            return True
        # "U.S. officials", "St. Louis", "Dr. Moore": an abbreviation's period does not end a sentence.
        if position >= 2 and text[position - 2] == ".":
            return False
        word_start = position
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        word = text[word_start:position]
        return not (len(word) == 1 and word.isupper()) and word.lower() not in cues().abbreviations
    return False


def tokens_of(text: str) -> list[Token]:
    """Every word of ``text`` as a token (for tests and small inputs; the extractor reads chunks)."""
    result = []
    for index, match in enumerate(TOKEN_RE.finditer(text)):
        word = match.group()
        cap = word[0].isupper()
        result.append(Token(index, match.start(), match.end(), word, cap, cap and starts_sentence(text, match.start())))
    return result


def joined(text: str, left: Token, right: Token) -> bool:
    """Two words belong to one name only when a single space (or an initial's or abbreviation's ". ")
    separates them."""
    between = text[left.end : right.start]
    if between == " ":
        return True
    if between == ". ":
        return (len(left.text) == 1 and left.cap) or left.lower in cues().abbreviations
    return between == " & "


def _connector_words(gap: str) -> list[str]:
    return gap.split()


def capitalised_runs(text: str, skip: list[tuple[int, int]] | None = None) -> list[list[Token]]:
    """Maximal runs of capitalised words with connectors inside them, outside the ``skip`` spans."""
    lexicon = cues()
    abbreviations = lexicon.abbreviations
    runs: list[list[Token]] = []
    current: list[Token] = []
    last_end = -1
    skip = skip or []
    skip_index = 0
    skip_count = len(skip)
    starters = lexicon.sentence_starters
    for match in cap_word_matches(text):
        start, end = match.span()
        if skip_count:
            while skip_index < skip_count and skip[skip_index][1] <= start:
                skip_index += 1
            if skip_index < skip_count and skip[skip_index][0] <= start:
                if current:
                    runs.append(current)
                    current, last_end = [], -1
                continue
        word = match.group()
        # Every way of joining needs a gap that opens with a space, a period or an apostrophe, and
        # the gap's length tells the ways apart before it is read: one space; ". "; " & " or "'s ";
        # connectors (" of ", " and the "). Most gaps (", ", a line break) fail at the first character.
        if current:
            opener = text[last_end]
            if opener in _JOINING_OPENERS:
                size = start - last_end
                previous = current[-1]
                if size == 1:
                    if opener == " " and not (previous.text.endswith(".") and word.lower() in starters):
                        current.append(Token(len(current), start, end, word, True, False))
                        last_end = end
                        continue
                elif size == 2:
                    if (
                        opener == "."
                        and text[last_end + 1] == " "
                        and ((len(previous.text) == 1 and previous.cap) or previous.lower in abbreviations)
                    ):
                        current.append(Token(len(current), start, end, word, True, False))
                        last_end = end
                        continue
                elif size == 3:
                    gap = text[last_end:start]
                    if gap == " & ":
                        current.append(Token(len(current), last_end + 1, last_end + 2, "&", False, False))
                        current.append(Token(len(current), start, end, word, True, False))
                        last_end = end
                        continue
                    if gap in ("'s ", "’s ") and previous.lower in lexicon.possessive_name_words:
                        # "Children's Hospital of Eastern Ontario", "Men's Gold Medal Olympic Hockey Team"
                        current.append(Token(len(current), start, end, word, True, False))
                        last_end = end
                        continue
                elif text[last_end + 1] in _CONNECTOR_INITIALS:  # " & " is the only connector gap of 3
                    gap = text[last_end:start]
                    if _GAP_RE.fullmatch(gap) and _connectors_may_join(current, _connector_words(gap)):
                        for offset, connector in _connector_spans(text, last_end, start):
                            connector_end = offset + len(connector)
                            current.append(Token(len(current), offset, connector_end, connector, False, False))
                        current.append(Token(len(current), start, end, word, True, False))
                        last_end = end
                        continue
            runs.append(current)
        # Most words follow a space after a letter, digit or comma: no sentence starts there (what
        # ``starts_sentence`` finds after reading back over the space), so it is not asked.
        initial = not (start > 1 and text[start - 1] == " " and text[start - 2] not in _SENTENCE_MARKS) and (
            starts_sentence(text, start)
        )
        current = [Token(0, start, end, word, True, initial)]
        last_end = end
    if current:
        runs.append(current)
    return runs


def _connector_spans(text: str, begin: int, end: int) -> list[tuple[int, str]]:
    spans = []
    position = begin
    for part in text[begin:end].split(" "):
        if part:
            spans.append((position, part))
        position += len(part) + 1
    return spans


_LIST_JOINERS = frozenset(("and", "&"))
#: Connectors of names in other languages, which join whatever stands around them: "Thomas de Waal",
#: "Banco do Brasil", "Corriere della Sera", "Dagblad van het Noorden", "Ecologistas en Acción".
_PARTICLES = frozenset(
    "de du von van der den al bin la le del da dos des do das di della dei delle degli het en".split()
)


def _connectors_may_join(run: list[Token], connectors: list[str]) -> bool:
    words = {t.lower for t in run}
    if connectors[0] in _PARTICLES:
        return True  # "Thomas de Waal", "Ursula von der Leyen"
    if any(c in _LIST_JOINERS for c in connectors) and not (words & {"of", "for"}):
        return False  # "OpenAI and Google" is a list, "Office of Management and Budget" a name
    if connectors[0] == "the" and "of" not in words:
        return False
    # "the Agency of Canada and the Bank of X": two names, not one
    return not ("and" in connectors and "the" in connectors)
