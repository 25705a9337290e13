"""What the word lists say about one word, worked out once per distinct word and shared by every step.

The chunker, the cues and the filters ask the same questions of the same capitalised words again and
again ("is it a given name?", "a month?", "a common word?", "does a gazetteer name start with it?"):
a news article writes a few hundred distinct capitalised words and asks each of them dozens of times.
:func:`facts_of` answers all of them for a word the first time it is seen and keeps the answers in a
dict keyed by the word as written, so a later question is one attribute read instead of a call, a
list lookup and often a string method. Every answer depends on the word and the package's word lists
alone (never on the text around it), which is what makes sharing them safe.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from caseview.extract.lexicon import GazetteerEntry, cues, gazetteer, wordlists
from caseview.extract.models import EntityType

#: "DisclaimerThe market": two words run together by a scraper.
_RUN_TOGETHER_RE = re.compile(r"[a-z]{3,}(?:The|This|That|It|In|We|A)$")
#: A product code: capitals and digits ("PX-9", "F-35", "S24").
PRODUCT_CODE_RE = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Z][A-Za-z]*-?\d+[A-Za-z\d]*(?:-\d+)?")
#: "the", "a", "an": dropped from a chunk's start unless a gazetteer name begins with them.
ARTICLES = frozenset(("the", "a", "an"))


@lru_cache(maxsize=1 << 16)
def is_time_lower(word_lower: str) -> bool:
    """A weekday (also in the plural, "Sundays"), a month or a time word, given in lower case."""
    lexicon = cues()
    lower = word_lower.rstrip(".")
    if lower.endswith("s") and lower[:-1] in lexicon.weekdays:
        return True  # "Sundays"
    return lower in lexicon.weekdays or lower in lexicon.months or lower in lexicon.time_words


# The answers depend on the word alone and the word lists are package data: each word is looked up
# once (the extractor asks about the same capitalised words many times per chunk).
@lru_cache(maxsize=1 << 16)
def is_plain_lower(lower: str) -> bool:
    """A word, given in lower case, that is no name by itself: a common word, a demonym, a month, a
    weekday, a time word, a sentence starter or one of the capitals that name nothing."""
    lexicon = cues()
    return (
        lower in lexicon.nonentity_caps
        or is_demonym_lower(lower)
        or is_time_lower(lower)
        or lower in lexicon.time_words
        or lower in lexicon.sentence_starters
        or _is_common(lower)
    )


def is_demonym_lower(lower: str) -> bool:
    """A nationality, given in lower case, also in a plural the list lacks ("Peruvians" from "peruvian"):
    the people of a country are no entity of ours."""
    demonyms = cues().demonyms
    return lower in demonyms or (lower.endswith("s") and lower[:-1] in demonyms)


def _is_common(lower: str) -> bool:
    common = wordlists().common_words
    return lower in common or (lower.endswith("s") and lower[:-1] in common)


def acronym_form(text: str) -> bool:
    """ "NSA", "U.S.", "AT&T": two to six capitals or digits, starting with a letter."""
    letters = text.replace(".", "").replace("&", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalnum() and letters[0].isalpha()


@cache
def title_starts() -> frozenset[str]:
    """The words a title can start with (``title_at`` and ``generic_title_at`` find none elsewhere)."""
    lexicon = cues()
    return frozenset(lexicon.titles_by_first) | lexicon.title_heads


@cache
def gazetteer_surnames() -> dict[str, GazetteerEntry]:
    """Surnames that belong to exactly one person of the gazetteer ("Putin" → Vladimir Putin)."""
    owners: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer().entries:
        if entry.type is EntityType.PERSON:
            for surname in {n.split()[-1] for n in (entry.name, *entry.aliases) if len(n.split()) >= 2}:
                owners.setdefault(surname, []).append(entry)
    return {surname: found[0] for surname, found in owners.items() if len(found) == 1}


class WordFacts:
    """The word lists' answers for one word as written. Built by :func:`facts_of` only; nothing
    assigns to it afterwards."""

    __slots__ = (
        "abbreviation",
        "acronym",
        "article",
        "bare",
        "common",
        "cuts",
        "demonym",
        "digit",
        "facility_head",
        "first_name",
        "gazetteer_options",
        "gazetteer_surname",
        "gazetteer_word",
        "given",
        "lower",
        "month",
        "nonentity_cap",
        "nonentity_head",
        "place",
        "place_in_capitals",
        "plain",
        "product_code",
        "run_together",
        "starter",
        "time",
        "title_alone",
        "title_start",
    )

    def __init__(self, text: str) -> None:
        lexicon = cues()
        lists = wordlists()
        lower = text.lower()
        #: The word in lower case.
        self.lower = lower
        #: In lower case without its trailing periods ("Sen." → "sen"), as titles and heads are listed.
        self.bare = bare = lower.rstrip(".")
        #: A sentence starter ("The", "However", "He").
        self.starter = lower in lexicon.sentence_starters
        self.article = lower in ARTICLES
        #: A weekday, month or time word (:func:`is_time_lower`).
        self.time = is_time_lower(lower)
        self.month = lower in lexicon.months
        #: In the common-word list as it stands (no plural folded).
        self.common = lower in lists.common_words
        #: Holds a digit ("F-35", "2024").
        self.digit = not text.isalpha() and any(ch.isdigit() for ch in text)  # letters alone hold none
        #: No name by itself (:func:`is_plain_lower`).
        self.plain = is_plain_lower(lower)
        self.nonentity_cap = lower in lexicon.nonentity_caps
        #: Ends names of laws, codes and programmes ("Act", "Code").
        self.nonentity_head = lower in lexicon.nonentity_heads
        self.demonym = is_demonym_lower(lower)
        self.first_name = lower in lexicon.first_names
        self.facility_head = lower in lexicon.facility_heads
        self.abbreviation = lower in lexicon.abbreviations
        #: In the place list, as written.
        self.place = text in lists.places
        #: Written in capitals, a place of the list in title case ("PARIS").
        self.place_in_capitals = text.isupper() and text.title() in lists.places
        #: A census given name, as written.
        self.given = text in lists.given_names
        self.acronym = acronym_form(text)
        #: "DisclaimerThe": two words run together by a scraper (three letters and a capital at least).
        self.run_together = len(text) >= 4 and _RUN_TOGETHER_RE.search(text) is not None
        #: "PX-9", "F-35", "S24": a product code (a word of letters alone is none; ``isalpha`` is cheap).
        self.product_code = not text.isalpha() and PRODUCT_CODE_RE.fullmatch(text) is not None
        #: A title (listed or generic) may start with it.
        self.title_start = bare in title_starts()
        #: A time word, a title's first word or "of": what cuts a chunk before its gazetteer names.
        self.cuts = self.time or self.title_start or lower == "of"
        #: A title of one word ("Secretary", "Mayor"): ``title_at([word], 0) == 1``.
        titles = lexicon.titles_by_first.get(bare)
        self.title_alone = titles is not None and any(len(t) == 1 for t in titles)
        options = gazetteer().by_first_token.get(text)
        #: The gazetteer names that start with this word: (name, its token count, entry), longest first.
        self.gazetteer_options = options or None
        #: The gazetteer entry this word alone names (the first one-token name written as the word).
        self.gazetteer_word: GazetteerEntry | None = None
        for name, size, entry in options or ():
            if size == 1 and name == text:
                self.gazetteer_word = entry
                break
        #: The one gazetteer person whose surname this is, if any.
        self.gazetteer_surname = gazetteer_surnames().get(text)


#: Word as written → its facts. Read directly (``FACTS_BY_WORD.get(word)``) where a call would cost
#: more than the lookup (making a token); :func:`facts_of` fills it.
FACTS_BY_WORD: dict[str, WordFacts] = {}
_FACTS = FACTS_BY_WORD
#: A corpus of millions of documents writes millions of distinct words: past this many the cache
#: starts again rather than grow without end (the answers are recomputed, never different).
_FACTS_LIMIT = 1 << 16


def facts_of(text: str) -> WordFacts:
    """The facts of ``text`` (a word as written), computed on first use."""
    facts = _FACTS.get(text)
    if facts is None:
        if len(_FACTS) >= _FACTS_LIMIT:
            _FACTS.clear()
        facts = _FACTS[text] = WordFacts(text)
    return facts


__all__ = [
    "ARTICLES",
    "FACTS_BY_WORD",
    "PRODUCT_CODE_RE",
    "WordFacts",
    "acronym_form",
    "facts_of",
    "gazetteer_surnames",
    "is_plain_lower",
    "is_time_lower",
    "title_starts",
]
