"""What the entity profile shows and hands back: rows, its header, the search for an entity (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from caseview.extract.profile import EntityProfile, MentionInContext
from caseview.tui.list_rows import ListRow
from caseview.tui.render import MATCH_STYLE, MUTED, one_line


@dataclass(frozen=True)
class ProfileAction:
    """What the analyst asked for when leaving the profile: open mention ``index``, or search ``query``."""

    profile: EntityProfile
    index: int | None = None
    query: str | None = None


def entity_query(name: str) -> str:
    """The search for an entity: ``entity:"Scott Bessent"`` (quotes in the name dropped)."""
    return 'entity:"' + " ".join(name.replace('"', " ").split()) + '"'


def mention_row(index: int, mention: MentionInContext, title: str) -> ListRow:
    """The sentence with the mention highlighted, then the document."""
    before = mention.sentence[: mention.start - mention.sentence_start]
    inside = mention.sentence[mention.start - mention.sentence_start : mention.end - mention.sentence_start]
    after = mention.sentence[mention.end - mention.sentence_start :]
    prompt = Content.assemble(
        Content(one_line(before)),
        Content(one_line(inside)).stylize(MATCH_STYLE),
        Content(one_line(after)),
        "\n",
        Content(f"{one_line(title)} · at {mention.start}").stylize(MUTED),
    )
    return ListRow(key=str(index), prompt=prompt, filter_text=f"{mention.sentence} {title}")


def profile_header(profile: EntityProfile) -> Content:
    mentions, documents = len(profile.mentions), len(profile.documents)
    details = [
        profile.type,
        f"{mentions} mention{'s' if mentions != 1 else ''} in {documents} document{'s' if documents != 1 else ''}",
    ]
    aliases = [alias for alias in profile.aliases if alias != profile.name]
    if aliases:
        details.append("also: " + ", ".join(aliases))
    return Content.assemble(
        Content(one_line(profile.name)).stylize("bold"), Content("  " + one_line(" · ".join(details))).stylize(MUTED)
    )
