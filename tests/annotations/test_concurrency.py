"""Real processes writing one annotation file at once, and writers killed mid-write: nothing is lost."""

from __future__ import annotations

import json
import multiprocessing
import random

import pytest

from caseview.annotations.service import AnnotationService
from tests.w3c_validation import annotation_file_failures

from . import workers
from .conftest import FT_ARTICLE

SPAWN = multiprocessing.get_context("spawn")

# Up to eight writer processes and kill loops: alone on the machine, after the parallel run.
pytestmark = [pytest.mark.serial, pytest.mark.slow]


def test_eight_processes_adding_fifty_annotations_each_lose_none(corpus):
    with SPAWN.Pool(8) as pool:
        done = pool.starmap(workers.add_many, [(str(corpus), FT_ARTICLE, worker, 50) for worker in range(8)])
    assert sum(done) == 400
    annotations = AnnotationService(corpus).list(FT_ARTICLE)
    assert len(annotations) == 400 and len({a.id for a in annotations}) == 400
    assert {t for a in annotations for t in a.tags} == {f"worker-{n}" for n in range(8)}
    data = json.loads((corpus / f"{FT_ARTICLE}.annotations.json").read_text(encoding="utf-8"))
    assert data["total"] == 400 and annotation_file_failures(data) == []


def test_the_audit_log_has_one_line_per_change_from_every_process(corpus):
    with SPAWN.Pool(4) as pool:
        pool.starmap(workers.add_many, [(str(corpus), FT_ARTICLE, worker, 10) for worker in range(4)])
    entries = AnnotationService(corpus).audit.read()
    assert len(entries) == 40 and {e.who for e in entries} == {f"process {n}" for n in range(4)}


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file(corpus):
    rng = random.Random(42)
    path = corpus / f"{FT_ARTICLE}.annotations.json"
    seen = 0
    for _ in range(12):
        started = SPAWN.Event()
        writer = SPAWN.Process(target=workers.add_forever, args=(str(corpus), FT_ARTICLE, started))
        writer.start()
        assert started.wait(120), "the writer never wrote"  # a loaded machine starts processes slowly
        started.clear()
        writer.join(rng.uniform(0.0, 0.15))
        writer.kill()  # SIGKILL: no cleanup, no finally blocks
        writer.join()
        annotations = AnnotationService(corpus).list(FT_ARTICLE)  # parses and validates, or raises
        assert len(annotations) >= seen + 1  # everything written before stays
        seen = len(annotations)
    assert annotation_file_failures(json.loads(path.read_text(encoding="utf-8"))) == []
    AnnotationService(corpus).add_span(FT_ARTICLE, 0, 10)  # and the next writer is not blocked by a stale lock
    assert not list(corpus.glob(f".{FT_ARTICLE}*.tmp"))
