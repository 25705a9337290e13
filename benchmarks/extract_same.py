"""Proof that a speed change to the extractor changed nothing it finds.

Runs ``extract_document`` over a fixed set of texts — the seeds, every gold folder under
``benchmarks/gold/`` and news-like texts made by :func:`benchmarks.extract_eval.news_texts`, each under
a day, a month, a year and no publication date — and writes one SHA-256 per text of the extraction's
JSON. ``--save FILE`` records the digests of the code as it is; ``--compare FILE`` runs again and names
every text whose extraction differs (exit 1), so an optimisation is checked against the code it
replaces on the same texts::

    git stash; python -m benchmarks.extract_same --save /tmp/before.json; git stash pop
    python -m benchmarks.extract_same --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

from benchmarks.extract_eval import news_texts
from caseview.corpus.pubdate import PublicationDate
from caseview.extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
#: The publication dates each text is extracted under: relative expressions resolve differently.
DATES: dict[str, date | PublicationDate | None] = {
    "none": None,
    "day": date(2026, 4, 17),
    "month": PublicationDate(value=date(2026, 4, 1), precision="month"),
    "year": PublicationDate(value=date(2026, 1, 1), precision="year"),
}


def fixed_texts(news_count: int) -> dict[str, str]:
    """Name → text: the seeds, the gold folders' articles and ``news_count`` news-like texts."""
    texts: dict[str, str] = {}
    folders = [ROOT / "data" / "seeds", *sorted(p for p in GOLD.iterdir() if p.is_dir())]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            texts[f"{folder.name}/{path.name}"] = path.read_text("utf-8")
    for number, text in enumerate(news_texts(news_count)):
        texts[f"news/{number:04}"] = text
    return texts


def digests(news_count: int) -> dict[str, str]:
    """Name and date kind → SHA-256 of the extraction's JSON."""
    found: dict[str, str] = {}
    for name, text in fixed_texts(news_count).items():
        for kind, published in DATES.items():
            extraction = extract_document(text, published)
            found[f"{name}@{kind}"] = hashlib.sha256(extraction.model_dump_json().encode()).hexdigest()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the digests of the code as it is now")
    action.add_argument("--compare", type=Path, help="compare against digests saved earlier")
    parser.add_argument("--news", type=int, default=300, help="how many news-like texts (default 300)")
    args = parser.parse_args(argv)
    found = digests(args.news)
    if args.save:
        args.save.write_text(json.dumps(found, indent=0, sort_keys=True), "utf-8")
        print(f"{len(found)} extractions recorded in {args.save}")
        return 0
    recorded: dict[str, str] = json.loads(args.compare.read_text("utf-8"))
    differ = sorted(name for name in recorded.keys() | found.keys() if recorded.get(name) != found.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(found) - len(differ)} of {len(found)} extractions identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
