"""Finding an annotated passage again after its document changed: the re-anchoring ladder; see ARCHITECTURE.md, offsets.

Pure functions over strings. The rungs, tried in order:

1. **exact quote**: every occurrence of the quote in the new text is a candidate. With the snapshot
   of the annotated text, a diff tells which occurrence *is* the annotated one (its characters
   survived unchanged), which ones are other, older occurrences (never ours), and which are new or
   moved text. Without a snapshot, the 32 characters of context either side decide, helped by
   the old position. "Position still holds" is the common case of this rung.
   An exact copy elsewhere while an edited version stands where the passage was is ambiguous.
2. **edited in place** (needs the snapshot): the diff says where the passage's boundaries went
   and how many of its own characters are still between them; accepted when most of it survived
   with its context, the text is similar enough and it did not grow or shrink much.
3. **fuzzy**: candidate regions from probes (pieces of the quote and its context found verbatim),
   each aligned to the quote and scored, with a hard similarity floor. Regions the diff shows to
   be other, older text (a lookalike that was already there) are never taken.
4. otherwise **orphaned**.

Whenever two candidates are about equally good, or the evidence is thin, the answer is
``needs-review`` with the best guess, never a confident wrong anchor. Nothing here changes the
annotation: the caller records the result beside the original quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from caseview.annotations.model import AnchorStatus, TextPosition, TextQuote
from caseview.annotations.textdiff import DiffMap, diff_ratio
from caseview.annotations.wording import Rewording, rewordings

#: Context similarity (0..1, both sides averaged) needed to accept a candidate on context alone.
CONTEXT_ACCEPT = 0.6
#: A rival within this much of the best candidate's context score makes the choice ambiguous.
RIVAL_MARGIN = 0.15
#: Quote similarity needed to accept an edited passage as the same passage ...
FUZZY_ACCEPT = 0.85
#: ... or this, when the diff shows the passage's own characters and context in place.
FUZZY_ACCEPT_SUPPORTED = 0.7
#: Below this similarity nothing is proposed at all (orphaned).
FUZZY_FLOOR = 0.6
#: A quote at least this long that occurs exactly once in the new text is trusted to be unique.
LONG_QUOTE = 32
#: Do not examine more occurrences than this of a (short, common) quote.
MAX_OCCURRENCES = 400
_PROBE = 16
#: Passages longer than this (in characters) are compared and aligned through the hierarchical diff
#: (lines, words, then characters in short changed runs) instead of difflib's character alignment,
#: whose time grows with the square of the length: 9.8 s for a 12,000-character paragraph.
LONG_PASSAGE = 1000
#: A candidate offered for review is about the quote's length: at most this many times longer ...
CANDIDATE_GROWTH = 1.5
#: ... and at least this share of it (a passage half cut away is still worth offering).
CANDIDATE_SHRINK = 0.5
#: Rivals within this much of the best candidate's score are offered beside it.
CLOSE_RIVAL = 0.05
#: At most this many close rivals are offered beside the best candidate (the best few, not a list).
MAX_ALTERNATIVES = 3


@dataclass(frozen=True)
class AnchorCandidate:
    """A place in the current text the passage may be, offered to the analyst for review."""

    start: int
    end: int
    #: The candidate's text in the current document (the original quote is kept elsewhere, unchanged).
    exact: str
    score: float
    #: Why it is offered, in words for the analyst ("the same words; its context 85% alike").
    why: str


@dataclass(frozen=True)
class AnchorResult:
    """Where the passage is now, how sure we are, and which rung decided."""

    status: AnchorStatus
    score: float
    start: int | None
    end: int | None
    method: str
    reason: str = ""
    #: Other places about as likely as ``start``/``end`` (for review), best first; at most
    #: :data:`MAX_ALTERNATIVES`, none overlapping the best one.
    alternatives: tuple[AnchorCandidate, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    before: float
    after: float
    #: "ours" (diff: our characters), "other" (diff: another old occurrence), "new" (diff: new or
    #: moved text) or "unknown" (no diff).
    origin: str
    similarity: float = 1.0

    @property
    def context(self) -> float:
        return (self.before + self.after) / 2

    def rivals(self, other: _Candidate) -> bool:
        """True when ``other`` is about as plausible as this one on either side of its context."""
        return other.context >= 0.5 and (
            other.before >= self.before - RIVAL_MARGIN or other.after >= self.after - RIVAL_MARGIN
        )


def similarity(a: str, b: str) -> float:
    """Character similarity in [0, 1] (difflib ratio); two empty strings are identical."""
    if not a and not b:
        return 1.0
    if len(a) + len(b) > 2 * LONG_PASSAGE:
        return diff_ratio(a, b)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def context_scores(quote: TextQuote, text: str, start: int, end: int) -> tuple[float, float]:
    """How well the text before and after ``text[start:end]`` matches the quote's prefix and suffix."""
    return (
        _side_score(quote.prefix, text[max(0, start - len(quote.prefix)) : start], at_edge=start == 0),
        _side_score(quote.suffix, text[end : end + len(quote.suffix)], at_edge=end == len(text)),
    )


def _side_score(expected: str, actual: str, *, at_edge: bool) -> float:
    if not expected:
        # The passage touched the start (or end) of the text: still there is a perfect match.
        return 1.0 if at_edge else 0.5
    return similarity(expected, actual)


def _touches_context(quote: TextQuote, text: str, start: int, end: int) -> bool:
    before = quote.prefix[-2:]
    after = quote.suffix[:2]
    return (not before or text[max(0, start - len(before)) : start] == before) or (
        not after or text[end : end + len(after)] == after
    )


def _occurrences(text: str, exact: str) -> list[int]:
    found: list[int] = []
    index = text.find(exact)
    while index != -1 and len(found) < MAX_OCCURRENCES:
        found.append(index)
        index = text.find(exact, index + 1)
    return found


def reanchor(
    quote: TextQuote,
    position: TextPosition,
    text: str,
    *,
    snapshot: str | None = None,
    diff: DiffMap | None = None,
) -> AnchorResult:
    """Find the passage ``quote``/``position`` (selected in ``snapshot``) in ``text``.

    Pass ``diff`` (a :class:`DiffMap` from the snapshot to ``text``) when re-anchoring many
    annotations of one document, so the diff is computed once.
    """
    if snapshot is not None and snapshot[position.start : position.end] != quote.exact:
        snapshot, diff = None, None  # a snapshot that does not hold the quote is not the annotated text
    if snapshot is not None and diff is None:
        if snapshot == text:
            return AnchorResult("anchored", 1.0, position.start, position.end, "unchanged")
        diff = DiffMap(snapshot, text)
    exact_result = _exact_rung(quote, position, text, diff)
    if exact_result is not None:
        return exact_result
    return _fuzzy_rung(quote, position, text, diff)


def _classify(start: int, end: int, position: TextPosition, diff: DiffMap | None) -> str:
    if diff is None:
        return "unknown"
    back = diff.map_span_back(start, end)
    if back is None:
        return "new"
    return "ours" if back == (position.start, position.end) else "other"


def _exact_rung(quote: TextQuote, position: TextPosition, text: str, diff: DiffMap | None) -> AnchorResult | None:
    exact = quote.exact
    starts = _occurrences(text, exact)
    if not starts:
        return None
    candidates = []
    # A short, common quote occurs hundreds of times: score the context only where at least one
    # neighbouring character matches (scoring is the costly part; the others cannot win anyway).
    many = len(starts) > 20
    for start in starts:
        end = start + len(exact)
        origin = _classify(start, end, position, diff)
        if origin == "other":
            continue
        if many and origin != "ours" and not _touches_context(quote, text, start, end):
            candidates.append(_Candidate(start, end, 0.0, 0.0, origin))
            continue
        candidates.append(_Candidate(start, end, *context_scores(quote, text, start, end), origin))
    if not candidates:
        return None
    ours = next((c for c in candidates if c.origin == "ours"), None)
    if ours is not None:
        rivals = [c for c in candidates if c is not ours and ours.rivals(c)]
        if rivals:
            return _result(
                "needs-review",
                0.5,
                ours,
                position,
                "exact",
                f"the passage is in place but {len(rivals)} other identical passage(s) look as likely",
                _offers(text, sorted(rivals, key=lambda c: -c.context)),
            )
        score = 0.9 + 0.1 * ours.context
        return _result(
            "anchored" if ours.start == position.start else "moved",
            score,
            ours,
            position,
            "exact",
            "the passage's own text survived unchanged",
        )
    # No diff, or our characters did not survive in place: choose by context (and distance as a tie-break).
    ranked = sorted(candidates, key=lambda c: (-c.context, abs(c.start - position.start)))
    best = ranked[0]
    if diff is not None:
        in_place = _edited_in_place(quote, position, text, diff)
        if (
            in_place is not None
            and in_place.start is not None
            and not (in_place.start < best.end and best.start < (in_place.end or 0))
        ):
            # The passage was edited where it stood, and an exact copy is elsewhere: which one is it?
            return _result(
                "needs-review",
                0.5,
                best,
                position,
                "quote",
                "an exact copy of the passage is elsewhere, and an edited version is where it was",
                _offer_result(text, in_place, "an edited version, where the passage was"),
            )
    runner_up = ranked[1] if len(ranked) > 1 else None
    clear_winner = not any(best.rivals(c) for c in ranked[1:])
    unique_long = runner_up is None and len(exact) >= LONG_QUOTE
    # A short quote in new text (the old place is gone) could be a new sentence that happens to
    # read alike: it takes nearly intact context to say it moved there.
    needed = CONTEXT_ACCEPT if best.origin != "new" or len(exact) >= LONG_QUOTE else 0.9
    if clear_winner and (best.context >= needed or unique_long):
        status: AnchorStatus = "anchored" if best.start == position.start and best.end == position.end else "moved"
        score = 0.6 + 0.4 * best.context if best.context >= CONTEXT_ACCEPT else 0.75
        return _result(status, score, best, position, "quote", "found the exact quote with matching context")
    if best.context >= CONTEXT_ACCEPT - 0.2 or (runner_up is None and len(exact) >= 8):
        reason = (
            "several identical passages match about equally well"
            if not clear_winner
            else "the exact quote is there but its surroundings changed"
        )
        rivals = [c for c in ranked[1:] if best.rivals(c)]
        return _result("needs-review", 0.4 * best.context + 0.2, best, position, "quote", reason, _offers(text, rivals))
    return None


def _result(
    status: AnchorStatus,
    score: float,
    candidate: _Candidate,
    position: TextPosition,
    method: str,
    reason: str,
    alternatives: tuple[AnchorCandidate, ...] = (),
) -> AnchorResult:
    others = alternatives[:MAX_ALTERNATIVES]
    if others:
        where = ", ".join(f"{other.start}–{other.end}" for other in others)
        reason = f"{reason} (also close: characters {where})"
    return AnchorResult(status, _rounded(score), candidate.start, candidate.end, method, reason, others)


def _rounded(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 4)


def _offers(text: str, candidates: list[_Candidate]) -> tuple[AnchorCandidate, ...]:
    """The best few rivals as the analyst is offered them: where, the text there, a score and why."""
    return tuple(_offer(text, candidate) for candidate in candidates[:MAX_ALTERNATIVES])


def _offer(text: str, candidate: _Candidate) -> AnchorCandidate:
    wording = "the same words" if candidate.similarity >= 1.0 else f"words {candidate.similarity:.0%} alike"
    where = {"ours": "; where the passage was", "new": "; in new text"}.get(candidate.origin, "")
    return AnchorCandidate(
        candidate.start,
        candidate.end,
        text[candidate.start : candidate.end],
        _rounded(candidate.similarity * (0.7 + 0.3 * candidate.context)),
        f"{wording}; its context {candidate.context:.0%} alike{where}",
    )


def _offer_result(text: str, result: AnchorResult, why: str) -> tuple[AnchorCandidate, ...]:
    """Another rung's result offered as a candidate (none when that rung located nothing)."""
    if result.start is None or result.end is None:
        return ()
    return (AnchorCandidate(result.start, result.end, text[result.start : result.end], result.score, why),)


def _fuzzy_rung(quote: TextQuote, position: TextPosition, text: str, diff: DiffMap | None) -> AnchorResult:
    exact = quote.exact
    if diff is not None:
        in_place = _edited_in_place(quote, position, text, diff)
        if in_place is not None:
            return in_place
    regions: dict[tuple[int, int], _Candidate] = {}
    for estimate in _cluster(_probe_estimates(quote, text), tolerance=max(8, len(exact) // 5))[:12]:
        aligned = _align(exact, text, estimate)
        if aligned is not None:
            _add_region(regions, quote, position, text, diff, *aligned)
    usable = [
        c
        for c in regions.values()
        if c.origin != "other" and c.similarity >= FUZZY_FLOOR and _about_its_length(c, len(exact))
    ]
    if not usable:
        return AnchorResult("orphaned", 0.0, None, None, "none", "the passage is not in the document any more")
    usable.sort(key=lambda c: (-_fuzzy_score(c), abs(c.start - position.start)))
    best = usable[0]
    rivals = _close_rivals(best, usable[1:])
    score = best.similarity * (0.7 + 0.3 * best.context)
    if rivals:
        return _result(
            "needs-review",
            min(score, 0.6),
            best,
            position,
            "fuzzy",
            "several edited passages resemble the original about equally",
            _offers(text, rivals),
        )
    if best.similarity >= FUZZY_ACCEPT and best.context >= CONTEXT_ACCEPT and best.origin in ("ours", "unknown"):
        changed = rewordings(exact, text[best.start : best.end])
        if changed:
            return _result("needs-review", min(score, 0.6), best, position, "fuzzy", _reworded(changed))
        return _result("moved", score, best, position, "fuzzy", "found the passage's words, edited, elsewhere")
    return _result(
        "needs-review", min(score, 0.6), best, position, "fuzzy", "a similar passage was found; please confirm it"
    )


def _fuzzy_score(candidate: _Candidate) -> float:
    return candidate.similarity * 0.7 + candidate.context * 0.3


def _close_rivals(best: _Candidate, others: list[_Candidate]) -> list[_Candidate]:
    """The candidates (not overlapping the best) whose score is within :data:`CLOSE_RIVAL` of it."""
    return [c for c in others if not _overlapping(c, best) and _fuzzy_score(c) >= _fuzzy_score(best) - CLOSE_RIVAL]


def _about_its_length(candidate: _Candidate, length: int) -> bool:
    """A review candidate is about the quote's length: never a 284-character stretch for a 142-character quote."""
    return CANDIDATE_SHRINK * length <= candidate.end - candidate.start <= CANDIDATE_GROWTH * length


def _reworded(changed: list[Rewording]) -> str:
    """The review reason for a passage whose words changed, naming the first change."""
    first = changed[0]
    more = f" and {len(changed) - 1} other change(s)" if len(changed) > 1 else ""
    return f"the passage's words changed ({first.before!r} → {first.after!r}{more}); please confirm"


def _edited_in_place(quote: TextQuote, position: TextPosition, text: str, diff: DiffMap) -> AnchorResult | None:
    """The passage where the diff says its boundaries went, when most of its own characters are there."""
    exact = quote.exact
    start = diff.map_boundary(position.start, towards_end=False)
    end = diff.map_boundary(position.end, towards_end=True)
    if end <= start:
        return None
    surviving = diff.surviving_in(position.start, position.end, start, end) / len(exact)
    if surviving < 0.5:
        return None
    candidate = _Candidate(
        start, end, *context_scores(quote, text, start, end), "ours", similarity(exact, text[start:end])
    )
    growth = (end - start) / len(exact)
    score = candidate.similarity * (0.7 + 0.3 * candidate.context)
    if (
        surviving >= 0.75
        and candidate.similarity >= FUZZY_ACCEPT_SUPPORTED
        and 0.75 <= growth <= 1.33
        and candidate.context >= CONTEXT_ACCEPT
    ):
        lookalike = _closer_lookalike(quote, position, text, diff, candidate)
        if lookalike is not None:
            return _result(
                "needs-review",
                min(score, 0.6),
                candidate,
                position,
                "diff",
                "the passage was edited in place, and a closer version of it is elsewhere",
                _offers(text, [lookalike]),
            )
        changed = rewordings(exact, text[start:end])
        if changed:
            return _result("needs-review", min(score, 0.6), candidate, position, "diff", _reworded(changed))
        return _result("moved", score, candidate, position, "diff", "the passage was edited in place, its words kept")
    if not _about_its_length(candidate, len(exact)):
        # The passage's boundaries went far apart (a sentence inserted inside it): offer the stretch
        # that lines up with the quote, about its length, rather than everything between them.
        aligned = _align(exact, text, start)
        if aligned is not None and aligned[1] > aligned[0]:
            candidate = _Candidate(
                aligned[0],
                aligned[1],
                *context_scores(quote, text, *aligned),
                "ours",
                similarity(exact, text[aligned[0] : aligned[1]]),
            )
            score = candidate.similarity * (0.7 + 0.3 * candidate.context)
    return _result(
        "needs-review",
        min(score, 0.6),
        candidate,
        position,
        "diff",
        f"{round(100 * surviving)}% of the passage is still here, but it was edited; please confirm",
    )


def _closer_lookalike(
    quote: TextQuote, position: TextPosition, text: str, diff: DiffMap, candidate: _Candidate
) -> _Candidate | None:
    """Another region, new text, at least about as similar to the quote as the edited-in-place one."""
    regions: dict[tuple[int, int], _Candidate] = {}
    for estimate in _cluster(_probe_estimates(quote, text), tolerance=max(8, len(quote.exact) // 5))[:12]:
        aligned = _align(quote.exact, text, estimate)
        if aligned is not None:
            _add_region(regions, quote, position, text, diff, *aligned)
    return next(
        (
            c
            for c in regions.values()
            if c.origin == "new" and not _overlapping(c, candidate) and c.similarity >= candidate.similarity - 0.05
        ),
        None,
    )


def _add_region(
    regions: dict[tuple[int, int], _Candidate],
    quote: TextQuote,
    position: TextPosition,
    text: str,
    diff: DiffMap | None,
    start: int,
    end: int,
) -> None:
    if (start, end) in regions or end <= start:
        return
    length = end - start
    origin = "unknown"
    if diff is not None:
        ours = diff.surviving_in(position.start, position.end, start, end)
        old_chars = diff.old_chars_in(start, end)
        if ours >= 0.5 * min(length, position.end - position.start) and ours > 0:
            origin = "ours"
        elif old_chars - ours >= 0.5 * length:
            origin = "other"  # mostly text that was elsewhere in the annotated version: a lookalike
        else:
            origin = "new"
    regions[(start, end)] = _Candidate(
        start, end, *context_scores(quote, text, start, end), origin, similarity(quote.exact, text[start:end])
    )


def _probe_estimates(quote: TextQuote, text: str) -> list[int]:
    """Start positions implied by short pieces of the quote and its context found verbatim."""
    exact, size = quote.exact, min(_PROBE, len(quote.exact))
    probes: list[tuple[str, int]] = []  # (piece, offset of the piece relative to the quote start)
    if len(exact) >= 6:
        probes.append((exact[:size], 0))
        probes.append((exact[-size:], len(exact) - size))
        middle = max(0, len(exact) // 2 - size // 2)
        probes.append((exact[middle : middle + size], middle))
    if len(quote.prefix) >= 8:
        piece = quote.prefix[-min(_PROBE, len(quote.prefix)) :]
        probes.append((piece, -len(piece)))
    if len(quote.suffix) >= 8:
        piece = quote.suffix[: min(_PROBE, len(quote.suffix))]
        probes.append((piece, len(exact)))
    estimates: list[int] = []
    for piece, offset in probes:
        found = 0
        index = text.find(piece)
        while index != -1 and found < 40:
            estimates.append(max(0, index - offset))
            found += 1
            index = text.find(piece, index + 1)
    return estimates


def _cluster(estimates: list[int], tolerance: int) -> list[int]:
    """Group nearby estimates; the most-voted groups first, each as its median."""
    groups: list[list[int]] = []
    for value in sorted(estimates):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    groups.sort(key=len, reverse=True)
    return [group[len(group) // 2] for group in groups]


def _align(exact: str, text: str, estimate: int) -> tuple[int, int] | None:
    """The region of ``text`` near ``estimate`` that lines up best with ``exact``."""
    slack = max(8, len(exact) // 4)
    window_start = max(0, estimate - slack)
    window = text[window_start : estimate + len(exact) + slack]
    if len(exact) > LONG_PASSAGE:
        # Bounded windows: the diff lines up words, and characters only inside short changed runs.
        segments = [segment for segment in DiffMap(exact, window).segments if segment.length >= 3]
        if not segments:
            return None
        head, tail = segments[0], segments[-1]
        return window_start + head.new_start, window_start + tail.new_start + tail.length
    blocks = [
        b
        for b in SequenceMatcher(None, exact, window, autojunk=False).get_matching_blocks()
        if b.size >= min(3, len(exact))
    ]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    return window_start + first.b, window_start + last.b + last.size


def _overlapping(a: _Candidate, b: _Candidate) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap > 0.5 * min(a.end - a.start, b.end - b.start)


def offered_candidates(
    text: str, start: int, end: int, score: float, result: AnchorResult | None, quote: TextQuote | None = None
) -> tuple[AnchorCandidate, ...]:
    """The candidates a review offers: the recorded place ``start:end`` of ``text`` first, then the
    best few places of a fresh ``result`` of the ladder (if any) that overlap neither it nor each other.

    With the annotation's ``quote``, the recorded place is scored as the rivals are (its words and its
    context against the quote's), so the analyst compares like with like: a rival that fits better
    shows a higher score than the place the ladder chose."""
    offered = [_recorded_offer(text, start, end, score, quote)]
    if result is None:
        return tuple(offered)
    fresh = _offer_result(text, result, "found again") + result.alternatives
    for candidate in fresh:
        if len(offered) > MAX_ALTERNATIVES:
            break
        if candidate.end <= len(text) and not any(_spans_overlap(candidate, kept) for kept in offered):
            offered.append(candidate)
    return tuple(offered)


def _recorded_offer(text: str, start: int, end: int, score: float, quote: TextQuote | None) -> AnchorCandidate:
    if quote is None:
        return AnchorCandidate(start, end, text[start:end], score, "where it is anchored now")
    before, after = context_scores(quote, text, start, end)
    recorded = _Candidate(start, end, before, after, "ours", similarity(quote.exact, text[start:end]))
    offer = _offer(text, recorded)
    return AnchorCandidate(
        start, end, offer.exact, offer.score, "where it is anchored now; " + offer.why.split("; where")[0]
    )


def _spans_overlap(a: AnchorCandidate, b: AnchorCandidate) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap > 0.5 * min(a.end - a.start, b.end - b.start)
