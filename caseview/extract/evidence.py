"""What the words around a name say of its kind, added up over the document: the type vote.

A company speaks as a person does ("Meridia said ..."), and a one-word company name has no head
word to type it. The text around its mentions tells what it is: "Meridia's shares", "Meridia's
chief executive", "Meridia employees", "Meridia, which operates 64 vessels", "Meridia said it had
hired ...", "shares of Meridia". A person has none of these; "X said he ...", "X, who ..." and an
age after the name ("X, 41,") point the other way, and a product named once by the noun next to it
("the app Snapvia") counts for the product.

Every name of a document that only weak cues typed — the verb of speech after it, a surname or a
given name from the lists, a product noun once, nothing at all — is read this way at each of its
mentions; the evidence of all of them is added up, and the name becomes an organisation when the
organisation evidence outweighs the rest. A name any clearer cue typed (a head word, the gazetteer,
a title, an appositive) is left alone: the propagation step gives its type to its other mentions.
"""

from __future__ import annotations

import re

from caseview.extract.findings import _Found
from caseview.extract.models import EntityType

#: What follows an organisation's name and never a person's.
_ORG_AFTER_RE = re.compile(
    r"(?:['’]s (?:shares|share price|stock|chief executive|chief financial|chief operating|head of|board"
    r"|management|employees|staff|headquarters|subsidiary|subsidiaries|website|spokesman|spokeswoman"
    r"|spokesperson|chairman|chairwoman|shareholders|customers|revenue|profits?|sales|plants?|factory"
    r"|factories|operations|fleet)\b"
    r"| (?:employees|shareholders|executives|staff|shares|stock)\b"
    r"|, which (?:has |had |also )?(?:makes|made|operates|operated|owns|runs|employs|produces|produced|sells"
    r"|flies|builds|built|supplies|supplied|manufactures|develops|offers|covers|handles|drilled|since|is owned"
    r"|is funded|is listed|is based|was founded|listed|is controlled)\b"
    r"| (?:president|chairman|chairwoman|chief executive|spokesman|spokeswoman|spokesperson|owner|founder)"
    r" [A-Z])"
)
#: The subject pronoun right after a verb of speech: "X said it had ...", "X said on Monday its ...",
#: "X said in a statement that he ...".
_SPEECH_PRONOUN_RE = re.compile(
    r" (?:said|says|announced|added|confirmed|warned|stated|insisted|argued|explained)"
    r"(?: on \w+| in a statement| late on \w+| earlier| last week| at the time)?,?(?: that)?"
    r" (it|its|he|she|his|her)\b"
)
#: What stands before an organisation's name and never before a person's.
_ORG_BEFORE = ("shares of ", "shares in ", "employees of ", "employees at ", "workers at ", "staff at ")
_PERSON_AFTER_RE = re.compile(r", (?:who |\d{1,3}, )")
_ORG_PRONOUNS = frozenset(("it", "its"))

#: Cues too weak to stand against the evidence around a name's mentions.
_RETYPABLE_CUES = frozenset(("context:said", "surname-list", "first-name", "context:model", "chunk", "acronym"))
#: The weak cues that already say something the vote must outweigh: a product noun next to the name.
_COUNTED_CUES = frozenset(("context:model",))


def mention_evidence(text: str, start: int, end: int) -> tuple[int, int]:
    """(organisation, person) evidence around one mention at ``start``–``end`` of ``text``."""
    organisation = person = 0
    if _ORG_AFTER_RE.match(text, end):
        organisation += 1
    speech = _SPEECH_PRONOUN_RE.match(text, end)
    if speech is not None:
        if speech.group(1) in _ORG_PRONOUNS:
            organisation += 1
        else:
            person += 1
    if _PERSON_AFTER_RE.match(text, end):
        person += 1
    if start >= 10 and text[max(0, start - 13) : start].lower().endswith(_ORG_BEFORE):
        organisation += 1
    return organisation, person


def vote_by_evidence(text: str, items: list[_Found]) -> None:
    """Retype as organisations the weakly typed names whose mentions' evidence says so (in place;
    candidates count and become mentions)."""
    groups: dict[str, list[_Found]] = {}
    clearly_typed: set[str] = set()
    for item in items:
        if item.plain:
            continue
        written = text[item.start : item.end]
        if item.type is None or item.cue in _RETYPABLE_CUES:
            groups.setdefault(written, []).append(item)
        else:
            clearly_typed.add(written)  # a clearer cue types the name; propagation gives that type to the rest
    for written, group in groups.items():
        if written in clearly_typed or all(item.type is EntityType.ORG for item in group):
            continue
        organisation = person = 0
        for item in group:
            found_org, found_person = mention_evidence(text, item.start, item.end)
            organisation += found_org
            person += found_person + (item.cue in _COUNTED_CUES)
        if organisation > person:
            for item in group:
                # A sentence's first word with no cue of its own was only a candidate: the evidence
                # around the name's other mentions makes it a mention, as propagation does.
                item.type, item.cue, item.candidate = EntityType.ORG, "evidence:org", False
