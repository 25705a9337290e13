"""The event lexicon: verbs that make a happening, their families and the pairs that oppose.

Read from ``caseview/extract/data/actions.json`` (package data, covered by the extractor's data
fingerprint, so editing it invalidates the cache). Only verb forms trigger events; the
nominalisations listed under ``nouns`` ("authorisation", "refusal") are known so that a noun is
never mistaken for a verb, and so that "refusal to sign" can stand for the act of refusing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from caseview.extract.lexicon import inflections


@dataclass(frozen=True)
class EventLexicon:
    #: verb surface form (lower case) → lemma
    verbs: dict[str, str]
    #: multi-word verbs ("hold off", "stop using") → lemma, longest first
    phrases: tuple[tuple[str, str], ...]
    #: nominalisation (lower case) → lemma
    nouns: dict[str, str]
    families: dict[str, str]
    opposing: frozenset[frozenset[str]]
    #: every single-word form, verb or noun (the events look these up once per document)
    words: frozenset[str] = frozenset()
    #: the same forms as ASCII bytes (all are lower-case ASCII letters: the events match them
    #: against a text's letter runs cut out by ``bytes.translate``)
    ascii_words: frozenset[bytes] = frozenset()
    #: the words of each of ``phrases`` (same order), as ASCII bytes
    phrase_words: tuple[frozenset[bytes], ...] = ()
    #: ``ascii_words`` and the words of every phrase: all a text's letter runs are asked about
    run_words: frozenset[bytes] = frozenset()
    #: irregular past forms ("bought", "met", "paid"): a verb wherever they stand, as a regular "-ed" is
    past_forms: frozenset[str] = frozenset()

    @cached_property
    def phrase_lemmas(self) -> dict[str, str]:
        """``phrases`` as a mapping: multi-word verb → lemma."""
        return dict(self.phrases)

    def family(self, lemma: str) -> str:
        return self.families.get(lemma, lemma)

    def opposed(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.opposing


def _phrase_forms(phrase: str) -> set[str]:
    head, _, rest = phrase.partition(" ")
    return {f"{form} {rest}" for form in inflections(head)}


@cache
def event_lexicon() -> EventLexicon:
    source = resources.files("caseview.extract").joinpath("data").joinpath("actions.json").read_text("utf-8")
    raw = json.loads(source)
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    nouns: dict[str, str] = {}
    families: dict[str, str] = {}
    past: set[str] = set()
    for item in raw["actions"]:
        lemma = str(item["lemma"])
        families[lemma] = str(item.get("family", lemma))
        # A form whose "-s" form is listed too ("buy", "buys") is a present one.
        listed = {lemma, *item.get("verbs", ()), *item.get("forms", ())}
        past.update(
            form
            for form in item.get("forms", ())
            if form.isalpha() and form[-1] not in "sg" and {form, form + "s", form + "es"}.isdisjoint(listed - {form})
        )
        for verb in item.get("verbs", [lemma]):
            if " " in verb:
                for form in _phrase_forms(verb):
                    phrases.setdefault(form, lemma)
            else:
                for form in inflections(verb):
                    verbs.setdefault(form, lemma)
        for form in item.get("forms", ()):
            (phrases if " " in form else verbs).setdefault(form, lemma)
        for noun in item.get("nouns", ()):
            nouns.setdefault(noun, lemma)
    opposing = frozenset(frozenset(pair) for pair in raw["opposing"])
    ordered = tuple(sorted(phrases.items(), key=lambda item: -len(item[0])))
    words = frozenset(verbs) | frozenset(nouns)
    if not all(word.isascii() and word.isalpha() and word.islower() for word in words):
        raise ValueError("actions.json: a single-word form that is not lower-case ASCII letters")
    ascii_words = frozenset(word.encode("ascii") for word in words)
    if not all(re.fullmatch("[a-z]+(?: [a-z]+)+", phrase) for phrase, _ in ordered):
        raise ValueError("actions.json: a multi-word form that is not lower-case ASCII words parted by one space")
    phrase_words = tuple(frozenset(phrase.encode("ascii").split()) for phrase, _ in ordered)
    run_words = ascii_words.union(*phrase_words)
    return EventLexicon(
        verbs, ordered, nouns, families, opposing, words, ascii_words, phrase_words, run_words, frozenset(past)
    )
