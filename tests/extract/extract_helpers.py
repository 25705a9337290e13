"""Shared helpers for the extract tests: real corpora written to tmp_path and read back."""

from pathlib import Path

from caseview.corpus import Document, read_document, scan_corpus

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def read_corpus(root: Path) -> list[Document]:
    return [read_document(entry)[0] for entry in scan_corpus(root).files]


def write_corpus(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, "utf-8")
    return root


#: Two articles naming one person in two spellings with too little evidence to merge them
#: automatically: the pair stays a merge suggestion (the seeds' Besant/Bessent pair merges on evidence).
LOOKALIKES = {
    "lookalike_a.txt": "BRISTOL, England — Treasury Secretary Hal Vennick met Governor Ada Quist on Monday.",
    "lookalike_b.txt": "LEEDS, England — The banker Hal Venick spoke at a dinner on Friday.",
}
