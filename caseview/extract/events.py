"""Candidate events: a sentence in which named actors do something (an action from the lexicon).

Per document (pure): each sentence with an action word and at least one entity mention becomes a
candidate — actors are the mentions in the clause before the action, objects those after it, the
time the nearest time expression in the sentence, the evidence the sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from caseview.extract.lexicon import actions
from caseview.extract.models import Candidate, EventCandidate, Mention, TimeExpression
from caseview.extract.sentences import boilerplate_spans, split_sentences

MAX_EVENTS_PER_SENTENCE = 2
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_NEGATION_RE = re.compile(
    r"\b(?:not|never|no longer|n['’]t|cannot|refused to|declined to|does not|did not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_CLAUSE_BREAK_RE = re.compile(r"[;:—–(\"“]|,\s(?:but|while|and|which|who|as|after|before|because|although|though)\b")
_OBJECT_END_RE = re.compile(r"[,;:.!?—–()\"“”]")
_AUXILIARY_BEFORE = frozenset(
    "to will would could should may might must can has have had been be is are was were".split()
)


def find_events(
    text: str, mentions: Sequence[Mention | Candidate], times: tuple[TimeExpression, ...]
) -> tuple[EventCandidate, ...]:
    """Candidate events of one document, in order. ``mentions`` may include untyped candidates:
    their offsets become entity ids only if the corpus level adopts them."""
    lexicon = actions()
    skipped = boilerplate_spans(text)
    events: list[EventCandidate] = []
    mention_index = 0
    ordered = sorted(mentions, key=lambda m: m.start)
    for start, end in split_sentences(text):
        if any(s <= start < e for s, e in skipped):
            continue
        while mention_index < len(ordered) and ordered[mention_index].start < start:
            mention_index += 1
        inside = []
        k = mention_index
        while k < len(ordered) and ordered[k].end <= end:
            inside.append(ordered[k])
            k += 1
        if not inside:
            continue
        sentence = text[start:end]
        found = 0
        taken: list[tuple[int, int]] = []
        for action_start, action_end, lemma in _actions_in(sentence, lexicon):
            a_start, a_end = start + action_start, start + action_end
            if any(m.start <= a_start < m.end for m in inside) or any(s <= a_start < e for s, e in taken):
                continue
            if taken and _is_complement(text, taken[-1][1], a_start, a_end):
                continue  # "refused to sign an agreement allowing ...": complements of the first action
            actors = _actors(text, start, a_start, inside)
            objects, object_text = _objects(text, a_end, end, inside)
            if not actors and not objects:
                continue
            taken.append((a_start, a_end))
            negated = bool(_NEGATION_RE.search(text[max(start, a_start - 30) : a_start]))
            events.append(
                EventCandidate(
                    id=f"e{start}-{a_start}",
                    evidence_start=start,
                    evidence_end=end,
                    evidence_text=sentence,
                    action=lemma,
                    action_start=a_start,
                    action_end=a_end,
                    negated=negated,
                    actor_mentions=tuple((m.start, m.end) for m in actors),
                    object_mentions=tuple((m.start, m.end) for m in objects),
                    object_text=object_text,
                    time=_nearest_time(times, start, end, a_start),
                )
            )
            found += 1
            if found == MAX_EVENTS_PER_SENTENCE:
                break
    return tuple(events)


def _is_complement(text: str, previous_end: int, action_start: int, action_end: int) -> bool:
    if _CLAUSE_BREAK_RE.search(text, previous_end, action_start):
        return False
    before = text[max(previous_end, action_start - 4) : action_start].lower()
    return before.endswith("to ") or text[action_start:action_end].lower().endswith("ing")


def _actions_in(sentence: str, lexicon) -> list[tuple[int, int, str]]:
    lowered = sentence.lower()
    hits: list[tuple[int, int, str]] = []
    for phrase, lemma in lexicon.phrases:
        if phrase not in lowered:
            continue
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            hits.append((match.start(), match.end(), lemma))
    for match in _WORD_RE.finditer(sentence):
        word = match.group().lower()
        lemma = lexicon.surface_to_lemma.get(word)
        if lemma is None or any(s <= match.start() < e for s, e, _ in hits):
            continue
        if match.group()[0].isupper() and match.start() > 0:
            continue  # "Plan" in a name or headline, not the verb
        hits.append((match.start(), match.end(), lemma))
    hits.sort()
    return hits


def _actors(text: str, sentence_start: int, action_start: int, inside: list) -> list:
    before = [m for m in inside if m.end <= action_start]
    if not before:
        return []
    segment = text[sentence_start:action_start]
    breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(segment)]
    clause_start = sentence_start + (breaks[-1] if breaks else 0)
    in_clause = [m for m in before if m.start >= clause_start]
    return in_clause[-3:] if in_clause else before[-1:]


def _objects(text: str, action_end: int, sentence_end: int, inside: list) -> tuple[list, str]:
    stop = _OBJECT_END_RE.search(text, action_end, sentence_end)
    clause_end = stop.start() if stop else sentence_end
    # Let the object run past a comma when the next clause still names things ("Anthropic’s Mythos 5, ...").
    objects = [
        m
        for m in inside
        if m.start >= action_end and m.start < max(clause_end, action_end + 80) and m.end <= sentence_end
    ]
    words = text[action_end:clause_end].split()
    return objects[:4], " ".join(words[:12])


def _nearest_time(times: tuple[TimeExpression, ...], start: int, end: int, anchor: int) -> TimeExpression | None:
    inside = [t for t in times if t.start >= start and t.end <= end]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.start - anchor))
