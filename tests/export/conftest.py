"""The export tests use the case-file fixtures (a workspace over the seeds and a scripted case)."""

from tests.casefile.conftest import case_service, scripted, workspace  # noqa: F401
