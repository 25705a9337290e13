"""The plan's whole-scan comparison (issue 17): with a uniform extras stamp, a plan compares the scan
with the manifest at once and looks at the differing files alone; it must plan exactly what the
file-by-file comparison plans, in every mix of new, changed, gone, contained, skipped and stamped
documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from caseview.search.manifest import SkippedEntry
from caseview.workspace.ingest import UniformStamp, plan_refresh, uniform_stamp

#: Files of a scan, and documents a manifest may know: files, documents inside files, gone ones.
FILES = ("a.txt", "b/c.txt", "b/d.md", "mail.eml", "box.mbox", "e.txt")
DOCS = (*FILES, "mail.eml/report.pdf", "box.mbox#m1@x", "gone.txt", "gone.eml/old.pdf", "b/mail.eml/x.pdf")
STAMP = st.tuples(st.sampled_from((1, 2)), st.sampled_from((10, 11)), st.sampled_from((0, 5)))


@dataclass
class Scenario:
    """A scan, the manifest's view, and the extras stamps: what a plan is made from."""

    stamps: dict[str, tuple[int, int, int]]
    known: dict[str, tuple[int, int, int, str]]
    skipped: dict[str, SkippedEntry]
    stamp_of: Callable[[str], str]
    apart: bool
    uniform: UniformStamp


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    plain = draw(st.sampled_from(("", "|")))
    stamps = draw(st.dictionaries(st.sampled_from(FILES), STAMP))
    known = {
        doc_id: (*stamp, extras)
        for doc_id, (stamp, extras) in draw(
            st.dictionaries(st.sampled_from(DOCS), st.tuples(STAMP, st.sampled_from((plain, "annotations=1"))))
        ).items()
    }
    # Half the time the manifest is the scan as indexed, give or take a change: the common case.
    if draw(st.booleans()):
        known = {**{file_id: (*stamp, plain) for file_id, stamp in stamps.items()}, **known}
    skipped = {
        doc_id: SkippedEntry(size=size, mtime_ns=mtime, reason="unreadable here", kind="unreadable")
        for doc_id, (size, mtime, _meta) in draw(st.dictionaries(st.sampled_from(DOCS), STAMP, max_size=3)).items()
    }
    exceptions = frozenset(draw(st.sets(st.sampled_from(FILES))))
    others = draw(st.dictionaries(st.sampled_from(DOCS), st.sampled_from((plain, "annotations=2"))))

    def stamp_of(doc_id: str) -> str:
        """The extras stamp: uniform for a file of the scan without a sidecar, anything otherwise."""
        return plain if doc_id in stamps and doc_id not in exceptions else others.get(doc_id, plain)

    return Scenario(stamps, known, skipped, stamp_of, draw(st.booleans()), UniformStamp(plain, exceptions))


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_the_plan_at_once_is_the_plan_file_by_file(scenario: Scenario) -> None:
    made = (scenario.stamps, scenario.known, scenario.skipped, scenario.stamp_of)
    one_by_one = plan_refresh(*made, annotations_apart=scenario.apart)
    at_once = plan_refresh(*made, annotations_apart=scenario.apart, uniform=scenario.uniform)
    assert at_once == one_by_one


def test_an_unchanged_scan_is_planned_without_asking_a_stamp() -> None:
    stamps = {f"f{number}/p{number}.txt": (number, number * 10, 0) for number in range(1000)}
    known = {file_id: (*stamp, "") for file_id, stamp in stamps.items()}
    asked: list[str] = []

    def stamp_of(doc_id: str) -> str:
        asked.append(doc_id)
        return ""

    plan = plan_refresh(stamps, known, {}, stamp_of, uniform=UniformStamp("", frozenset({"f7/p7.txt"})))
    assert (plan.to_read, plan.removed, plan.annotations_only, plan.unchanged) == ([], [], [], 1000)
    assert asked == ["f7/p7.txt"]  # the one file with a sidecar listed beside it


def test_the_uniform_stamp_comes_from_the_sidecar_suffixes_and_the_listed_sidecars() -> None:
    listed = {"b/c.txt.annotations.json", "a.txt.tags", "z.annotations.json.bak"}
    one = uniform_stamp([".annotations.json"], listed)
    assert one == UniformStamp("", frozenset({"b/c.txt"}))
    two = uniform_stamp([".annotations.json", ".tags"], listed)
    assert two == UniformStamp("|", frozenset({"b/c.txt", "a.txt"}))
    assert uniform_stamp([], listed) == UniformStamp("", frozenset())
    assert uniform_stamp([".annotations.json", None], listed) is None  # a stamp that reads anything
