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
from dataclasses import dataclass

from caseview.extract.findings import _Found
from caseview.extract.lexicon import wordlists
from caseview.extract.models import EntityType

#: What follows an organisation's name and never a person's.
_ORG_AFTER = (
    r"['’]s (?:shares|share price|stock|chief executive|chief financial|chief operating|head of|board"
    r"|management|employees|staff|headquarters|subsidiary|subsidiaries|website|spokesman|spokeswoman"
    r"|spokesperson|chairman|chairwoman|shareholders|customers|revenue|profits?|sales|plants?|factory"
    r"|factories|operations|fleet)\b"
    r"| (?:employees|shareholders|executives|staff|shares|stock)\b"
    r"|, which (?:has |had |also )?(?:makes|made|operates|operated|owns|runs|employs|produces|produced|sells"
    r"|flies|builds|built|supplies|supplied|manufactures|develops|offers|covers|handles|drilled|since|is owned"
    r"|is funded|is listed|is based|was founded|listed|is controlled)\b"
    # "X, which has run a plant since 1978", "X, which had sold the tour": a person is "who", not
    # "which", and a perfect tense says X acts (a place "has" residents, it does not "have run").
    r"|, which (?:has|had) (?:\w+ed|run|sold|bought|built|made|paid|won|lost|spent|held|led|taken|kept"
    r"|brought|grown|cut|become)\b"
    r"| (?:president|chairman|chairwoman|chief executive|spokesman|spokeswoman|spokesperson|owner|founder)"
    r" [A-Z]"
)
#: The subject pronoun right after a verb of speech: "X said it had ...", "X said on Monday its ...",
#: "X said in a statement that he ...".
_SPEECH_PRONOUN = (
    r" (?:said|says|announced|added|confirmed|warned|stated|insisted|argued|explained)"
    r"(?: on \w+| in a statement| late on \w+| earlier| last week| at the time)?,?(?: that)?"
    r" (?P<pronoun>it|its|he|she|his|her)\b"
)
#: What follows a person's name: "X, who ...", "X, 41, ...".
_PERSON_AFTER = r", (?:who |\d{1,3}, )"
#: The three read in one match: they start differently ("'s", a word, ", which" / ", who"), so at
#: most one of them holds after a name.
_AFTER_RE = re.compile(rf"(?P<org>{_ORG_AFTER})|{_SPEECH_PRONOUN}|(?P<person>{_PERSON_AFTER})")
#: What stands before an organisation's name and never before a person's.
_ORG_BEFORE = ("shares of ", "shares in ", "employees of ", "employees at ", "workers at ", "staff at ")
_ORG_PRONOUNS = frozenset(("it", "its"))
#: What stands before a place's name: "near Visp", "the port of Sines".
_PLACE_BEFORE = ("near ", "outside ", "town of ", "city of ", "port of ", "village of ", "suburb of ")
#: "a stake in X", "invested in X": an "in" that does not make a place of what follows it.
_NOT_PLACE_IN = ("stake in ", "shares in ", "invested in ", "investment in ", "interest in ", "role in ")

#: Cues too weak to stand against the evidence around a name's mentions.
_RETYPABLE_CUES = frozenset(
    ("context:said", "context:said-org", "surname-list", "first-name", "context:model", "chunk", "acronym")
)
#: The cue of a lone word typed an organisation only because it speaks.
SPEAKER_CUE = "evidence:speaker"
#: A verb of speech right after a name.
_SPEAKS_RE = re.compile(r"(?:,)? (?:said|says|told|added|announced|confirmed|declined|warned|stated)\b")
#: The weak cues that already say something the vote must outweigh: a product noun next to the name.
_COUNTED_CUES = frozenset(("context:model",))


@dataclass(slots=True)
class Evidence:
    """How many cues around a name's mentions point to each kind of thing."""

    organisation: int = 0
    person: int = 0
    place: int = 0


def mention_evidence(text: str, start: int, end: int, evidence: Evidence) -> None:
    """Add the evidence around one mention at ``start``–``end`` of ``text`` to ``evidence``."""
    after = _AFTER_RE.match(text, end)
    if after is not None:
        if after.group("org") is not None:
            evidence.organisation += 1
        elif after.group("person") is not None:
            evidence.person += 1
        elif after.group("pronoun") in _ORG_PRONOUNS:
            evidence.organisation += 1
        else:
            evidence.person += 1
    before = text[max(0, start - 16) : start].lower()
    if before.endswith(_ORG_BEFORE):
        evidence.organisation += 1
    if before.endswith(_PLACE_BEFORE) or (
        # "its plant in Visp.": an "in" closing the phrase (not "in Visp's factory", not "a stake in X")
        before.endswith(" in ") and text[end : end + 1] in (",", ".") and not before.endswith(_NOT_PLACE_IN)
    ):
        evidence.place += 1


def vote_by_evidence(text: str, items: list[_Found]) -> None:
    """Retype the weakly typed names whose mentions' evidence says what they are (in place;
    candidates count and become mentions): organisations, and places among names nothing typed."""
    groups: dict[str, list[_Found]] = {}
    others: list[_Found] = []
    for item in items:
        if item.plain:
            continue
        if item.type is None or item.cue in _RETYPABLE_CUES:
            groups.setdefault(text[item.start : item.end], []).append(item)
        else:
            others.append(item)
    if not groups:
        return
    # A clearer cue types the name elsewhere: propagation gives that type to the rest. Only a name
    # as long as one of the groups' can be one of them (most are not sliced at all).
    sizes = {len(written) for written in groups}
    clearly_typed = {text[o.start : o.end] for o in others if o.end - o.start in sizes}
    surnames = {text[item.start : item.end].rsplit(" ", 1)[-1] for item in items if item.type is EntityType.PERSON}
    for written, group in groups.items():
        if written in clearly_typed or all(item.type is EntityType.ORG for item in group):
            continue
        # A lone word that speaks and is no person's surname in the document, nor a given name: news
        # names a person in full before it shortens the name, so this is an organisation speaking.
        lone_speaker = " " not in written and written not in surnames and written not in wordlists().given_names
        evidence = Evidence()
        spoke = 0
        for item in group:
            mention_evidence(text, item.start, item.end, evidence)
            evidence.person += item.cue in _COUNTED_CUES
            if lone_speaker and item.type is None and _SPEAKS_RE.match(text, item.end):
                spoke += 1
        if evidence.organisation + spoke > max(evidence.person, evidence.place):
            # Speaking alone is the weaker evidence: across documents the word may still be the
            # surname of a person another document names in full (``aliases`` merges it there).
            retyped, cue = EntityType.ORG, "evidence:org" if evidence.organisation else SPEAKER_CUE
        elif evidence.place > max(evidence.person, evidence.organisation) and all(i.type is None for i in group):
            retyped, cue = EntityType.GPE, "evidence:place"
        else:
            continue
        for item in group:
            # A sentence's first word with no cue of its own was only a candidate: the evidence
            # around the name's other mentions makes it a mention, as propagation does.
            item.type, item.cue, item.candidate = retyped, cue, False
