"""The entity path's fast forms give exactly what their plain, reference forms give."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from caseview.extract.chunker import CAP_WORD_RE, cap_word_matches, capitalised_runs, tokens_of
from caseview.extract.cues import strip_title_dots, title_at
from caseview.extract.cutting import _gazetteer_hit
from caseview.extract.entities import _analyse_word, _analyse_words
from caseview.extract.filters import is_plain_lower, is_time_lower
from caseview.extract.findings import _Found
from caseview.extract.lexicon import cues, gazetteer, wordlists
from caseview.extract.segments import _type_word, _type_words
from caseview.extract.sentences import boilerplate_spans

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "iPhone sales rose; the eBay deal and xAI's Grok. U.S. and U.K. officials met.",
    "iPad",
    "-iPhone .iPhone 'iPhone ’iPhone &iPhone x-iPhone aiPhone",
    "O'Neill's firm, Kirkland & Ellis, and St. Jude's; Children's Hospital.",
    "Émile Zola met Łukasz in Ústí; aÉtoile and ÀB.",
    "A.B. A.B.C. a.B. AB. Ab.Cd",
    "\niPhone\nMac\tiOS",
    "the company's Macs' and Apple’s",
    "",
    "lower case only",
]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_capitalised_words_found_as_by_the_one_pattern() -> None:
    """Guards ``cap_word_matches``: on brands at every kind of word start, acronyms, apostrophes and
    accented capitals, and on every seed and gold article, the same words as ``CAP_WORD_RE``."""
    texts = list(TEXTS)
    for folder in (
        ROOT / "data" / "seeds",
        *(ROOT / "benchmarks" / "gold" / n for n in ("news_heldout", "news_heldout_c", "news_heldout_e")),
    ):
        texts += [path.read_text("utf-8") for path in sorted(folder.glob("*.txt"))]
    assert len(texts) > 15
    for text in texts:
        assert _spans(cap_word_matches(text)) == _spans(CAP_WORD_RE.finditer(text)), text[:80]
    assert [m.group() for m in cap_word_matches(TEXTS[0])][:3] == ["iPhone", "eBay", "xAI"]


def _gold_texts() -> list[str]:
    folders = [ROOT / "data" / "seeds", *sorted(p for p in (ROOT / "benchmarks" / "gold").iterdir() if p.is_dir())]
    return [path.read_text("utf-8") for folder in folders for path in sorted(folder.glob("*.txt"))]


ONE_WORDS = (
    "Officials in Geneva said Friday. The Treasury and Secretary spoke. A report by Reuters.\n"
    "January saw the Semafor forum. Mythos 5 shipped; Moore, Kieran Moore and The met. "
    "Anthropic said. He went to Phoenix, Arizona. NEW YORK, Oct. 14 — Apple rose."
)


def test_one_word_chunks_analysed_as_by_the_general_path() -> None:
    """Guards ``_analyse_word``: every one-word chunk of the seeds and the gold articles (and of a text
    made of articles, sentence starters, time words, titles, gazetteer names and an event suffix) gives
    the same findings as the general path's cutting and typing."""
    seen = 0
    for text in [ONE_WORDS, *_gold_texts()]:
        for run in capitalised_runs(text, boilerplate_spans(text)):
            if len(run) != 1 or not run[0].cap:
                continue
            fast: list[_Found] = []
            general: list[_Found] = []
            _analyse_word(text, run, fast)
            _analyse_words(text, run, general)
            assert fast == general, run[0].text
            seen += 1
    assert seen > 1000


def test_one_word_segments_typed_as_by_the_general_path() -> None:
    """Guards ``_type_word``: every one-word chunk of the seeds and the gold articles, with each
    fallback a title can give, is typed as the general ``_type_words`` types it."""
    seen = 0
    for text in [ONE_WORDS, *_gold_texts()]:
        for run in capitalised_runs(text, boilerplate_spans(text)):
            for word in run:
                for fallback in (None, "org", "place", "person"):
                    fast: list[_Found] = []
                    general: list[_Found] = []
                    if word.cap:  # a connector alone ("of") is no segment: the general path drops it
                        _type_word(text, word, fallback, fast)
                    _type_words(text, [word], fallback, general)
                    assert fast == general, (word.text, fallback)
                seen += 1
    assert seen > 1000


def test_word_facts_answer_as_the_lists_do() -> None:
    """Guards ``wordfacts``: for every word of the seeds and the gold articles, each fact is what
    asking the word lists (and the pattern or cue it stands for) gives."""
    lexicon, lists, gazetteer_names = cues(), wordlists(), gazetteer().by_first_token
    seen = 0
    for text in [ONE_WORDS, *_gold_texts()]:
        for token in tokens_of(text):
            facts, word, lower = token.facts, token.text, token.text.lower()
            assert facts.lower == lower and facts.bare == strip_title_dots(word)
            assert facts.plain == is_plain_lower(lower) and facts.time == is_time_lower(lower)
            assert facts.starter == (lower in lexicon.sentence_starters)
            assert facts.month == (lower in lexicon.months) and facts.demonym == (
                lower in lexicon.demonyms or (lower.endswith("s") and lower[:-1] in lexicon.demonyms)
            )
            assert facts.place == (word in lists.places) and facts.given == (word in lists.given_names)
            assert facts.place_in_capitals == (word.isupper() and word.title() in lists.places)
            assert facts.common == (lower in lists.common_words)
            assert facts.digit == any(ch.isdigit() for ch in word)
            assert facts.title_alone == (title_at([token], 0) == 1)
            hit = _gazetteer_hit([token], 0)
            assert facts.gazetteer_word == (hit[1] if hit else None)
            assert facts.gazetteer_options == (gazetteer_names.get(word) or None)
            assert facts.run_together == bool(re.search(r"[a-z]{3,}(?:The|This|That|It|In|We|A)$", word))
            seen += 1
    assert seen > 10000
