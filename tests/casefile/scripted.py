"""A scripted case over the seed articles, shared by the case-file and export tests.

It is what the issue's tryout does through the CLI: passages from each article, two of them linked
as contradicting (the administration opposing wider access vs authorising 100+ organisations), an
entity, an event, a graded passage and a free note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseview.casefile import CaseService, Grade
from caseview.casefile.model import EventSnapshot

DOC_000 = "000_465b9804960b177b.txt"
DOC_001 = "001_c0973cc29b59132c.txt"
DOC_002 = "002_029d7ec1a1d3b899.txt"
DOC_003 = "003_dcac92be05b45050.txt"
DOC_004 = "004_8f20206c802690a7.txt"

OPPOSED = "the Trump administration has explicitly opposed expanding the scope of Anthropic’s AI model Mythos"
AUTHORISED = "over 100 US companies and government agencies have been authorized to use Anthropic’s Mythos 5"
TREASURY = "Anthropic is in discussions with the US government about granting access to its new Mythos model"
BYPASS = (
    "the White House is drafting executive guidance that would allow federal agencies to bypass previous "
    "supply chain risk designations"
)
MEETING = (
    "White House chief of staff Susie Wiles and Treasury Secretary Scott Bessent met with Anthropic CEO Dario Amodei"
)


@dataclass(frozen=True)
class ScriptedCase:
    opposed: str
    authorised: str
    treasury: str
    bypass: str
    meeting_event: str
    extracted_event: str
    bessent: str
    note: str
    contradiction: str


def build_scripted_case(service: CaseService) -> ScriptedCase:
    """Fill ``service``'s case with the scripted items; returns their ids."""
    service.set_header(
        title="Mythos access: who decided what?",
        summary="Five reports on the US government and Anthropic's Mythos model disagree on\n"
        "whether the administration opposed or authorised wider access.",
        questions=[
            "Did the administration oppose or authorise wider access to Mythos?",
            "Who met Anthropic, and when?",
        ],
    )
    opposed = service.add_passage(
        DOC_001,
        quote=OPPOSED,
        tags=["access-expansion", "opposition"],
        annotation_note="WSJ via a translated rewrite",
        section="Contradictions",
        grade=Grade(reliability="C", credibility=3),
    )
    authorised = service.add_passage(
        DOC_004,
        quote=AUTHORISED,
        tags=["access-expansion"],
        section="Contradictions",
        note="Aggregator; check the original",
    )
    treasury = service.add_passage(
        DOC_000, quote=TREASURY, tags=["talks"], section="Background", grade=Grade(reliability="B", credibility=2)
    )
    bypass = service.add_passage(DOC_002, quote=BYPASS, section="Background")
    meeting = service.add_event_from_text(
        DOC_003,
        quote=MEETING,
        time_text="Earlier this month",
        actors=["Susie Wiles", "Scott Bessent", "Dario Amodei"],
        section="Timeline",
    )
    extracted = service.add_event(
        EventSnapshot(
            text="Anthropic announced last week that it is investigating a suspected unauthorized access incident",
            doc_id=DOC_001,
            start=None,
            end=None,
            action="announce",
            actors=("Anthropic",),
            time_text="last week",
            start_date=date(2026, 4, 13),
            end_date=date(2026, 4, 19),
            granularity="week",
        ),
        event_id="ev-001-incident",
        section="Timeline",
    )
    bessent = service.add_entity(
        "Scott Bessent", entity_type="PERSON", aliases=["Besant"], role="Treasury Secretary; met Amodei"
    )
    note = service.add_note("Ask the WSJ reporter which ~70 organisations were proposed.")
    contradiction = service.link(
        opposed.id, authorised.id, "contradicts", note="Opposed wider access vs authorised 100+ organisations"
    )
    service.link(meeting.id, treasury.id, "supports")
    return ScriptedCase(
        opposed=opposed.id,
        authorised=authorised.id,
        treasury=treasury.id,
        bypass=bypass.id,
        meeting_event=meeting.id,
        extracted_event=extracted.id,
        bessent=bessent.id,
        note=note.id,
        contradiction=contradiction.id,
    )
