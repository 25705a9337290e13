"""Events: one row per happening (verb-headed, with modality and attribution), rewrites collapsed
into one row with several sources, placement on the timeline, and typed flags across sources."""

import json
from datetime import date

from caseview.extract import extract_corpus, extract_document
from tests.extract.extract_helpers import read_corpus, write_corpus


def test_event_evidence_is_the_sentence_and_slices_to_its_text(seed_documents):
    for doc in seed_documents:
        extraction = extract_document(doc.text)
        for event in extraction.events:
            assert doc.text[event.evidence_start : event.evidence_end] == event.evidence_text
            assert event.evidence_start <= event.action_start < event.action_end <= event.evidence_end


def test_event_has_actor_action_object_and_resolved_time():
    text = "Opener. Treasury secretary Scott Bessent last week summoned the leaders of JPMorgan to discuss risks."
    event = extract_document(text, date(2026, 4, 17)).events[0]
    assert event.action == "summon"
    assert [text[s:e] for s, e in event.actor_mentions] == ["Treasury", "Scott Bessent"]
    assert [text[s:e] for s, e in event.object_mentions] == ["JPMorgan"]
    assert event.time.text == "last week" and event.time.start_date == date(2026, 4, 6)
    assert event.evidence_text.startswith("Treasury secretary")


def test_sentence_splitter_does_not_end_a_sentence_at_us():
    text = "The U.S. government said the Pentagon opposed it."
    event = extract_document(text).events[0]
    assert event.evidence_text == text


def test_negation_is_recorded_as_denied():
    event = extract_document("The Pentagon did not approve the Claude contract.").events[0]
    assert (event.action, event.negated, event.modality) == ("approve", True, "denied")


def test_noun_triggers_are_not_events():
    text = "The authorization of Mythos by the Pentagon was debated. Its release by Anthropic drew praise from Google."
    assert [e.action for e in extract_document(text).events] == []


def test_headings_and_questions_are_not_events():
    text = (
        "Pentagon bans Anthropic from contracts\n"
        "The Pentagon said on Monday it had signed a deal with OpenAI.\n"
        "Why Google Opposes the Pentagon Plan\n"
        "Will the Pentagon ban Anthropic for good?\n"
    )
    events = extract_document(text).events
    assert [e.action for e in events] == ["sign"]


def test_an_if_clause_is_a_hypothesis_not_a_happening():
    text = "Even if the Pentagon lifts the designation against Anthropic, the dispute remains."
    assert extract_document(text).events == ()


def test_one_event_per_clause_the_rest_is_its_object():
    text = "Anthropic refused to sign an agreement allowing the Pentagon to use Claude."
    events = extract_document(text).events
    assert [e.action for e in events] == ["refuse"]
    assert "Pentagon" in events[0].object_text


def test_modality_planned_and_conditional():
    planned = extract_document("Anthropic will release Mythos to Google next month.").events[0]
    conditional = extract_document("Officials said the Pentagon could ban Anthropic from contracts.").events[0]
    assert (planned.action, planned.modality) == ("release", "planned")
    assert (conditional.action, conditional.modality) == ("ban", "conditional")


def test_attribution_is_kept_and_the_outlet_is_not_an_actor():
    text = "According to Axios, the White House is convening companies to discuss Mythos."
    event = extract_document(text).events[0]
    assert event.action == "convene"
    assert event.attribution == "According to Axios"
    assert [text[s:e] for s, e in event.actor_mentions] == ["White House"]


def test_generic_news_verbs_are_events():
    text = (
        "Court and business news\n"
        "A federal jury convicted former Springfield mayor Daniel Okafor of bribery.\n"
        "Microsoft acquired Activision Blizzard for $69 billion.\n"
        "The European Commission fined Google for abusing its search dominance.\n"
        "Senator Maria Lopez resigned from the Senate Finance Committee.\n"
    )
    assert {e.action for e in extract_document(text).events} >= {"convict", "acquire", "fine", "resign"}


def test_grounding_aircraft_is_an_event_and_common_ground_is_not():
    text = (
        "Airline news\n"
        "Pine Ridge Air grounded nine of its turboprops on Monday after mechanics raised concerns.\n"
        "The two unions found common ground on the ground floor of the union hall.\n"
    )
    grounded = [e for e in extract_document(text).events if e.action == "ground"]
    assert len(grounded) == 1 and "nine of its turboprops" in grounded[0].evidence_text


def test_the_names_of_an_aside_about_the_subject_are_not_its_actors():
    text = (
        "Airline news\n"
        "Pine Ridge Air, a regional carrier that flies 38 turboprops between New England and eastern Canada, "
        "grounded nine of its aircraft on Monday.\n"
    )
    (event,) = [e for e in extract_document(text).events if e.action == "ground"]
    assert [text[s:e] for s, e in event.actor_mentions] == ["Pine Ridge Air"]


def _corpus(tmp_path, files, sidecars=None):
    root = write_corpus(tmp_path / "corpus", files)
    for name, meta in (sidecars or {}).items():
        (root / f"{name}.meta.json").write_text(json.dumps(meta), "utf-8")
    return extract_corpus(read_corpus(root), None)


REWRITE_A = (
    "Earlier this month, White House chief of staff Susie Wiles and Treasury Secretary Scott Bessent met with "
    "Anthropic CEO Dario Amodei for what both sides called a productive meeting."
)
REWRITE_B = (
    "Earlier this month, White House Chief of Staff Susie Wiles and Treasury Secretary Scott Bessent met with "
    "Anthropic CEO Dario Amodei, with both sides describing the meeting as productive."
)


def test_two_rewrites_of_one_statement_are_one_row_with_two_sources_and_no_flag(tmp_path):
    extraction = _corpus(tmp_path, {"a.txt": REWRITE_A, "b.txt": REWRITE_B}, {"a.txt": {"date": "2026-04-29"}})
    meetings = [e for e in extraction.events if e.action == "meet"]
    assert len(meetings) == 1
    assert [s.doc_id for s in meetings[0].sources] == ["a.txt", "b.txt"]
    assert meetings[0].source_count == 2
    assert extraction.flags == ()


def test_an_undated_event_sits_at_its_sources_publication_date_and_says_so(tmp_path):
    text = "Body first.\nThe Pentagon signed a contract with OpenAI."
    extraction = _corpus(tmp_path, {"a.txt": text}, {"a.txt": {"date": "2026-06"}})
    event = extraction.events[0]
    assert (event.when, event.when_end) == (date(2026, 6, 1), date(2026, 6, 30))
    assert event.when_source == "publication" and event.when_approximate


def test_a_dated_event_sits_at_its_own_time(tmp_path):
    extraction = _corpus(
        tmp_path,
        {"a.txt": "Body.\nThe Pentagon signed a contract with OpenAI last week."},
        {"a.txt": {"date": "2026-04-17"}},
    )
    event = extraction.events[0]
    assert (event.when, event.when_source) == (date(2026, 4, 6), "text")


def test_opposing_statements_at_unknown_times_are_a_contradiction(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nThe Trump administration has opposed expanding access to Anthropic's Mythos.",
            "b.txt": "Body.\nThe Trump administration authorised agencies to use Anthropic's Mythos.",
        },
    )
    assert [f.kind for f in extraction.flags] == ["contradiction"]


def test_a_later_source_reporting_the_change_is_a_development(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nThe Pentagon banned Anthropic's Claude from its networks.",
            "b.txt": "Body.\nThe Pentagon authorised Anthropic's Claude on its networks.",
        },
        {"a.txt": {"date": "2026-02-10"}, "b.txt": {"date": "2026-06"}},
    )
    assert [f.kind for f in extraction.flags] == ["development"]
    assert extraction.flags[0].event_ids[0].startswith("a.txt")  # the earlier one first


def test_a_plan_does_not_contradict_a_fact(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nThe Pentagon banned Anthropic's Claude from its networks.",
            "b.txt": "Body.\nThe Pentagon would authorise Anthropic's Claude under the draft.",
        },
    )
    assert extraction.flags == ()


def test_counts_that_cannot_both_be_true_are_a_number_discrepancy(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nAnthropic released Mythos to about 50 organizations, Reuters reported.",
            "b.txt": "Body.\nThe White House authorised more than 100 companies to use Anthropic's Mythos.",
        },
    )
    flags = [f for f in extraction.flags if f.kind == "number_discrepancy"]
    assert len(flags) == 1
    assert "about 50 organizations" in flags[0].reason and "more than 100 companies" in flags[0].reason


def test_compatible_counts_are_not_flagged(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nAnthropic released Mythos to about 120 organizations.",
            "b.txt": "Body.\nThe White House authorised more than 100 companies to use Anthropic's Mythos.",
        },
    )
    assert [f for f in extraction.flags if f.kind == "number_discrepancy"] == []


def test_seed_contradiction_and_number_discrepancy_are_flagged(seed_extraction):
    by_kind = {}
    for flag in seed_extraction.flags:
        by_kind.setdefault(flag.kind, set()).add(frozenset(i[:3] for i in flag.event_ids))
    assert frozenset({"001", "004"}) in by_kind["contradiction"]
    assert frozenset({"001", "004"}) in by_kind["number_discrepancy"]


def test_seed_rewrites_are_collapsed_and_never_flagged_against_each_other(seed_extraction):
    meetings = [e for e in seed_extraction.events if e.action == "meet" and "person:dario-amodei" in e.objects]
    assert len(meetings) == 1
    assert {s.doc_id[:3] for s in meetings[0].sources} == {"002", "003"}
    for flag in seed_extraction.flags:
        assert {flag.event_ids[0][:3], flag.event_ids[1][:3]} != {"002", "003"}


def test_seed_rows_stay_few(seed_extraction):
    assert len(seed_extraction.events) <= 45


def test_event_actors_are_entity_ids(seed_extraction):
    ids = {e.id for e in seed_extraction.entities}
    for event in seed_extraction.events:
        assert set(event.actors) | set(event.objects) <= ids


def test_a_collapsed_rewrite_is_found_by_its_own_id(tmp_path):
    extraction = _corpus(tmp_path, {"a.txt": REWRITE_A, "b.txt": REWRITE_B})
    row = next(e for e in extraction.events if e.action == "meet")
    copy = next(s for s in row.sources if s.event_id != row.id)
    assert extraction.event(copy.event_id) == row == extraction.event(row.id)
    assert extraction.event("nowhere#e1-2") is None


def test_the_names_before_said_tell_and_the_named_after_it_act():
    text = "Body.\nBrightwater Capital analyst Nora Lindqvist said Verant Chemicals may need to raise prices."
    (event,) = extract_document(text).events
    assert event.action == "raise" and event.modality == "conditional"
    assert [text[s:e] for s, e in event.actor_mentions] == ["Verant Chemicals"]
    assert event.attribution == "Brightwater Capital analyst Nora Lindqvist said"


def test_a_speaker_whose_told_clause_says_it_acts_is_the_actor():
    text = "Body.\nVerant Chemicals said it will appeal the suspension."
    (event,) = extract_document(text).events
    assert (event.action, event.modality) == ("appeal", "planned")
    assert [text[s:e] for s, e in event.actor_mentions] == ["Verant Chemicals"]


def test_a_trailing_speaker_is_the_attribution_not_an_object_and_its_time_is_not_the_events():
    text = (
        "Body.\nDeputies evacuated residents from Cedar Flats on Tuesday, Sheriff Dana Whitfield told "
        "Riverside Public Radio on Wednesday."
    )
    (event,) = extract_document(text, date(2026, 9, 16)).events
    assert event.action == "evacuate"
    assert [text[s:e] for s, e in event.object_mentions] == ["Cedar Flats"]
    assert event.attribution == "Sheriff Dana Whitfield told Riverside Public Radio on Wednesday"
    assert event.time.text == "on Tuesday"


def test_an_irregular_past_after_an_aside_is_a_verb():
    text = "Body.\nVerant Chemicals, a maker of water-treatment chemicals, bought the plant from Dunmore Industrial."
    assert [e.action for e in extract_document(text).events] == ["acquire"]


def test_a_state_and_a_capital_opening_the_sentence_head_no_event():
    text = (
        "Body.\nRoute 9 between Elm Street and the county line remained closed on Tuesday.\n"
        "Federal rules require Verant Chemicals to report a release.\n"
    )
    assert extract_document(text).events == ()


def test_lifting_an_order_after_a_source_told_of_it_is_a_development(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nSheriff Dana Whitfield ordered the evacuation of the Cedar Flats neighborhood.",
            "b.txt": "Body.\nResidents went home after Sheriff Dana Whitfield lifted the evacuation order.",
        },
        {"a.txt": {"date": "2026-09-15"}, "b.txt": {"date": "2026-09-18"}},
    )
    assert [f.kind for f in extraction.flags] == ["development"]


def test_counts_in_passive_adjectival_and_active_form_are_compared(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nPine Ridge Air reported 60 cancelled flights on Monday.",
            "b.txt": "Body.\nOn Monday, Pine Ridge Air cancelled 75 flights.",
            "c.txt": "Body.\nAbout 70 flights of Pine Ridge Air were cancelled on Monday.",
        },
    )
    flags = [f for f in extraction.flags if f.kind == "number_discrepancy"]
    assert len(flags) == 1
    assert "60 cancelled flights" in flags[0].reason and "75 flights" in flags[0].reason


def test_counts_of_different_happenings_are_not_a_discrepancy(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nVerant Chemicals closed its plant after about 200 people in Cedar Flats were evacuated.",
            "b.txt": "Body.\nVerant Chemicals paid the bills of 14 people in Cedar Flats who were treated in hospital.",
        },
    )
    assert [f for f in extraction.flags if f.kind == "number_discrepancy"] == []


def test_the_place_of_a_dateline_is_not_the_actor_of_the_first_sentence():
    text = "Airline news\nMILLBROOK, Sept. 16 — Deputies evacuated more than 150 residents from Cedar Flats.\n"
    (event,) = extract_document(text, date(2026, 9, 16)).events
    assert event.action == "evacuate"
    assert event.actor_mentions == () and event.time is None  # the day it was filed is not the event's
    assert [text[s:e] for s, e in event.object_mentions] == ["Cedar Flats"]


def test_two_accounts_counting_one_thing_differently_are_two_rows_not_copies(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nAbout 200 flights of Pine Ridge Air were cancelled on Monday.",
            "b.txt": "Body.\nPine Ridge Air cancelled more than 150 flights on Monday.",
        },
    )
    assert sorted(len(e.sources) for e in extraction.events if e.action == "cancel") == [1, 1]


def test_a_possessive_name_the_sentence_leaves_is_not_the_subject_but_one_before_its_verb_is():
    left = "Body.\nWhile it suggests trust in Anthropic's security protocols, it also introduces complexities.\n"
    assert extract_document(left).events == ()
    kept = "Body.\nAnthropic's lawyers filed a motion in the case.\n"
    (event,) = extract_document(kept).events
    assert (event.action, [kept[s:e] for s, e in event.actor_mentions]) == ("file", ["Anthropic"])


def test_one_actor_criticising_and_supporting_are_two_statements_not_copies(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nThe United Steelworkers Local 412, which represents the plant's workers, criticized "
            "Verant's maintenance schedule.",
            "b.txt": "Body.\nThe union representing the plant's workers, the United Steelworkers Local 412, said it "
            "supported the suspension.",
        },
    )
    assert sorted(len(e.sources) for e in extraction.events) == [1, 1]


def test_the_speaker_after_a_quote_is_its_source_not_the_object_of_its_verb():
    said_name = (
        'Body.\n"Our wastewater has been treated and permitted by Corran County for decades," spokesman Rick '
        "Albers said in a statement.\n"
    )
    (event,) = extract_document(said_name).events
    assert [said_name[s:e] for s, e in event.object_mentions] == ["Corran County"]
    assert event.attribution == "spokesman Rick Albers said in a statement"
    name_said = (
        'Body.\n"We are asking every household to use bottled water until further notice," said Dr. Miriam '
        "Osei, the county's health officer.\n"
    )
    assert all("Osei" not in name_said[s:e] for e in extract_document(name_said).events for s, e in e.object_mentions)


def test_finding_convening_acknowledging_handing_out_sending_and_sampling_are_events():
    text = (
        "Water news\n"
        "Residents stopped drinking tap water after tests found PFAS chemicals at Brackwell.\n"
        "Mayor Teresa Lund called an emergency session of the Brackwell City Council for Wednesday.\n"
        "Halvern Coatings acknowledged for the first time that a tank overflowed.\n"
        "Corran County will hand out bottled water at Brackwell High School starting Monday.\n"
        "The Environmental Protection Agency sent a team to Brackwell.\n"
        "The Oregon Department of Environmental Quality took samples from the ditch at Lake Corran.\n"
    )
    actions = {e.action for e in extract_document(text).events}
    assert actions >= {"find", "convene", "acknowledge", "distribute", "send", "sample"}


def test_what_a_source_said_it_would_do_is_planned_unless_a_condition_follows():
    planned = "Body.\nThe Environmental Protection Agency said it would send a team to Brackwell next week.\n"
    (event,) = extract_document(planned).events
    assert (event.action, event.modality) == ("send", "planned")
    conditional = (
        "Body.\nMayor Teresa Lund said the city would sue Halvern if the DEQ confirmed the ditch as the source.\n"
    )
    (event,) = extract_document(conditional).events
    assert (event.action, event.modality) == ("sue", "conditional")


def test_households_served_relying_and_affected_are_one_count_told_to_the_hundred(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nTests found PFAS chemicals at the Lakeside plant in Brackwell. About 4,200 households "
            "are served by the Lakeside plant.",
            "b.txt": "Body.\nHalvern Coatings acknowledged a spill in Brackwell. The county now says about 5,100 "
            "households rely on the Lakeside plant.",
        },
    )
    flags = [f for f in extraction.flags if f.kind == "number_discrepancy"]
    assert len(flags) == 1
    assert "About 4,200 households" in flags[0].reason and "about 5,100 households" in flags[0].reason


def test_counts_about_one_population_within_their_rounding_are_not_flagged(tmp_path):
    extraction = _corpus(
        tmp_path,
        {
            "a.txt": "Body.\nTests found PFAS chemicals at the Lakeside plant. About 4,200 households are served by "
            "the Lakeside plant.",
            "b.txt": "Body.\nTests found PFAS chemicals at the Lakeside plant. Roughly 4,300 households rely on the "
            "Lakeside plant.",
        },
    )
    assert [f for f in extraction.flags if f.kind == "number_discrepancy"] == []


def test_what_a_vote_decided_is_its_object_not_a_name_in_the_purpose_of_it():
    text = (
        "Body.\nThe Brackwell City Council voted 5-2 on Wednesday to hire an independent laboratory to test "
        "private wells around Lake Corran.\n"
    )
    (event,) = extract_document(text).events
    assert event.action == "vote"
    assert "Lake Corran" not in [text[s:e] for s, e in event.object_mentions]
    assert event.object_text.endswith("to hire an independent laboratory")


def test_those_told_in_the_passive_are_no_speakers_and_a_clause_with_its_own_subject_has_no_actor():
    text = (
        "Body.\nResidents of Brackwell were told on Sunday to stop drinking tap water after tests found PFAS "
        "chemicals at levels far above the federal limit, the Corran County Health Department said.\n"
    )
    (event,) = [e for e in extract_document(text).events if e.action == "find"]
    assert event.attribution == "the Corran County Health Department said"
    assert event.actor_mentions == ()
    assert [text[s:e] for s, e in event.object_mentions] == ["PFAS"]
