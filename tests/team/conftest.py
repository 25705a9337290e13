"""Fixtures: a real PostgreSQL server per test session, a fresh database per test, analyst roles."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.team.pgcluster import HOW_TO_RUN, Cluster, find_binaries, make_cluster

psycopg = pytest.importorskip("psycopg", reason="the team tests need psycopg: pip install -e '.[team]'")

ANALYSTS = ("analyst_a", "analyst_b", "analyst_c", "analyst_d")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bin_dir = find_binaries()
    if bin_dir is None:
        pytest.skip(HOW_TO_RUN)
    cluster = make_cluster(bin_dir)
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE ROLE caseview_analyst NOLOGIN")
            for name in ANALYSTS:
                admin.execute(f"CREATE ROLE {name} LOGIN IN ROLE caseview_analyst")
        yield cluster
    finally:
        try:
            cluster.stop("immediate")
        finally:
            shutil.rmtree(cluster.folder, ignore_errors=True)


@dataclass(frozen=True)
class TeamDatabase:
    cluster: Cluster
    name: str

    def url(self, user: str | None = None) -> str:
        return self.cluster.url(user, self.name)


@pytest.fixture
def team_db(pg_cluster: Cluster) -> Iterator[TeamDatabase]:
    """A new, empty database owned by the admin; analysts may connect to it."""
    name = f"team_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield TeamDatabase(pg_cluster, name)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "seeds", target)
    return target


@dataclass
class ServerSwitch:
    """Stops and starts the shared server within a test; started again afterwards whatever happens."""

    cluster: Cluster
    stopped: bool = False

    def stop(self) -> None:
        self.cluster.stop()
        self.stopped = True

    def start(self) -> None:
        self.cluster.restart_after()
        self.stopped = False


@pytest.fixture
def server_switch(pg_cluster: Cluster) -> Iterator[ServerSwitch]:
    switch = ServerSwitch(pg_cluster)
    try:
        yield switch
    finally:
        if switch.stopped:
            switch.start()
