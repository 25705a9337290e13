"""Typing cues: what tells us that a capitalised chunk is a person, a body, a product or a place.

Each function looks at a chunk (a list of tokens) and the text around it and returns an
``(EntityType, cue)`` pair, or ``None`` when it has nothing to say. Context is read from the text
itself (a few characters either side), never from a token list of the whole document.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from caseview.extract.chunker import Token
from caseview.extract.lexicon import Cues, cues, wordlists
from caseview.extract.models import EntityType

SPEECH_VERBS = frozenset(
    "said says told stated added wrote announced argued noted tweeted posted claimed insisted explained "
    "warned recalled replied testified emphasised emphasized".split()
)
#: Chunks ending in these words name laws, plans and programmes: not entities of our types.
NON_ENTITY_HEADS = frozenset(
    "act acts bill bills plan program programme law laws amendment doctrine treaty accords".split()
)
_APPOSITIVE_RE = re.compile(r"^, (?:a|an|the) ([\w' -]{2,60}?)(?=[,.;:)]| who | that | which |$)")


def strip_title_dots(word: str) -> str:
    return word.lower().rstrip(".")


def title_at(tokens: list[Token], position: int) -> int:
    """Length in tokens of the person title ("Treasury Secretary" → 2, "Secretary" → 1) starting here."""
    # ``facts.bare`` is ``strip_title_dots(token.text)``, worked out once per word.
    options = cues().titles_by_first.get(tokens[position].facts.bare)
    if not options:
        return 0
    available = len(tokens) - position
    for title in options:
        size = len(title)
        if size > available:
            continue
        for k in range(1, size):  # a loop, not ``all`` over a generator: this runs for every title word
            if tokens[position + k].facts.bare != title[k]:
                break
        else:
            return size
    return 0


def generic_title_at(tokens: list[Token], position: int) -> tuple[int, int]:
    """A title of office the title list lacks: modifiers then a head word ("Police Chief", "Deputy
    Foreign Minister", "Committee Chair"). Returns (start, end) token positions, or (0, 0)."""
    lexicon = cues()
    # ``facts.bare`` is ``strip_title_dots(token.text)``, worked out once per word.
    if tokens[position].facts.bare not in lexicon.title_heads:
        return 0, 0
    begin = position
    while begin > 0 and tokens[begin - 1].facts.bare in lexicon.title_modifiers and tokens[begin - 1].cap:
        begin -= 1
    return begin, position + 1


def words_before(text: str, start: int) -> list[str]:
    """The last few words before ``start`` when a space separates them from it (string operations,
    not regular expressions: this runs for every chunk)."""
    if start == 0 or text[start - 1] != " ":
        return []
    return text[max(0, start - 48) : start].split()[-4:]


def lowercase_title_before(text: str, first: Token) -> str | None:
    """A title or role in lower case just before a chunk: "defence secretary Pete Hegseth", "striker
    Dean Whitaker", "finance chief, Priya Nandakumar". Returns the title, in lower case."""
    lexicon = cues()
    before = words_before(text, first.start)
    if not before:
        return None
    last = before[-1]
    if last.endswith(","):
        last = last[:-1]
    if not last.isalpha() or not last.islower():
        return None
    if len(before) >= 2:
        previous = before[-2]
        pair = (strip_title_dots(previous), last)
        if (
            previous[:1].islower() or _sentence_start_word(text, first.start, previous, before[-1])
        ) and pair in lexicon.titles_by_last.get(last, ()):
            return " ".join(pair)
    if last in lexicon.role_nouns or (last,) in lexicon.titles_by_last.get(last, ()):
        return last
    return None


def _sentence_start_word(text: str, start: int, word: str, last: str) -> bool:
    """Whether ``word`` (two words before ``start``) opens a sentence or a line."""
    position = start - len(last) - 2 - len(word)
    return (
        position <= 0
        or text[position - 1] == "\n"
        or text[max(0, position - 2) : position].strip() in (".", "!", "?", ":", ";", "")
    )


def _line_or_sentence_start(before: str, position: int) -> bool:
    head = before[:position].rstrip(" \"“'(*")
    return not head or head[-1] in ".!?:;\n"


def type_by_heads(words: list[Token]) -> tuple[EntityType, str] | None:
    """Institutional head words: "... Agency", "Department of ...", "... Foundation", "... Times", and
    the head before a connector ("Public Health Agency of Canada", "Court of Appeals for ...")."""
    content = 0
    connector_at = None
    for k, w in enumerate(words):
        if w.cap:
            content += 1
        elif connector_at is None and k > 0:
            connector_at = k
    if content < 2:
        return None
    last = words[-1].facts.bare
    if last in NON_ENTITY_HEADS:
        return None
    if content == 2 and last in ("administration", "admin"):
        return EntityType.GOV_BODY, "administration"
    lexicon = cues()
    leading = _type_by_first(words, lexicon)
    if leading is not None:
        return leading
    if connector_at is None:
        if last == "league" and not any(w.lower in lexicon.demonyms for w in words):
            return EntityType.EVENT, "competition"  # "Premier League", not the "Arab League"
        return _type_by_last(last)
    first = words[0].lower
    if connector_at is not None and words[connector_at].lower in ("of", "for", "on"):
        if first in lexicon.gov_prefix_heads:
            return EntityType.GOV_BODY, "gov-prefix"
        if first in lexicon.org_prefix_heads:
            return EntityType.ORG, "org-prefix"
        if first in lexicon.event_prefix_heads:
            return EntityType.EVENT, "event-prefix"
        if connector_at == 1 and words[1].lower == "of" and first in lexicon.gpe_heads:
            return EntityType.GPE, "place-prefix"  # "Gulf of Maine", "Bay of Fundy", "Province of Alberta"
        head = words[connector_at - 1].lower
        if head in lexicon.gov_heads:
            return EntityType.GOV_BODY, "gov-head"
        if head in lexicon.org_heads or head in lexicon.org_prefix_heads:
            return EntityType.ORG, "org-head"
        if head in lexicon.gpe_heads and words[connector_at].lower == "of" and _type_by_last(last) is None:
            return EntityType.GPE, "place-prefix"  # "Democratic Republic of Congo", "United Kingdom of ..."
    return _type_by_last(last)


def _type_by_first(words: list[Token], lexicon: Cues) -> tuple[EntityType, str] | None:
    """A foreign name whose head comes first: "Banco de Crédito ...", "Autoridad Portuaria de ...",
    "Copa Libertadores", "Banco Central de Reserva ..." (a central bank is a public body)."""
    first = words[0].lower
    if first in lexicon.gov_first_words:
        return EntityType.GOV_BODY, "gov-first"
    if first in lexicon.org_first_words:
        if words[1].lower in lexicon.central_bank_words:
            return EntityType.GOV_BODY, "gov-first"
        return EntityType.ORG, "org-first"
    if first in lexicon.event_first_words:
        return EntityType.EVENT, "event-first"
    # "Mt." as well as "Mount"; "Lake Corran Authority" and "Mount Kenya National Park" keep the
    # type of their last word, so the feature word only decides when the last word says nothing.
    if (
        words[0].facts.bare in lexicon.place_first_words
        and _type_by_last(words[-1].facts.bare) is None
        and words[-1].lower not in lexicon.facility_heads
    ):
        return EntityType.GPE, "place-first"
    return None


# Pure in the word (the lists are package data), and asked of the same last words again and again.
@lru_cache(maxsize=1 << 12)
def _type_by_last(last: str) -> tuple[EntityType, str] | None:
    lexicon = cues()
    if last in lexicon.gov_heads:
        return EntityType.GOV_BODY, "gov-suffix"
    if last in lexicon.org_heads:
        return EntityType.ORG, "org-suffix"
    if last in lexicon.publication_heads:
        return EntityType.PUBLICATION, "publication-suffix"
    if last in lexicon.event_heads:
        return EntityType.EVENT, "event-suffix"
    if last in lexicon.gpe_heads:
        return EntityType.GPE, "place-suffix"
    if last in lexicon.product_heads:
        return EntityType.PRODUCT, "product-suffix"
    return None


def is_facility(words: list[Token]) -> bool:
    return len(words) >= 2 and words[-1].lower in cues().facility_heads


def type_by_form(words: list[Token]) -> tuple[EntityType, str] | None:
    """The shape of the name itself: "Kirkland & Ellis", product codes ("PX-9", "F-35"), versions
    ("Claude Mythos Preview", "Galaxy S24 Ultra")."""
    lexicon = cues()
    if len(words) >= 3:
        for w in words:
            if w.text == "&":
                return EntityType.ORG, "ampersand"
    if len(words) == 1 and "&" in words[0].text and not words[0].facts.acronym:
        return EntityType.ORG, "ampersand"
    if any(w.facts.product_code for w in words) and not any(w.facts.nonentity_cap for w in words):
        return EntityType.PRODUCT, "product-code"
    if len(words) >= 2 and words[-1].lower in lexicon.version_words:
        return EntityType.PRODUCT, "version-word"
    return None


#: The lower-case particles of a person's name ("Ursula von der Leyen", "Leonardo di Caprio").
_NAME_PARTICLES = frozenset("de van von der den al bin la le da di du del dos do das della".split())


def looks_like_person_name(words: list[Token]) -> bool:
    """Two to four capitalised words that start with a known given name ("Ingrid Solberg")."""
    lexicon = cues()
    names = [w for w in words if w.lower not in lexicon.name_suffixes]
    if not 2 <= len(names) <= 4 or not all(w.cap or w.lower in _NAME_PARTICLES for w in names):
        return False
    if any(w.facts.digit or (w.facts.acronym and len(w.text) > 2) for w in names):
        return False
    first = _fold(names[0].text.split("-")[0])
    lists = wordlists()
    if all(w.facts.common for w in names):
        return False  # "Red Cross", "Grant Park": common words that happen to be given names
    return first in lists.given_names or names[0].lower in lexicon.first_names


def _fold(word: str) -> str:
    """ "Salomé" → "Salome": the census lists are unaccented."""
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def looks_like_surname_pair(words: list[Token]) -> bool:
    """ "Tomasz Wrobel": two capitalised words whose second is a common surname and whose first is no
    common word (weaker than a known given name)."""
    if len(words) != 2 or not all(w.cap and w.text.isalpha() for w in words):
        return False
    lists = wordlists()
    return words[1].text in lists.surnames and words[0].lower not in lists.common_words


_DETERMINERS = frozenset("the a an its rival fellow their his her".split())
_PHRASE_ENDS = frozenset("of in at for with from based that which who on".split())
_PRODUCT_BEFORE = frozenset(("model", "chatbot", "assistant", "app"))
_ROLE_LINKS = frozenset(("at", "with", "for"))


def type_by_context(text: str, words: list[Token], end: int) -> tuple[EntityType, str] | None:
    """Context around the chunk: "... said", "according to ...", "model Mythos", "its X model",
    "the carmaker Volkswagen", "Volkswagen, a carmaker", "the city of Goodyear", "San Jose-based".

    The cues are tried in a fixed order and the first that holds wins. Each is pure, so a cue is
    skipped (not reordered) where what it needs is absent: no word before the chunk, no ", " after
    it, a chunk of one word."""
    lexicon = cues()
    start = words[0].start
    # ``[w.lower() for w in words_before(text, start)]``: lower-casing the window before splitting it
    # gives the same words (no character lower-cases to a space, and spaces end a word either way).
    before = text[max(0, start - 48) : start].lower().split()[-4:] if start and text[start - 1] == " " else []
    after = text[end : end + 60]
    nxt = first_after = _NEXT_WORD_RE.match(after)
    nxt_word = nxt.group(1) if nxt else ""
    if nxt and nxt_word[:1].isdigit() and len(nxt_word) <= 4:
        nxt = _NEXT_WORD_RE.match(after, nxt.end())  # "the Zephyrine 4 model": look past the version number
        nxt_word = nxt.group(1) if nxt else ""
    if nxt_word[:1].islower():
        if nxt_word.lower() in lexicon.product_context_heads:
            return EntityType.PRODUCT, "context:model"
        if nxt is not None and nxt_word in _PLACE_AFTER and after[: nxt.start(1)] == " ":
            return EntityType.GPE, "context:place-noun"  # "the Ancash region", "Puno province"
        # "its Nimbus cloud platform", "the Arcturus X2 server chip": the second word is looked for
        # only when the first one can stand before it.
        if nxt is not None and nxt_word not in SPEECH_VERBS and nxt_word.isalpha() and after[: nxt.start(1)] == " ":
            second = _NEXT_WORD_RE.match(after, nxt.end())
            if (
                second is not None
                and second.group(1) in lexicon.product_context_heads
                and after[nxt.end() : second.start(1)] == " "
            ):
                return EntityType.PRODUCT, "context:model"
    last = before[-1] if before else ""
    if before:
        if last in _PRODUCT_BEFORE:
            return EntityType.PRODUCT, "context:model"
        if last == "of" and len(before) >= 2 and before[-2] in lexicon.place_nouns:
            return EntityType.GPE, "context:city-of"
    if after.startswith(("-based", "-headquartered", ", based in")):
        return EntityType.GPE, "context:based"
    if last.endswith(("-based", "-headquartered")):
        return EntityType.ORG, "context:based-org"  # "Paris-based Ubisoft": what is based there
    if before:
        # "the national weather agency AEMET", and without an article in the terse style of wire copy:
        # "Airport operator Fraport", "Dutch broadcaster NOS", "Germany's airports association ADV".
        if last.isalpha():
            if last in lexicon.publication_nouns:
                return EntityType.PUBLICATION, "context:noun"
            if last in lexicon.gov_nouns:
                return EntityType.GOV_BODY, "context:noun"
            if last in lexicon.org_nouns:
                return EntityType.ORG, "context:noun"
        if last.endswith(",") and after[:1] in (",", ".") and not _DETERMINERS.isdisjoint(before[-4:-1]):
            noun = last[:-1]  # "its annual developer conference, Veltrix Build, in San Diego"
            if noun in lexicon.event_heads:
                return EntityType.EVENT, "context:appositive"
            if noun in lexicon.product_context_heads:
                return EntityType.PRODUCT, "context:appositive"
            if noun in lexicon.gov_nouns:
                return EntityType.GOV_BODY, "context:appositive"  # "the Dutch national police, Politie, said"
            if noun in lexicon.org_nouns:
                return EntityType.ORG, "context:appositive"
    comma = after.startswith(", ")
    appositive = _APPOSITIVE_RE.match(after) if comma else None
    if appositive:
        phrase = [w.lower() for w in appositive.group(1).split()[:5]]
        cut = next((k for k, w in enumerate(phrase) if k and w in _PHRASE_ENDS), len(phrase))
        phrase = phrase[:cut]  # "a unit of X", "a start-up in Tel Aviv": the head comes before the preposition
        head = phrase[-1] if phrase else ""
        if head in lexicon.org_nouns:
            return EntityType.ORG, "context:appositive"
        if head in lexicon.place_nouns:
            return EntityType.GPE, "context:appositive"
        if head in lexicon.role_nouns:
            return EntityType.PERSON, "context:appositive"
    several = len(words) >= 2
    if several and comma:
        if after.startswith(", who ") and all(w.cap for w in words):
            return EntityType.PERSON, "context:who"
        if _AGE_RE.match(after) and all(w.cap for w in words):
            return EntityType.PERSON, "context:age"  # "Imran Sadiq, 41, and Tariq Sadiq, 38,"
        role_after = first_after  # the first word after ", "
        if (
            role_after is not None
            and all(w.cap for w in words)
            and (role_after.group(1) in lexicon.role_nouns or role_after.group(1) in lexicon.title_heads)
        ):
            return EntityType.PERSON, "context:role-after"  # "Linas Kojala, director of ..."
    if before:
        role = before[-3:] if last == "the" else before[-2:]
        if (
            len(role) >= 2
            and role[1] in _ROLE_LINKS
            and (role[0] in lexicon.role_nouns or (role[0][-1:] == "s" and role[0][:-1] in lexicon.role_nouns))
        ):  # "an analyst at Jefferies", "Analysts at Deloitte"
            if words[-1].lower in lexicon.gov_heads:
                return EntityType.GOV_BODY, "context:role-at"  # "a spokesperson for the Commission"
            return EntityType.ORG, "context:role-at"
        if (
            (before[-2:] in _SOURCE_PHRASES or last == "told")
            and len(words) <= 3
            and words[0].lower not in lexicon.first_names
        ):
            return EntityType.PUBLICATION, "context:according-to"
        if last in _PUBLISHED_LINKS and _PUBLISHED_IN_RE.search(text, max(0, start - 40), start):
            return EntityType.PUBLICATION, "context:published-in"  # "results published last year in The Lancet"
    if nxt_word == "reported" and _REPORTED_RE.match(after) and not all(w.facts.plain for w in words):
        return EntityType.PUBLICATION, "context:reported"  # "Lloyd's List reported", "Kyodo reported on Monday that"
    if (
        several
        and nxt is not None
        and nxt_word in SPEECH_VERBS
        and after[: nxt.start(1)] in (" ", ", ")
        and all(w.cap for w in words)
    ):
        last_word = words[-1]
        if last_word.facts.common and last_word.text not in wordlists().surnames:
            # "Meridia Line said", "Direct Line said": a name ending in a common word that is no
            # surname is a company's (weak: the evidence vote may still decide otherwise).
            return EntityType.ORG, "context:said-org"
        return EntityType.PERSON, "context:said"
    return None


#: The place nouns that follow a place's name ("the Ancash region", "a Boston suburb").
_PLACE_AFTER = frozenset(
    "region province district county municipality prefecture commune town village suburb borough".split()
)
#: What was published in or by the name that follows: an outlet's.
_PUBLISHED_LINKS = frozenset(("in", "by", "the"))
_PUBLISHED_IN_RE = re.compile(r"\b(?:published|appeared|printed)(?: [a-z]+){0,3} (?:in|by) (?:[Tt]he )?$")
#: A name that "reported" something, with no object after the verb ("reported on Monday that ..."):
#: a newspaper or an agency; a company reports *a* loss.
_REPORTED_RE = re.compile(r" reported(?: on \w+day| earlier| last \w+| in \w+)?(?: that\b|[,.])")
#: An age between commas after a name: a person's.
_AGE_RE = re.compile(r", \d{1,3}, ")
_SOURCE_PHRASES = (["according", "to"], ["reported", "by"], ["report", "by"], ["report", "from"], ["interview", "with"])
_NEXT_WORD_RE = re.compile(r"[ ,]*([\w'’-]+)")
_PLACE_BEFORE = frozenset(("in", "from", "near", "outside", "across", "to", "at", "of"))


def type_single_word(text: str, word: Token, end: int) -> tuple[EntityType, str] | None:
    """A lone capitalised word mid-sentence: a known first name, "Allentown, Pennsylvania", "in Phoenix"."""
    facts = word.facts
    if word.initial or facts.nonentity_cap or facts.starter:
        return None
    if facts.first_name:
        return EntityType.PERSON, "first-name"
    after = text[end : end + 30]
    if after.startswith(", "):
        state = _NEXT_WORD_RE.match(after)
        if state and (state.group(1) in wordlists().places or after[2:].startswith(_state_abbreviations())):
            return EntityType.GPE, "context:city-state"
    if facts.place:  # "in Phoenix": only a listed place (the cheap, pure check goes first)
        before = words_before(text, word.start)
        if before and before[-1] in _PLACE_BEFORE and not _cap_follows(text, end):
            return EntityType.GPE, "context:in"
    return None


@cache
def _state_abbreviations() -> tuple[str, ...]:
    """The state abbreviations ("Calif.") as one tuple for ``str.startswith``, made once."""
    return tuple(cues().state_abbreviations)


def _cap_follows(text: str, end: int) -> bool:
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()


def acronym_matches(acronym: str, words: list[str]) -> bool:
    """Whether "NSA" abbreviates "National Security Agency" (connectors may be skipped or kept)."""
    letters = acronym.replace(".", "").replace("-", "").upper()
    connectors = cues().connectors
    parts = [p for w in words for p in w.replace("-", " ").split()]
    full = "".join(w[0] for w in words if w).upper()
    content = "".join(w[0] for w in words if w and w.lower() not in connectors).upper()
    hyphenated = "".join(p[0] for p in parts if p and p.lower() not in connectors).upper()
    return letters in (full, content, hyphenated) and len(letters) >= 2
