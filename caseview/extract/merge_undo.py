"""Which automatic merge an "unmerge" undoes, and how a merge on evidence is put in words.

A merge on evidence ("Scott Besant" into "Scott Bessent": same title and first name, similar
surname, shared co-mentions) is made by the rules, not the analyst; the analyst sees its reason and
can undo it with one key or one verb. The undo is an ordinary ``split`` correction of the merged
name, so it is stored beside the documents and re-applied on every reopen.
"""

from __future__ import annotations

from caseview.extract.aliases import name_key
from caseview.extract.corrections import CorrectionsError
from caseview.extract.models import Entity, MergeReason


def merge_to_undo(entity: Entity, alias: str | None = None) -> MergeReason:
    """The automatic merge of ``alias`` into ``entity`` (the only one when ``alias`` is None)."""
    reasons = entity.merge_reasons
    if not reasons:
        raise CorrectionsError(
            f"{entity.name!r} was not merged automatically on evidence; 'split' takes one of its names off"
        )
    if alias is None:
        if len(reasons) > 1:
            names = ", ".join(repr(r.alias) for r in reasons)
            raise CorrectionsError(f"{entity.name!r} has several automatic merges; name the one to undo: {names}")
        return reasons[0]
    for reason in reasons:
        if name_key(reason.alias) == name_key(alias):
            return reason
    names = ", ".join(repr(r.alias) for r in reasons)
    raise CorrectionsError(f"{alias!r} was not merged into {entity.name!r} automatically (merged: {names})")


def merge_line(reason: MergeReason) -> str:
    """ "merged “Scott Besant”: same title and first name, similar surname, 3 shared co-mentions
    (Dario Amodei, Donald Trump, Susie Wiles)"."""
    shared = f" ({', '.join(reason.shared_co_mentions)})" if reason.shared_co_mentions else ""
    return f"merged “{reason.alias}”: {reason.text}{shared}"
