"""Fixtures for case-file tests: a workspace over a private copy of the seeds, its case, a scripted case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.casefile import CaseService
from caseview.workspace import Workspace
from tests.casefile.scripted import ScriptedCase, build_scripted_case


@pytest.fixture
def workspace(prepared_seed_corpus: Path) -> Iterator[Workspace]:
    opened = Workspace.open(prepared_seed_corpus)
    yield opened
    opened.close()


@pytest.fixture
def case_service(workspace: Workspace) -> CaseService:
    return workspace.case()


@pytest.fixture
def scripted(case_service: CaseService) -> ScriptedCase:
    return build_scripted_case(case_service)
