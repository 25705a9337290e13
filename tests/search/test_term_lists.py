"""Prefix, wildcard and fuzzy terms expand against cached term lists exactly as Whoosh expands them
against its term tables, and the lists follow the index: a commit (ours or another process's)
reopens only the segments it changed, and a new word is found at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import query as wq

from caseview.search import term_lists
from caseview.search.expansion import _expansion
from caseview.workspace import Workspace

PREFIXES = ["", "a", "con", "secur", "vulnerab", "mytho", "zz", "0", "anthropic"]
PATTERNS = ["con*s", "*tion", "se?ur*", "a*b*", "mythos"]


def _whoosh_expansion(query: wq.Query, reader: object) -> list[tuple[bytes, int]]:
    return [(btext, reader.doc_frequency(query.field(), btext)) for btext in query._btexts(reader)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fieldname", ["exact", "body", "title", "path"])
def test_prefixes_and_patterns_expand_as_whoosh_expands_them(multi_segment: Workspace, fieldname: str) -> None:
    reader = multi_segment.index.searcher().reader()
    assert not reader.is_atomic()
    for prefix in PREFIXES:
        query = wq.Prefix(fieldname, prefix)
        assert list(_expansion(query, reader, None)) == _whoosh_expansion(query, reader), prefix
    for pattern in PATTERNS:
        query = wq.Wildcard(fieldname, pattern)
        assert list(_expansion(query, reader, None)) == _whoosh_expansion(query, reader), pattern


def test_fuzzy_words_come_with_whooshs_document_frequencies(multi_segment: Workspace) -> None:
    reader = multi_segment.index.searcher().reader()
    for probe in ("goverment", "anthropc", "acces"):
        query = wq.FuzzyTerm("exact", probe, maxdist=2)
        expected = sorted((word, reader.doc_frequency("exact", word)) for word in query._btexts(reader))
        assert list(_expansion(query, reader, None)) == expected, probe
        assert expected, probe


def test_a_one_segment_reader_lists_its_terms_like_whoosh(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    try:
        reader = workspace.index.searcher().reader()
        assert reader.is_atomic()
        listed = term_lists.segment_term_list(reader, "exact")
        expected = [(btext, info.doc_frequency()) for btext, info in reader.iter_field("exact")]
        assert list(zip(listed.btexts, listed.frequencies, strict=True)) == expected
        assert term_lists.segment_term_list(reader, "no-such-field").btexts == []
    finally:
        workspace.close()


def _leaves(workspace: Workspace) -> dict[str, object]:
    reader = workspace.index.searcher().reader()
    return {str(sub.segment().segment_id()): sub for sub, _ in reader.leaf_readers()}


def test_our_commit_keeps_the_readers_and_term_lists_of_unchanged_segments(multi_segment: Workspace) -> None:
    before = _leaves(multi_segment)
    lists = {segid: term_lists.segment_term_list(sub, "exact") for segid, sub in before.items()}
    assert multi_segment.search("zebraquokk*").total == 0
    edited = sorted(multi_segment.root.glob("*.txt"))[0]
    edited.write_text("A zebraquokka was seen near the Pentagon.", "utf-8")
    (multi_segment.root / "new.txt").write_text("Another zebraquokkas sighting.", "utf-8")
    multi_segment.refresh()

    after = _leaves(multi_segment)
    edited_segment = {segid for segid, sub in after.items() if segid in before and sub.has_deletions()}
    kept = [segid for segid in after if segid in before and segid not in edited_segment]
    assert kept, "a one-document commit rewrote every segment"
    for segid in kept:
        assert after[segid] is before[segid]
        assert term_lists.segment_term_list(after[segid], "exact") is lists[segid]
    for segid in edited_segment:
        # The segment that lost the edited document's old copy: a new reader (new deletions), same terms.
        assert after[segid] is not before[segid]
        assert term_lists.segment_term_list(after[segid], "exact") is lists[segid]
    found = multi_segment.search("zebraquokk*")
    assert sorted(hit.doc_id for hit in found.hits) == sorted([edited.name, "new.txt"])
    assert found.total == 2
    assert multi_segment.search("zebraquokka~1").total == 2
    assert multi_segment.index.doc_count() == len(list(multi_segment.root.glob("*.txt")))


_OTHER_PROCESS = """
import sys
from pathlib import Path
from caseview.workspace import Workspace
root = Path(sys.argv[1])
(root / "zz-other.txt").write_text("The okapizebra arrived by another process.", "utf-8")
victim = sorted(root.glob("*.txt"))[1]
victim.write_text("Rewritten by another process: okapizebra again.", "utf-8")
Workspace.open(root).close()
"""


def test_a_commit_by_another_process_is_seen_with_no_stale_segment(multi_segment: Workspace) -> None:
    documents = len(list(multi_segment.root.glob("*.txt")))
    before = _leaves(multi_segment)
    for sub in before.values():
        term_lists.segment_term_list(sub, "exact")
    assert multi_segment.search("okapizeb*").total == 0
    victim = sorted(multi_segment.root.glob("*.txt"))[1]
    old_words = victim.read_text("utf-8").split()[:3]

    subprocess.run([sys.executable, "-c", _OTHER_PROCESS, str(multi_segment.root)], check=True, timeout=120)

    found = multi_segment.search("okapizeb*")
    assert sorted(hit.doc_id for hit in found.hits) == sorted(["zz-other.txt", victim.name])
    assert found.total == 2
    # Exactly one copy of every document: no segment or deletion of the older commit came back.
    assert multi_segment.index.doc_count() == documents + 1
    searcher = multi_segment.index.searcher()
    ids = [fields["id"] for fields in searcher.all_stored_fields()]
    assert len(ids) == len(set(ids)) == documents + 1
    old_phrase = multi_segment.search('"' + " ".join(old_words) + '"')
    assert victim.name not in [hit.doc_id for hit in old_phrase.hits]
    after = _leaves(multi_segment)
    assert set(after) != set(before)
    assert any(after[segid] is before[segid] for segid in after if segid in before)


def test_a_kept_one_segment_reader_is_up_to_date_after_a_commit_that_changed_nothing(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    try:
        index = workspace.index
        reader = index.searcher().reader()
        assert reader.is_atomic()
        generation = index.ix.latest_generation()
        index.ix.writer().commit()  # a new generation, the same segment
        assert index.ix.latest_generation() > generation
        searcher = index.searcher()
        assert searcher.reader() is reader
        assert searcher.up_to_date()
        assert index.searcher() is searcher  # not reopened again at every search
        assert workspace.search("Anthropic").total == 5
    finally:
        workspace.close()
