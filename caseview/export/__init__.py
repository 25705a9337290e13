"""Exporting a case (issue 6): a Markdown memo, a self-contained HTML page, W3C JSON-LD, CSV.

``export_case(service, format)`` returns the text; ``write_export(service, format, path=None)``
writes it next to the case file (or to ``path``) and returns where it went. The TUI's export action
and the CLI both call these through the workspace. Given a ``provenance`` report of the corpus, the
memo gains a "Source independence" section and the JSON a ``cv:provenance`` object; export never
computes it (that needs the whole corpus, which only the workspace reads).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from caseview.casefile.errors import CaseUsageError
from caseview.casefile.resolve import CaseView
from caseview.casefile.service import CaseService
from caseview.export.csv import render_csv
from caseview.export.html import render_html
from caseview.export.markdown import render_markdown
from caseview.export.webanno import render_w3c
from caseview.kernel.safefile import atomic_write_bytes
from caseview.provenance import ProvenanceReport

#: Format name → (file suffix, what it is).
FORMATS: dict[str, tuple[str, str]] = {
    "md": (".memo.md", "Markdown briefing memo"),
    "html": (".memo.html", "self-contained HTML memo"),
    "json": (".w3c.jsonld", "W3C Web Annotation collection (JSON-LD)"),
    "csv": (".passages.csv", "one row per passage (CSV)"),
}


def _check_format(format: str) -> str:
    name = format.lower().lstrip(".")
    name = {"markdown": "md", "htm": "html", "jsonld": "json", "w3c": "json"}.get(name, name)
    if name not in FORMATS:
        raise CaseUsageError(f"unknown export format {format!r}; choose one of: {', '.join(FORMATS)}")
    return name


def render(
    view: CaseView, format: str, service: CaseService | None = None, provenance: ProvenanceReport | None = None
) -> str:
    """The text of one export of a resolved case; ``provenance`` adds its "Source independence" (md, html, json)."""
    name = _check_format(format)
    renderers: dict[str, Callable[[CaseView], str]] = {
        "md": lambda v: render_markdown(v, provenance),
        "html": lambda v: render_html(v, provenance),
        "csv": render_csv,
        "json": lambda v: render_w3c(v, service.live_annotations() if service else None, provenance),
    }
    return renderers[name](view)


def export_case(service: CaseService, format: str, provenance: ProvenanceReport | None = None) -> str:
    """The case, checked against the corpus now, in ``format`` (md, html, json or csv)."""
    return render(service.view(), format, service, provenance)


def default_export_path(service: CaseService, format: str) -> Path:
    """``case.memo.md`` beside ``case.json``; ``<name>.memo.md`` beside ``<name>.case.json``."""
    suffix = FORMATS[_check_format(format)][0]
    return service.path.with_name((service.name or "case") + suffix)


def write_export(
    service: CaseService, format: str, path: Path | None = None, provenance: ProvenanceReport | None = None
) -> Path:
    """Write the export (atomically) and return its path. CSV gets a UTF-8 byte-order mark for spreadsheets."""
    name = _check_format(format)
    target = Path(path) if path is not None else default_export_path(service, name)
    text = export_case(service, name, provenance)
    data = ("\ufeff" + text if name == "csv" else text).encode("utf-8")
    atomic_write_bytes(target, data)
    return target


__all__ = ["FORMATS", "default_export_path", "export_case", "render", "write_export"]
