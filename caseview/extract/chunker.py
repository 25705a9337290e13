"""Tokens of a document and the capitalised chunks among them.

A chunk is a run of capitalised words separated by single spaces, which may hold institutional
connectors ("Office of Management and Budget", "Office of the National Cyber Director") but
not a list ("OpenAI and Google" stays two chunks: "and" joins only after an "of" or "for").
"""

from __future__ import annotations

from dataclasses import dataclass

from caseview.extract.lexicon import cues, tokenize

#: Characters that may stand between a sentence boundary and the first word of a sentence.
_OPENERS = frozenset("*\"“‘'([#>-–—•_ \t")
_ENDERS = frozenset(".!?:;")


@dataclass(frozen=True, slots=True)
class Token:
    index: int
    start: int
    end: int
    text: str
    #: Starts with a capital letter (or is a dotted acronym).
    cap: bool
    #: First word of a sentence, a line or a heading (its capital says nothing).
    initial: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_acronym(self) -> bool:
        letters = self.text.replace(".", "").replace("&", "").replace("-", "")
        return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalnum() and letters[0].isalpha()


def _starts_sentence(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in _OPENERS:
        position -= 1
    if position < 0:
        return True
    char = text[position]
    if char == "\n":
        return True
    if char in _ENDERS:
        # "U.S. officials": a dotted acronym's period does not end a sentence.
        return not (char == "." and position >= 2 and text[position - 2] == ".")
    return False


def tokens_of(text: str) -> list[Token]:
    result = []
    for index, (start, end) in enumerate(tokenize(text)):
        word = text[start:end]
        cap = word[0].isupper()
        result.append(Token(index, start, end, word, cap, cap and _starts_sentence(text, start)))
    return result


def gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def joined(text: str, left: Token, right: Token) -> bool:
    """Two words belong to one name only when a single space (or an initial's ". ") separates them."""
    between = gap(text, left, right)
    return between == " " or (between == ". " and len(left.text) == 1 and left.cap)


def capitalised_runs(text: str, tokens: list[Token], covered: set[int]) -> list[list[Token]]:
    """Maximal runs of capitalised, not yet covered tokens, with connectors inside them."""
    lexicon = cues()
    runs: list[list[Token]] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        if not token.cap or token.index in covered:
            i += 1
            continue
        run = [token]
        j = i + 1
        while j < count:
            nxt = tokens[j]
            if nxt.index in covered or not joined(text, run[-1], nxt):
                break
            if nxt.cap:
                run.append(nxt)
                j += 1
                continue
            # A connector joins only if a capitalised word follows it (possibly after "the").
            if nxt.lower not in lexicon.connectors:
                break
            k = j
            connectors = []
            while k < count and tokens[k].lower in lexicon.connectors and not tokens[k].cap:
                if k > j and not joined(text, tokens[k - 1], tokens[k]):
                    break
                connectors.append(tokens[k])
                k += 1
            if (
                k >= count
                or not tokens[k].cap
                or tokens[k].index in covered
                or not joined(text, connectors[-1], tokens[k])
            ):
                break
            words = {t.lower for t in run}
            if (
                any(c.lower in ("and", "&") for c in connectors)
                and not (words & {"of", "for"})
                and connectors[0].lower != "&"
            ):
                break
            if connectors[0].lower == "the" and "of" not in words:
                break
            run.extend(connectors)
            run.append(tokens[k])
            j = k + 1
        runs.append(run)
        i = j
    return runs
