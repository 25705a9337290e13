"""Where a text uses the event lexicon's action words and phrases (the triggers :mod:`caseview.extract.events`
reads events from), found once per text and handed out sentence by sentence.

:func:`words_found_slowly` is the reference (every word of a sentence looked up); :func:`words_found` and
:func:`document_hits` find the same hits without a Python step per word, and ``tests/extract/test_fast_paths*``
hold them equal.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from caseview.extract.eventlex import EventLexicon
from caseview.extract.textviews import TextLetters, lower_case_keeps_letters, lowered_runs, text_letters

_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


class ActionHit(NamedTuple):
    """An action word or phrase of the lexicon where a sentence uses it (offsets in the sentence)."""

    start: int
    end: int
    lemma: str
    noun: bool


def actions_in(
    sentence: str,
    lowered: str,
    lexicon: EventLexicon,
    phrases: tuple[tuple[str, str], ...],
    vocabulary: frozenset[str] | None = None,
) -> list[ActionHit]:
    """The action words of a sentence (``lowered``: the sentence in lower case; ``phrases``: the
    lexicon's multi-word verbs that occur in the document; ``vocabulary``: the lexicon words that
    occur in the document, see :func:`document_words`)."""
    hits: list[ActionHit] = []
    for phrase, lemma in phrases:
        if phrase not in lowered:
            continue
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            hits.append(ActionHit(match.start(), match.end(), lemma, noun=False))
    words = words_found(sentence, lexicon, vocabulary)
    if words is None:
        words = words_found_slowly(sentence, lexicon)
    for word_start, word_end, found, noun in words:
        if any(h.start <= word_start < h.end for h in hits):
            continue
        hits.append(ActionHit(word_start, word_end, found, noun=noun))
    hits.sort(key=lambda h: h.start)
    return hits


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_APOSTROPHES = frozenset("'’")
_LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
#: Lower-case letter runs: a superset of the words that can be lexicon words (all lower-case letters).
_LOWER_RUN_RE = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
#: A word that starts in lower case and holds a capital ("iPhone"): its lower case may be a lexicon word.
_MIXED_WORD_RE = re.compile(r"(?<![A-Za-z])[a-z]+[A-Z]")


def word_places(lexicon: EventLexicon, letters: TextLetters, runs: frozenset[bytes]) -> dict[str, list[int]]:
    """Each of the lexicon's single words that the text writes as a whole lower-case letter run →
    where it does (ascending offsets). ``runs``: the text's :func:`lowered_runs` (or those among the
    lexicon's ``run_words``), which rule out at once the words it never writes in any case."""
    places: dict[str, list[int]] = {}
    for word in lexicon.ascii_words.intersection(runs):
        spots = _run_places(letters.padded, word)
        if spots:
            places[word.decode("ascii")] = spots
    return places


def _run_places(padded: bytes, word: bytes) -> list[int]:
    """Where ``word`` is a whole run of ``padded`` (a :class:`TextLetters` view): " word " there,
    ``padded[at]`` the space before, so the word starts at the text's offset ``at``."""
    needle = b" " + word + b" "
    spots: list[int] = []
    at = padded.find(needle)
    while at >= 0:
        spots.append(at)
        at = padded.find(needle, at + len(word) + 1)  # the next run's space before may be this one's after
    return spots


class DocumentHits(NamedTuple):
    """The action words and phrases of a whole text, as each sentence's own reading would find them.

    ``phrases`` and ``words`` are whole-text offsets, each list ordered by start (phrases in lexicon
    order where two start together); ``ambiguous`` are the offsets where a sentence's word-by-word
    reading decides differently from the fast one (an apostrophe before a lexicon word, a word such as
    "iPhone"): a sentence holding one is read on its own, the way :func:`actions_in` reads it."""

    phrases: list[ActionHit]
    phrase_starts: list[int]
    words: list[ActionHit]
    word_starts: list[int]
    ambiguous: list[int]

    def ambiguous_in(self, start: int, end: int) -> bool:
        at = bisect_left(self.ambiguous, start)
        return at < len(self.ambiguous) and self.ambiguous[at] < end

    def in_sentence(self, text: str, start: int, end: int, lexicon: EventLexicon) -> list[ActionHit]:
        """What :func:`actions_in` finds in ``text[start:end]``, offsets in the sentence."""
        first, last = bisect_left(self.phrase_starts, start), bisect_left(self.phrase_starts, end)
        hits = [ActionHit(h.start - start, h.end - start, h.lemma, h.noun) for h in self.phrases[first:last]]
        words: list[ActionHit] = []
        # The sentence's first word may be capitalised and still count ("Acquired by a rival, ...").
        if text[start] in _ASCII_LETTERS and not text[start].islower():
            opening = _WORD_RE.match(text, start, end)
            if opening is not None:
                word = opening.group().lower()
                verb = lexicon.verbs.get(word)
                found = verb or lexicon.nouns.get(word)
                if found is not None:
                    words.append(ActionHit(0, opening.end() - start, found, verb is None))
        first, last = bisect_left(self.word_starts, start), bisect_left(self.word_starts, end)
        words.extend(ActionHit(h.start - start, h.end - start, h.lemma, h.noun) for h in self.words[first:last])
        if not hits:
            return words
        for word_hit in words:
            if not any(h.start <= word_hit.start < h.end for h in hits):
                hits.append(word_hit)
        hits.sort(key=lambda h: h.start)
        return hits


def document_hits(
    text: str,
    lowered_text: str,
    lexicon: EventLexicon,
    phrases: tuple[tuple[str, str], ...],
    vocabulary: frozenset[str],
    letters: TextLetters | None = None,
    places: dict[str, list[int]] | None = None,
) -> DocumentHits:
    """One pass over the whole text for what :func:`actions_in` looks for sentence by sentence
    (``lowered_text``: the text in lower case, as long as the text; ``letters``: the text's
    :func:`text_letters`; ``places``: the vocabulary's :func:`word_places`; both made here when not
    given). A sentence starts after whitespace (or past a
    heading's ``**``) and ends before whitespace, so a word or phrase of the text that lies inside a
    sentence has the same neighbours, and the same verdict, in both."""
    if letters is None:
        letters = text_letters(text)
    phrase_hits = [
        ActionHit(match.start(), match.end(), lemma, False)
        for phrase, lemma in phrases
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered_text)
    ]
    phrase_hits.sort(key=lambda h: h.start)
    verbs, nouns = lexicon.verbs, lexicon.nouns
    size = len(text)
    word_hits: list[ActionHit] = []
    ambiguous = _ambiguous_spots(text, letters, vocabulary) if vocabulary else []
    if places is None:
        places = {word: _run_places(letters.padded, word.encode("ascii")) for word in vocabulary}
    for word, spots in places.items():
        verb = verbs.get(word)
        found = verb or nouns[word]
        length = len(word)
        # Only the occurrences that are whole letter runs can be hits.
        for at in spots:
            end = at + length
            if at and text[at - 1] in _APOSTROPHES:
                ambiguous.append(at)
            elif not (end < size and text[end] in _APOSTROPHES and text[end + 1 : end + 2] in _LOWER_LETTERS):
                word_hits.append(ActionHit(at, end, found, verb is None))
    word_hits.sort()
    ambiguous.sort()
    return DocumentHits(phrase_hits, [h.start for h in phrase_hits], word_hits, [h.start for h in word_hits], ambiguous)


def _ambiguous_spots(text: str, letters: TextLetters, vocabulary: frozenset[str]) -> list[int]:
    """Where a sentence's word-by-word reading may differ from the whole-text one: a lower-case
    letter followed by a capital ("iPhone"), and a lexicon word (whole run or not) right after an
    apostrophe ("rock'n'roll"). In any order, maybe repeated."""
    spots: list[int] = []
    # Every ``_MIXED_WORD_RE`` match holds a capital after a lower-case letter (and "McDonald" does
    # too, harmlessly: a sentence holding one is only read the slower, plain way).
    cases = letters.cases
    at = cases.find(b"aA")
    while at >= 0:
        spots.append(at)
        at = cases.find(b"aA", at + 2)  # the capital cannot start the next pair
    # A lexicon word (lower-case letters) written right after an apostrophe is a prefix of the
    # letter run that starts there.
    words = {word.encode("ascii") for word in vocabulary}
    longest = max(len(word) for word in words)
    padded = letters.padded
    for mark in _APOSTROPHES:
        at = text.find(mark)
        while at >= 0:
            start = at + 1
            if text[start : start + 1] in _LOWER_LETTERS:
                run = padded[start + 1 : padded.find(b" ", start + 1)]
                if any(run[:length] in words for length in range(1, min(len(run), longest) + 1)):
                    spots.append(start)
            at = text.find(mark, start)
    return spots


def words_found_slowly(sentence: str, lexicon: EventLexicon) -> list[tuple[int, int, str, bool]]:
    """Every word of the sentence looked up (the reference for :func:`words_found`)."""
    result = []
    for match in _WORD_RE.finditer(sentence):
        word = match.group().lower()
        verb = lexicon.verbs.get(word)
        found = verb or lexicon.nouns.get(word)
        if found is None:
            continue
        if match.group()[0].isupper() and match.start() > 0:
            continue  # "Plan" in a name or headline, not the verb
        result.append((match.start(), match.end(), found, verb is None))
    return result


def document_words(text: str, lexicon: EventLexicon) -> frozenset[str]:
    """The lexicon's single words that occur in ``text`` as lower-case letter runs: one scan of the
    document instead of one per sentence (:func:`word_places` without the places)."""
    # The lexicon's words are all lower-case ASCII letters, so among the maximal ASCII letter runs only
    # the lower-case ones (those ``_LOWER_RUN_RE`` finds) can be lexicon words. The runs are cut out
    # in C: every character that is not an ASCII letter (a non-ASCII one is first one "?") becomes a
    # space, and the bytes split on spaces.
    letters = text_letters(text)
    return frozenset(word_places(lexicon, letters, lowered_runs(letters)))


def document_phrases(
    text: str, lowered_text: str, lexicon: EventLexicon, runs: frozenset[bytes]
) -> tuple[tuple[str, str], ...]:
    """The lexicon's multi-word verbs (in lexicon order) that ``lowered_text`` (the text in lower
    case) may hold as whole words: every phrase that a ``\\bphrase\\b`` search there finds, maybe
    more. ``runs``: the text's :func:`lowered_runs` (or those among the lexicon's ``run_words``)."""
    if not lower_case_keeps_letters(text, lowered_text):
        # Lower case makes ASCII letters of non-ASCII characters here: the runs as written do not tell.
        return tuple((phrase, lemma) for phrase, lemma in lexicon.phrases if phrase in lowered_text)
    # A phrase found between word boundaries has each of its words as a whole letter run of the
    # lower-cased text, which here are the runs as written, lower-cased: a set test rules most
    # phrases out without a scan of the text for each.
    return tuple(
        (phrase, lemma)
        for (phrase, lemma), words in zip(lexicon.phrases, lexicon.phrase_words, strict=True)
        if runs.issuperset(words) and phrase in lowered_text
    )


def words_found(
    sentence: str, lexicon: EventLexicon, vocabulary: frozenset[str] | None = None
) -> list[tuple[int, int, str, bool]] | None:
    """The lexicon words of a sentence as :func:`words_found_slowly` finds them (start, end, lemma,
    noun), in document order, without a Python step per word: the lexicon's words are all lower-case
    letters, so only the lower-case runs the lexicon holds are located (and the sentence's first word,
    which may be capitalised). None where a word boundary is ambiguous (an apostrophe before a lexicon
    word, a word such as "iPhone"): the caller then reads the sentence word by word."""
    verbs, nouns = lexicon.verbs, lexicon.nouns
    if vocabulary is None:
        present = [w for w in set(_LOWER_RUN_RE.findall(sentence)) if w in verbs or w in nouns]
    else:
        # The document's lexicon words that are whole lower-case runs of this sentence (a substring
        # test first, then the same boundaries as ``_LOWER_RUN_RE``): no regex scan per sentence.
        present = [w for w in vocabulary if w in sentence and _is_run_of(sentence, w)]
    result: list[tuple[int, int, str, bool]] = []
    if sentence[:1] in _ASCII_LETTERS and not sentence[:1].islower():
        first = _WORD_RE.match(sentence)
        if first is not None:
            word = first.group().lower()
            verb = verbs.get(word)
            found = verb or nouns.get(word)
            if found is not None:
                result.append((0, first.end(), found, verb is None))
    if not present:
        return result
    if _MIXED_WORD_RE.search(sentence):
        return None
    size = len(sentence)
    for word in present:
        verb = verbs.get(word)
        found = verb or nouns[word]
        position = sentence.find(word)
        while position >= 0:
            end = position + len(word)
            before = sentence[position - 1] if position else ""
            after = sentence[end] if end < size else ""
            if before in _APOSTROPHES:
                return None  # "rock'n'roll": where the word starts depends on the words before it
            if (
                before not in _ASCII_LETTERS
                and after not in _ASCII_LETTERS
                and not (after in _APOSTROPHES and sentence[end + 1 : end + 2] in _LOWER_LETTERS)
            ):
                result.append((position, end, found, verb is None))
            position = sentence.find(word, position + 1)
    result.sort()
    return result


def _is_run_of(sentence: str, word: str) -> bool:
    """Does ``word`` occur in ``sentence`` as a whole run of lower-case letters (no ASCII letter on
    either side), as ``_LOWER_RUN_RE`` would find it?"""
    size, length = len(sentence), len(word)
    position = sentence.find(word)
    while position >= 0:
        end = position + length
        if (position == 0 or sentence[position - 1] not in _ASCII_LETTERS) and (
            end == size or sentence[end] not in _ASCII_LETTERS
        ):
            return True
        position = sentence.find(word, position + 1)
    return False
