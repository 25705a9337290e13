"""Events of one document: clauses in which named actors do something, one row per happening.

Per document (pure). A clause becomes an event when a *verb* of the event lexicon heads it and an
entity is its actor or object: a nominalisation ("the authorisation", "its release") is not an
event, nor is a headline or section heading (it restates the body in shorthand), a question,
or an action inside an "if"/"whether" clause (a hypothesis, not a happening). Each clause gives at
most one event: what follows its verb ("refused to sign an agreement allowing …") is its object.

Every event says how it is told: its ``modality`` (reported, planned, denied, conditional) and its
``attribution`` ("according to Axios"); the outlet or person it is attributed to is not an actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from typing import NamedTuple

from caseview.extract.actionwords import (
    ActionHit,
    actions_in,
    document_hits,
    document_phrases,
    word_places,
)
from caseview.extract.construct_events import new_event
from caseview.extract.eventlex import EventLexicon, event_lexicon
from caseview.extract.models import Candidate, EventCandidate, Mention, Modality, TimeExpression
from caseview.extract.sentences import boilerplate_spans, heading_spans, split_sentences
from caseview.extract.textviews import text_views

#: A mention's start, read in C (the sort key of a document's mentions).
_START = attrgetter("start")

MAX_EVENTS_PER_SENTENCE = 2
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no longer|n['’]t|cannot|refused to|declined to|does not|did not|yet to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(
    r"[;:—–(\"“]|,\s(?:but|while|and|which|who|as|after|before|because|although|though|so)\b|\s(?:but|while)\s"
)
_THAT_RE = re.compile(r"\sthat\s")
#: An aside about the subject between commas, ", a regional carrier that flies to Canada,": the names
#: in it are not the ones acting.
_ASIDE_RE = re.compile(r",\s(?:a|an|the|its|whose)\s[^,;:]{3,160},")
#: "… banning its use for surveillance or to develop weapons": continues a construction, heads nothing.
_COORDINATED_INFINITIVE_RE = re.compile(r"\b(?:or|and|nor)\s+to\s+$", re.IGNORECASE)
_OBJECT_END_RE = re.compile(r"[,;:.!?—–()\"“”]")
#: "to hire", "to test": an infinitive, where a decision's object or its purpose starts.
_INFINITIVE_RE = re.compile(r"\bto\s+(?=[a-z])")
#: A word before a lexicon hit that makes it a noun: "the release", "its use", "granting access".
_NOUN_BEFORE = frozenset(
    """the a an its their his her our your my this that these those any no each every some such
    of for from with without about over into upon under between against toward towards per
    impose imposed imposing set place placed put lifted gain gained get got getting give gave given
    seek sought request requested require required receive received make made its' wider broader
    full new initial early public legal further recent possible potential""".split()
)
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:been|be|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PROGRESSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been|be|am|['’]s|['’]re)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_VERB_CONTEXT_RE = re.compile(
    r"\b(?:to|will|would|could|should|may|might|must|can|did|does|do|has|have|had|not|also|already|"
    r"then|once|recently|reportedly|eventually|still|jointly|explicitly|both|last\s+week|just)\s+$",
    re.IGNORECASE,
)
_CONDITIONAL_CLAUSE_RE = re.compile(r"(?:^|[\s,;—–(])(?:even if|if|unless|whether)\s", re.IGNORECASE)
_PLANNED_RE = re.compile(
    r"\b(?:will|shall|['’]ll|plans? to|planning to|intends? to|aims? to|set to|expected to|going to|is to|are to|"
    r"proposed to|proposes to|seeks? to|prepar(?:es|ing|ed) to|agree[sd]? to|voted to|decided to|"
    r"plann(?:ed|ing) to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_MODAL_RE = re.compile(
    r"\b(?:could|would|may|might|possible|possibly|likely|unlikely)\W+(?:\w+\W+){0,2}$", re.IGNORECASE
)
_CLAUSE_MODAL_RE = re.compile(r"\b(?:could|would|might)\b", re.IGNORECASE)
#: "The EPA said it would send a team": the future of a report is a plan, unless the sentence goes on
#: to a condition ("said the city would sue Halvern if the DEQ confirmed …").
_REPORTED_FUTURE_RE = re.compile(
    r"\b(?:said|says|announced|added|stated|told \w+)\s+(?:that\s+)?(?:\w+\s+){0,2}?would\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: For each case-blind pattern searched near every action: words one of which each match holds. In a
#: text that folds plainly (``TextViews.folds_plainly``) a stretch whose lower case holds none of them
#: is not searched.
_NEGATION_NEEDLES = ("no", "never", "n't", "n’t", "refused to", "declined to", "yet to")
_PLANNED_NEEDLES = (
    "ll",
    "plan",
    "intend",
    "aim",
    "set to",
    "expected to",
    "going to",
    "is to",
    "are to",
    "propos",
    "seek",
    "prepar",
    "agree",
    "voted to",
    "decided to",
)
_MODAL_NEEDLES = ("could", "would", "may", "might", "possibl", "likely")
_CLAUSE_MODAL_NEEDLES = ("could", "would", "might")
_CONDITIONAL_NEEDLES = ("if", "unless", "whether")
#: How the words end where ``_VERB_CONTEXT_RE`` or ``_PASSIVE_BEFORE_RE`` matches (before the
#: whitespace that ends every match; "ly" for the adverb of "was quickly").
_VERB_CONTEXT_ENDINGS = tuple(
    (
        "to will would could should may might must can did does do has have had not also already then once "
        "recently reportedly eventually still jointly explicitly both week just"
    ).split()
)
_PASSIVE_ENDINGS = ("been", "be", "being", "is", "are", "was", "were", "ly")
_PLANNING_LEMMAS = frozenset({"plan", "propose", "draft"})
#: "agreed to acquire", "voted to ban": the happening is the second verb (planned, or decided).
_CONTROL_LEMMAS = frozenset({"agree", "vote", "plan", "decide"})
_CONTROL_GAP_RE = re.compile(r"\s+to\s+$")
_WORDS_BEFORE_RE = re.compile(r"[\w’']+")
#: "according to Axios", "Axios reported", "said a person familiar with the matter", "sources said".
#: Each with groups of words (lower case) such that every match holds a word of each group: a
#: sentence lacking one is not searched (most sentences that say "said" name no source).
_ATTRIBUTION_RES: tuple[tuple[re.Pattern[str], tuple[tuple[str, ...], ...]], ...] = (
    (
        re.compile(r"\b(?:according to|citing|as reported by)\s+(?:[^,.;]{1,60}?)(?=,|\.|;|$)", re.IGNORECASE),
        (("according to", "citing", "as reported by"),),
    ),
    (
        re.compile(
            r",?\s*(?:said|says|told|according to)\s+(?:an?|the|two|three|several|multiple)?\s*"
            r"(?:people|person|sources?|officials?|officers?|insiders?)\b[^,.;]{0,50}",
            re.IGNORECASE,
        ),
        (("said", "says", "told", "according to"), ("people", "person", "source", "official", "officer", "insider")),
    ),
    (
        re.compile(
            r"\b(?:(?:two|three|several|multiple)\s+)?(?:sources?|insiders?|officials?)\s+"
            r"(?:said|say|says|revealed|told \w+)\b",
            re.IGNORECASE,
        ),
        (("source", "insider", "official"), ("say", "said", "revealed", "told")),
    ),
)
_Attributions = tuple[tuple[re.Pattern[str], tuple[tuple[str, ...], ...]], ...]
_SPEECH_VERBS = (
    "said|says|say|told|tells|reported|reports|added|adds|stated|states|wrote|writes|noted|notes|claimed|claims|"
    "argued|argues|insisted|insists|shows|showed|show"
)
#: What may follow a trailing speaker's verb: whom they told, where and when ("told the Courier in an
#: interview on Tuesday"); a clause ("said it would appeal") may not.
_SPEAKER_TAIL_WORDS = (
    "the|a|an|in|on|at|to|by|of|statement|interview|email|e-mail|letter|post|briefing|conference|news|call|"
    "phone|late|early|last|this|week|night|morning|afternoon|evening|yesterday|today|earlier|later|reporters|"
    "journalists|told"
)
#: "…, company spokesperson Lena Hoffmann said." / "…, the Millbrook Courier reported." / "…, she said, and …":
#: who tells what the clause before says (a speaker of at most six words, not a clause of its own). After a
#: quote ("…,” said Dr. Miriam Osei" / "…,” spokesman Rick Albers said") the speaker is its source too.
_TRAILING_SPEAKER_RE = re.compile(
    rf",[\"”]?\s+(?!(?:and|but|which|who|that|while|as|after|before|because|when|if)\b)(?:[^\s,;:\"“”]+\s+){{0,5}}?"
    rf"(?:{_SPEECH_VERBS})\b(?:\s+(?:(?-i:[A-Z])(?:[\w’'-]|\.(?=\w|\s+(?-i:[A-Z])))*|(?:{_SPEAKER_TAIL_WORDS})\b))*(?=\s*(?:[,;]|[.!?\"”]*\s*$))",
    re.IGNORECASE,
)
#: The forms of ``_SPEECH_VERBS``: a text none of whose letter runs is one has no speaker to find.
_SPEECH_FORMS = tuple(_SPEECH_VERBS.split("|"))
#: "Analysts at Kestrel Aviation said Pine Ridge Air …", "A log obtained by the Ledger shows that …": the
#: names before the verb tell; the clause after it says who acted.
_LEADING_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH_VERBS})\b(?:\s+that\b)?\s+", re.IGNORECASE)
#: "Residents were told to stop drinking": those told are no speakers.
_PASSIVE_SPEECH_RE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$", re.IGNORECASE)
#: "… after tests found PFAS": a clause of its own whose subject is a common noun, not the sentence's.
_SUBORDINATE_SUBJECT_RE = re.compile(r"\s(?:after|because|although|though|when|since|until)\s+[a-z]+\s+$")
_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:it|he|she|they|we)\b", re.IGNORECASE)
_PRONOUN_SUBJECT_RE = re.compile(r"(?:that\s+)?(?:it|he|she|they|we)\b", re.IGNORECASE)
#: "MILLBROOK, Sept. 16 — Deputies evacuated …": where the story was filed, no actor of its first sentence.
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?(?:\s*\([^)]{1,30}\))?"
    r"(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s+[—–-]{1,2}\s"
)
#: "Route 9 remained closed", "the permit would stay suspended": a state, not a happening.
_STATE_VERBS = frozenset("remain remains remained remaining stay stays stayed staying".split())


def find_events(
    text: str, mentions: Sequence[Mention | Candidate], times: tuple[TimeExpression, ...]
) -> tuple[EventCandidate, ...]:
    """Events of one document, in order. ``mentions`` may include untyped candidates: their
    offsets become entity ids only if the corpus level adopts them."""
    lexicon = event_lexicon()
    skipped = boilerplate_spans(text)
    headings = heading_spans(text)
    events: list[EventCandidate] = []
    ordered = sorted(mentions, key=_START)
    mention_index = 0
    # Speed: the text's letter runs are cut out once, in C; from them, only the multi-word verbs this
    # document contains are looked for in its sentences, and the single lexicon words it holds (a
    # superset of any sentence's: sentences start and end beside whitespace or punctuation, so a
    # sentence's word is a word of the text).
    views = text_views(text)
    lowered_text, letters = views.lowered, views.letters
    # The lexicon's words (single, or in a phrase) that are letter runs of the text, in any case.
    runs = _searched_runs().intersection(views.runs)
    # The speech verbs the text writes (each match of _LEADING_SPEECH_RE is one of its letter runs).
    speech_needles = tuple(form for form in _SPEECH_FORMS if form.encode("ascii") in runs)
    phrases = document_phrases(text, lowered_text, lexicon, runs)
    places = word_places(lexicon, letters, runs)
    vocabulary = frozenset(places)
    # Speed: the action words of the whole text, found once (None: a lower case longer than the text,
    # so offsets in it are not the text's; then each sentence is read on its own).
    located = (
        document_hits(text, lowered_text, lexicon, phrases, vocabulary, letters, places)
        if len(lowered_text) == len(text)
        else None
    )
    # Sentences come in order: a pointer over the boilerplate spans (sorted by start) and the
    # furthest end among those begun replace a scan of every span per sentence.
    skipped_spans = sorted(skipped)
    viable: _Attributions | None = None  # worked out at the first sentence that may hold an event
    skip_index, skip_reach = 0, -1
    for start, end in split_sentences(text):
        while skip_index < len(skipped_spans) and skipped_spans[skip_index][0] <= start:
            skip_reach = max(skip_reach, skipped_spans[skip_index][1])
            skip_index += 1
        if start < skip_reach or text[start:end].rstrip("*”\"' ").endswith("?"):
            continue
        start = _after_heading(text, start, end, headings)
        if start >= end:
            continue
        # The sentence's names first (a pointer: sentences and names come in order), its action words
        # only where it names someone: with no name, no event.
        while mention_index < len(ordered) and ordered[mention_index].start < start:
            mention_index += 1
        inside: list[Mention | Candidate] = []
        k = mention_index
        while k < len(ordered) and ordered[k].end <= end:
            inside.append(ordered[k])
            k += 1
        if not inside:
            continue
        if located is not None and not located.ambiguous_in(start, end):
            hits = located.in_sentence(text, start, end, lexicon)
        else:
            hits = actions_in(text[start:end], text[start:end].lower(), lexicon, phrases, vocabulary)
        if not hits:
            continue  # no action word, no event
        if viable is None:
            viable = _viable_attributions(lowered_text)
        events.extend(
            _sentence_events(
                text, start, end, inside, times, lexicon, hits, views.folds_plainly, viable, speech_needles
            )
        )
    return tuple(events)


@cache
def _searched_runs() -> frozenset[bytes]:
    """The letter runs a text is asked about: the event lexicon's words and the speech verbs."""
    return event_lexicon().run_words | frozenset(form.encode("ascii") for form in _SPEECH_FORMS)


def _after_heading(text: str, start: int, end: int, headings: list[tuple[int, int]]) -> int:
    """Where the sentence's own words begin: past a heading it starts with; ``end`` when all heading."""
    for h_start, h_end in headings:
        if h_start <= start < h_end:
            if h_end >= end:
                return end
            start = h_end
            while start < end and text[start] in " \t*":
                start += 1
    return start


def _sentence_events(
    text: str,
    start: int,
    end: int,
    inside: list[Mention | Candidate],
    times: tuple[TimeExpression, ...],
    lexicon: EventLexicon,
    hits: list[ActionHit],
    plain: bool,
    viable: _Attributions,
    speech_needles: tuple[str, ...],
) -> list[EventCandidate]:
    sentence = text[start:end]
    lowered = sentence.lower()
    attributions = _attributions(sentence, lowered, start, viable)
    speech: list[re.Match[str]] = []
    if not plain or _holds_any(lowered, speech_needles):
        speech = _speech_verbs(text, start, end, lowered, plain, speech_needles)
        if "," in sentence:
            trailing = [(start + m.start(), start + m.end()) for m in _TRAILING_SPEAKER_RE.finditer(sentence)]
            if trailing:
                attributions = _merged([*attributions, *trailing])
    attribution = " ".join(text[s:e].strip(' ,"”') for s, e in sorted(attributions))
    if attributions:
        cited = [m for m in inside if any(s <= m.start < e for s, e in attributions)]
        named = [m for m in inside if m not in cited]
    else:
        named = inside
    # Spans whose times are not the event's: when it was told, and when the story was filed.
    untimely = attributions
    if sentence[:2].isupper():
        dateline = _DATELINE_RE.match(text, start, end)
        if dateline is not None:
            named = [m for m in named if m.start >= dateline.end()]
            untimely = [*attributions, dateline.span()]
    found: list[EventCandidate] = []
    taken_end, taken_family = -1, ""
    for index, hit in enumerate(hits):
        a_start, a_end = start + hit.start, start + hit.end
        following = hits[index + 1] if index + 1 < len(hits) else None
        if (
            hit.lemma in _CONTROL_LEMMAS
            and following is not None
            and _CONTROL_GAP_RE.fullmatch(" " + sentence[hit.end : following.start])
        ):
            continue  # "agreed to acquire": the acquisition is the event
        if any(m.start <= a_start < m.end for m in inside) or any(s <= a_start < e for s, e in attributions):
            continue
        # One event per clause: "refused to sign an agreement allowing …" is one refusal. What a
        # statement reports is its own happening: "disclosed that hackers breached …".
        same_clause = taken_end >= 0 and not _CLAUSE_BREAK_RE.search(text, taken_end, a_start)
        if same_clause and not (taken_family == "statement" and _THAT_RE.search(text, taken_end, a_start)):
            continue
        if not _is_verb(text, start, a_start, a_end, hit, plain, lexicon, inside) or _coordinated_infinitive(
            text, start, a_start
        ):
            continue
        clause_start = _clause_start(text, start, a_start)
        if _may_hold(plain, text[clause_start:a_start], _CONDITIONAL_NEEDLES) and _CONDITIONAL_CLAUSE_RE.search(
            text, clause_start, a_start
        ):
            continue  # "Even if the Pentagon lifts …", "whether agencies would get access"
        told = _speaker(text, clause_start, a_start, named, speech) if speech else None
        actors = _actors(text, told.after if told else clause_start, a_start, named)
        if told is not None and (not actors or told.after > min(m.start for m in actors)):
            actors = told.speakers if told.pronoun else []
        objects, object_text = _objects(text, a_end, end, named, hit.lemma in _CONTROL_LEMMAS)
        if not actors and not objects and told is not None:
            actors = told.speakers  # the clause names nobody: the row is the speaker's account
        if not actors and not objects:
            continue
        event_attribution = attribution
        if told is not None and not told.pronoun:
            event_attribution = " ".join(filter(None, (text[clause_start : told.verb_end].strip(), attribution)))
        before = text[max(start, a_start - 40) : a_start]
        negated = _may_hold(plain, before, _NEGATION_NEEDLES) and bool(_NEGATION_RE.search(before))
        # The values are built and checked here: pydantic's validation is skipped (new_event gives the
        # state model_construct would: the same fields, the same set fields, the same defaults).
        found.append(
            new_event(
                id=f"e{start}-{a_start}",
                evidence_start=start,
                evidence_end=end,
                evidence_text=sentence,
                action=hit.lemma,
                action_start=a_start,
                action_end=a_end,
                negated=negated,
                actor_mentions=tuple((m.start, m.end) for m in actors),
                object_mentions=tuple((m.start, m.end) for m in objects),
                object_text=object_text,
                time=_nearest_time(times, start, end, a_start, untimely),
                modality=_modality(before, text[clause_start:a_start], text[a_end:end], hit.lemma, negated, plain),
                attribution=event_attribution,
            )
        )
        taken_end, taken_family = a_end, lexicon.family(hit.lemma)
        if len(found) == MAX_EVENTS_PER_SENTENCE:
            break
    return found


def _viable_attributions(lowered_text: str) -> _Attributions:
    """The attribution patterns that may match somewhere in a text (``lowered_text``: in lower case):
    those each of whose groups of words has one in it (a sentence's lower case holds no ASCII word its
    text's does not)."""
    return tuple(
        (pattern, groups)
        for pattern, groups in _ATTRIBUTION_RES
        if all(any(needle in lowered_text for needle in needles) for needles in groups)
    )


def _attributions(sentence: str, lowered: str, start: int, viable: _Attributions) -> list[tuple[int, int]]:
    """The attribution spans of a sentence (``lowered``: in lower case; ``viable``: the patterns that
    may match in its text), merged, in text offsets. A pattern is tried only where each of its groups
    of words has one in the sentence."""
    spans: list[tuple[int, int]] = []
    for pattern, groups in viable:
        # Plain loops (each group needs one of its words): no generator per group and sentence.
        for needles in groups:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                break  # a group none of whose words the sentence holds
        else:
            spans.extend((start + m.start(), start + m.end()) for m in pattern.finditer(sentence))
    return _merged(spans) if spans else []


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one (two patterns may find the same "according to …")."""
    merged: list[tuple[int, int]] = []
    for span_start, span_end in sorted(spans):
        if merged and span_start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span_end))
        else:
            merged.append((span_start, span_end))
    return merged


def _modality(before: str, clause: str, rest: str, lemma: str, negated: bool, plain: bool) -> Modality:
    """How an event is told (``rest``: the sentence after the action; ``plain``: see :func:`_may_hold`)."""
    if negated:
        return "denied"
    if lemma in _PLANNING_LEMMAS or (_may_hold(plain, before, _PLANNED_NEEDLES) and _PLANNED_RE.search(before)):
        return "planned"
    if (
        _may_hold(plain, before, ("would",))
        and _REPORTED_FUTURE_RE.search(before)
        and not (_may_hold(plain, rest, _CONDITIONAL_NEEDLES) and _CONDITIONAL_CLAUSE_RE.search(rest))
    ):
        return "planned"
    if (_may_hold(plain, before, _MODAL_NEEDLES) and _MODAL_RE.search(before)) or (
        _may_hold(plain, clause, _CLAUSE_MODAL_NEEDLES) and _CLAUSE_MODAL_RE.search(clause)
    ):
        return "conditional"  # "which would bring the number of entities permitted to use it to 120"
    return "reported"


def _may_hold(plain: bool, stretch: str, needles: tuple[str, ...]) -> bool:
    """Can a case-blind pattern whose every match holds one of ``needles`` (lower case) match in
    ``stretch``? Always, unless the text folds plainly (``plain``: a case-blind letter there is an
    ASCII letter of either case) and the stretch's lower case holds none of them."""
    if not plain:
        return True
    lowered = stretch.lower()
    for needle in needles:  # noqa: SIM110 - a loop, not any(): no generator per call (hot path)
        if needle in lowered:
            return True
    return False


def _speech_verbs(
    text: str, start: int, end: int, lowered: str, plain: bool, needles: tuple[str, ...]
) -> list[re.Match[str]]:
    """``_LEADING_SPEECH_RE``'s matches in the sentence ``text[start:end]`` (``lowered``: its lower case),
    in order. Every match starts with one of ``_SPEECH_FORMS`` (``needles``: those the text holds);
    where the lower case keeps offsets (``plain``), the pattern is tried only there, not at every
    position."""
    if not plain or len(lowered) != end - start:
        return list(_LEADING_SPEECH_RE.finditer(text, start, end))
    found: dict[int, re.Match[str]] = {}
    for needle in needles:
        at = lowered.find(needle)
        while at >= 0:
            if at not in found:
                match = _LEADING_SPEECH_RE.match(text, start + at, end)
                if match is not None:
                    found[at] = match
            at = lowered.find(needle, at + 1)
    matches: list[re.Match[str]] = []
    for at in sorted(found):
        if not matches or found[at].start() >= matches[-1].end():  # finditer's matches do not overlap
            matches.append(found[at])
    return matches


def _holds_any(lowered: str, needles: tuple[str, ...]) -> bool:
    """Does ``lowered`` hold one of ``needles``? (A plain loop, not any(): no generator per call.)"""
    for needle in needles:  # noqa: SIM110 - hot path
        if needle in lowered:
            return True
    return False


def _may_end_with(plain: bool, stretch: str, endings: tuple[str, ...]) -> bool:
    """Can a case-blind pattern ``\\b(?:ending…)\\s+$`` match in ``stretch``? Not unless the stretch ends
    in whitespace and, where the text folds plainly, its words end in one of ``endings`` (lower case)."""
    if not stretch[-1:].isspace():
        return False
    return not plain or stretch.rstrip().lower().endswith(endings)


def _coordinated_infinitive(text: str, sentence_start: int, action_start: int) -> bool:
    """``_COORDINATED_INFINITIVE_RE`` before the action, searched only where the words before end in
    "to" and whitespace, as each of its matches does."""
    if action_start <= sentence_start or not text[action_start - 1].isspace():
        return False
    head = text[sentence_start:action_start].rstrip()
    return head[-2:].lower() == "to" and bool(_COORDINATED_INFINITIVE_RE.search(text, sentence_start, action_start))


def _is_verb(
    text: str,
    sentence_start: int,
    start: int,
    end: int,
    hit: ActionHit,
    plain: bool,
    lexicon: EventLexicon,
    names: list[Mention | Candidate],
) -> bool:
    """Is this lexicon word used as a verb here? Nominalisations only as "refusal to …" (``plain``:
    see :func:`_may_hold`; ``names``: the sentence's names)."""
    if hit.noun:
        return text[end : end + 4].lower() == " to " and text[max(0, start - 3) : start - 1] in ("’s", "'s")
    window = max(sentence_start, start - 40)
    before = text[window:start]
    previous = _WORDS_BEFORE_RE.findall(before)
    if not previous:
        return True  # the sentence starts with it
    word = previous[-1].lower()
    if word.endswith(("’s", "'s")) or word in _NOUN_BEFORE or word in _STATE_VERBS:
        return False
    surface = text[start:end].lower()
    if surface in lexicon.past_forms:
        return True  # "Verant Chemicals, a maker of chemicals, bought …"
    if surface.endswith("ing") and " " not in surface:
        # A gerund or participle ("the prospect of the White House allowing", "insisting on banning")
        # heads no event; a progressive does ("is convening", "are still using").
        return bool(_PROGRESSIVE_BEFORE_RE.search(before))
    if surface.endswith("ed") or " " in surface:
        return True
    if (_may_end_with(plain, before, _VERB_CONTEXT_ENDINGS) and _VERB_CONTEXT_RE.search(before)) or (
        _may_end_with(plain, before, _PASSIVE_ENDINGS) and _PASSIVE_BEFORE_RE.search(before)
    ):
        return True
    # A bare or -s form right after a name or pronoun: "Anthropic plans", "it wins"; not after a capital
    # that only opens the sentence ("Federal rules require …").
    if word in {"it", "they", "he", "she", "we", "who", "which", "that"}:
        return True
    if not previous[-1][0].isupper():
        return False
    word_end = window + len(before.rstrip())
    if len(previous) > 1 or text[sentence_start:window].strip():
        return True
    return any(m.end == word_end for m in names)


def _clause_start(text: str, sentence_start: int, action_start: int) -> int:
    segment = text[sentence_start:action_start]
    breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(segment)]
    return sentence_start + (breaks[-1] if breaks else 0)


class _Told(NamedTuple):
    """A speaker before an action's clause ("Analysts at Kestrel Aviation said …"): the names that tell,
    where the speech verb ends and where the told clause starts."""

    speakers: list[Mention | Candidate]
    verb_end: int
    after: int
    #: the told clause's subject is a pronoun ("said it would appeal"): the speaker acts
    pronoun: bool


def _speaker(
    text: str, clause_start: int, action_start: int, named: list[Mention | Candidate], speech: list[re.Match[str]]
) -> _Told | None:
    """The last speech verb (of the sentence's, ``speech``) between the clause's start and the action,
    if names stand before it."""
    last = None
    for match in speech:
        if match.end() > action_start:
            break
        if match.start() >= clause_start and not _PASSIVE_SPEECH_RE.search(
            text, max(0, match.start() - 12), match.start()
        ):
            last = match
    if last is None:
        return None
    speakers = [m for m in named if clause_start <= m.start and m.end <= last.start()]
    if not speakers:
        return None
    pronoun = bool(_PRONOUN_SUBJECT_RE.match(text, last.end(), action_start))
    return _Told(speakers[-3:], last.start() + len(last.group().rstrip()), last.end(), pronoun)


def _actors(
    text: str, clause_start: int, action_start: int, inside: list[Mention | Candidate]
) -> list[Mention | Candidate]:
    """The names before the action in its clause (``clause_start``: see :func:`_clause_start`), less
    those of an aside about the subject ("Pine Ridge Air, a carrier that flies to Canada, grounded …")."""
    before = [m for m in inside if m.end <= action_start]
    if not before:
        return []
    # A clause opened by its own common-noun subject ("… after tests found PFAS") names no actor.
    if _SUBORDINATE_SUBJECT_RE.search(text, max(clause_start, action_start - 40), action_start):
        return []
    in_clause = [m for m in before if m.start >= clause_start]
    asides = [match.span() for match in _ASIDE_RE.finditer(text, clause_start, action_start)]
    if asides and in_clause:
        outside = [m for m in in_clause if not any(s <= m.start < e for s, e in asides)]
        in_clause = outside or in_clause
    # A name that only owns something the sentence then leaves ("While it suggests trust in Anthropic's
    # protocols, it also introduces …") is not the subject; "Anthropic's lawyers filed" keeps it.
    in_clause = [m for m in in_clause if not _owner_left_behind(text, m, action_start)]
    if in_clause:
        return in_clause[-3:]
    # A clause that names nobody ("…, and issued the designation") shares the sentence's subject.
    return [] if _owner_left_behind(text, before[0], action_start) else before[:1]


def _owner_left_behind(text: str, name: Mention | Candidate, action_start: int) -> bool:
    """Is ``name`` a possessive ("Anthropic's …") followed, before the action, by a comma or a subject
    pronoun (the action's subject is then someone else)?"""
    if text[name.end : name.end + 2] not in ("’s", "'s"):
        return False
    between = text[name.end + 2 : action_start]
    return "," in between or bool(_SUBJECT_PRONOUN_RE.search(between))


def _objects(
    text: str, action_end: int, sentence_end: int, inside: list[Mention | Candidate], control: bool
) -> tuple[list[Mention | Candidate], str]:
    """What an action is done to: the names after it in its clause, and the clause's first words.
    After a verb of deciding (``control``: "voted 5-2 on Wednesday to hire an independent laboratory
    to test private wells around Lake Corran") the object is what was decided, up to its own purpose
    clause: the names of that purpose are not what was voted on."""
    stop = _OBJECT_END_RE.search(text, action_end, sentence_end)
    clause_end = stop.start() if stop else sentence_end
    if control:
        decided = _INFINITIVE_RE.search(text, action_end, clause_end)
        purpose = _INFINITIVE_RE.search(text, decided.end(), clause_end) if decided else None
        if purpose is not None:
            kept = text[action_end : purpose.start()].split()
            return [m for m in inside if action_end <= m.start and m.end <= purpose.start()][:4], " ".join(kept[:12])
    # Let the object run past a comma when the next clause still names things ("Anthropic’s Mythos 5, ...").
    objects = [
        m
        for m in inside
        if m.start >= action_end and m.start < max(clause_end, action_end + 80) and m.end <= sentence_end
    ]
    words = text[action_end:clause_end].split()
    return objects[:4], " ".join(words[:12])


def _nearest_time(
    times: tuple[TimeExpression, ...], start: int, end: int, anchor: int, untimely: list[tuple[int, int]]
) -> TimeExpression | None:
    """The sentence's time nearest the action, not one in ``untimely`` (when it was told: "…, she told
    the radio on Wednesday"; a dateline)."""
    inside = [t for t in times if t.start >= start and t.end <= end and not any(s <= t.start < e for s, e in untimely)]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.start - anchor))
