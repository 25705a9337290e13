"""How ``caseview case`` reports: what an action did, the case as a listing, the cases of a folder."""

from __future__ import annotations

import argparse
import sys

from rich.text import Text

from caseview.casefile import CaseService
from caseview.casefile.model import EntityItem, EventItem, NoteItem, PassageItem
from caseview.casefile.resolve import ResolvedItem
from caseview.cli.case_json import CaseJson, CaseListJson, CaseNameJson, ChangeJson, ItemJson
from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, print_model, stdout
from caseview.export.digest import NO_TITLE, item_label, memo_title, one_line, resolved_interval, set_title_hint
from caseview.kernel import textsafe
from caseview.kernel.textsafe import printable


def done(service: CaseService, parsed: argparse.Namespace, verb: str, item_id: str | None = None) -> int:
    view = service.view()
    entry = view.by_id(item_id) if item_id else None
    if parsed.json:
        print_model(ChangeJson(case=str(service.path), message=verb, item=ItemJson.of(entry) if entry else None))
        return EXIT_OK
    if entry is not None:
        message = Text(f"{verb} #{entry.number} {entry.id} ({entry.kind}) in {entry.section_title!r}: ")
        message.append(printable(summary(entry)))
    else:
        message = Text(verb)
    stdout.print(message)
    stdout.print(Text(f"case file: {service.path}", style="dim"))
    return EXIT_OK


def summary(entry: ResolvedItem, limit: int = 90) -> str:
    item = entry.item
    if isinstance(item, PassageItem):
        return f"“{one_line(entry.quote, limit)}” ({item.citation.doc_id})"
    if isinstance(item, EntityItem):
        return item.entity.name + (f" — {item.role}" if item.role else "")
    if isinstance(item, EventItem):
        when = item.event.time_text or resolved_interval(item.event)
        return f"[{when}] {one_line(item.event.text, limit)}"
    assert isinstance(item, NoteItem)
    return one_line(item.text, limit)


def show(service: CaseService, as_json: bool) -> int:
    view = service.view()
    if as_json:
        print_model(CaseJson.of(view))
        return EXIT_OK if view.items else EXIT_NOTHING_FOUND
    if not service.exists:
        stdout.print(
            Text(f"no case yet: {service.path} does not exist (start one with 'caseview case add …')", style="dim")
        )
        return EXIT_NOTHING_FOUND
    header = view.header
    title = memo_title(view)
    if title is None:
        stdout.print(Text(f"{NO_TITLE}  ({set_title_hint(view)})", style="bold"))
    else:
        stdout.print(Text(printable(title), style="bold"))
    if view.read_only:
        stdout.print(Text("read-only: written by a newer caseview", style="yellow"))
    if header.summary:
        stdout.print(Text(printable(header.summary)))
    for number, question in enumerate(header.questions, start=1):
        stdout.print(Text(f"  Q{number}. {printable(question)}"))
    for section in view.sections:
        stdout.print()
        stdout.print(Text(printable(section.section.title), style="bold underline"))
        for entry in section.items:
            line = Text(f"{entry.number:>3}. ", style="bold")
            line.append(f"{entry.id} ", style="dim")
            line.append(f"{entry.kind:<8}")
            line.append(printable(summary(entry)))
            if isinstance(entry.item, PassageItem) and entry.item.grade:
                line.append(f"  [{entry.item.grade.code}]", style="cyan")
            if entry.tags:
                line.append("  #" + " #".join(printable(t) for t in entry.tags), style="green")
            stdout.print(line)
            for flag in entry.flags:
                stdout.print(Text(f"        ⚠ {flag}", style="yellow"))
    if view.links:
        stdout.print()
        stdout.print(Text("Links", style="bold underline"))
        for resolved in view.links:
            line = Text(f"  {resolved.link.id} ", style="dim")
            line.append(
                printable(
                    f"{item_label(resolved.source, 40)} {resolved.link.relation.value} "
                    f"{item_label(resolved.target, 40)}"
                )
            )
            if resolved.link.note:
                line.append(printable(f" — {one_line(resolved.link.note, 80)}"), style="italic")
            stdout.print(line)
    stdout.print()
    stdout.print(Text(f"case file: {service.path}", style="dim"))
    return EXIT_OK


def case_list(names: list[str | None], as_json: bool) -> int:
    if as_json:
        print_model(
            CaseListJson(
                [CaseNameJson(name=name, file="case.json" if name is None else f"{name}.case.json") for name in names]
            )
        )
    else:
        for name in names:
            sys.stdout.write(
                textsafe.one_line("case.json (default)" if name is None else f"{name}  ({name}.case.json)") + "\n"
            )
    return EXIT_OK if names else EXIT_NOTHING_FOUND
