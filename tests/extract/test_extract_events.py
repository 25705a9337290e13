"""Candidate events: evidence spans, actors, actions, time; clusters and flags across sources."""

from datetime import date

from caseview.extract import extract_document


def test_event_evidence_is_the_sentence_and_slices_to_its_text(seed_documents):
    for doc in seed_documents:
        extraction = extract_document(doc.text)
        for event in extraction.events:
            assert doc.text[event.evidence_start : event.evidence_end] == event.evidence_text
            assert event.evidence_start <= event.action_start < event.action_end <= event.evidence_end


def test_event_has_actor_action_object_and_resolved_time():
    text = "Unrelated opener. Treasury secretary Scott Bessent last week summoned the leaders of JPMorgan to discuss risks."
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


def test_negation_is_recorded():
    event = extract_document("The Pentagon did not approve the Claude contract.").events[0]
    assert (event.action, event.negated) == ("approve", True)


def test_opposed_versus_authorised_is_flagged_as_a_possible_contradiction(seed_extraction):
    flags = [f for f in seed_extraction.flags if f.kind == "contradiction"]
    pairs = {
        (f.event_ids[0].split("_")[0], f.event_ids[1].split("_")[0])
        for f in flags
        if "oppose" in f.reason and "authorise" in f.reason
    }
    assert ("001", "004") in pairs


def test_the_meeting_reported_by_two_sources_is_one_cluster(seed_extraction):
    meetings = [e for e in seed_extraction.events if e.action == "meet" and "person:dario-amodei" in e.objects]
    assert {e.doc_id[:3] for e in meetings} >= {"002", "003"}
    assert len({e.cluster for e in meetings}) == 1 and meetings[0].cluster is not None


def test_event_actors_are_entity_ids(seed_extraction):
    ids = {e.id for e in seed_extraction.entities}
    for event in seed_extraction.events:
        assert set(event.actors) | set(event.objects) <= ids
