"""The pytest plugin: fixtures that give each test a fresh Zeebe 0.26 fake behind a real gateway.

One gateway per session (per xdist worker), one engine reset per test: cheap isolation, and a
reset ends the previous test's open long polls so nothing leaks from one test into the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from pytest_zeebe.engine.clock import DEFAULT_START
from pytest_zeebe.engine.engine import DEFAULT_MAX_RESOURCE_SIZE, Engine, EngineConfig
from pytest_zeebe.errors import EngineFailureError
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.clock_start import parse_clock_start
from pytest_zeebe.testing.harness import ZeebeHarness

_SERVERS = pytest.StashKey[list[GatewayServer]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("zeebe", "pytest-zeebe: a fake Zeebe 0.26 gateway")
    group.addoption(
        "--zeebe-clock-start",
        dest="zeebe_clock_start",
        default=None,
        help="engine start time: an ISO-8601 instant with offset, or 'now' (default 2021-01-01T00:00:00Z)",
    )
    parser.addini("zeebe_clock_start", help="default for --zeebe-clock-start", default="")
    parser.addini("zeebe_partitions", help="number of partitions of the fake broker (default 1)", default="1")
    parser.addini("zeebe_time_zone", help="IANA zone of FEEL's now() and today() (default UTC)", default="UTC")
    parser.addini(
        "zeebe_max_resource_size",
        help=f"largest deployment resource in bytes (default {DEFAULT_MAX_RESOURCE_SIZE})",
        default=str(DEFAULT_MAX_RESOURCE_SIZE),
    )


@pytest.fixture(scope="session")
def zeebe_clock_start(pytestconfig: pytest.Config) -> datetime:
    """The engine's start time for every test; override this fixture or use --zeebe-clock-start."""
    text = pytestconfig.getoption("zeebe_clock_start") or pytestconfig.getini("zeebe_clock_start")
    return parse_clock_start(text) if text else DEFAULT_START


@pytest.fixture(scope="session")
def zeebe_partition_count(pytestconfig: pytest.Config) -> int:
    """How many partitions the fake broker has; override this fixture or set the zeebe_partitions ini key."""
    return int(pytestconfig.getini("zeebe_partitions") or 1)


@pytest.fixture(scope="session")
def zeebe_max_resource_size(pytestconfig: pytest.Config) -> int:
    """The largest resource a deployment may hold, in bytes (gRPC's 4 MB request limit applies first)."""
    return int(pytestconfig.getini("zeebe_max_resource_size") or DEFAULT_MAX_RESOURCE_SIZE)


@pytest.fixture(scope="session")
def zeebe_time_zone(pytestconfig: pytest.Config) -> str:
    """The zone of FEEL's `now()` and `today()` (Zeebe used the JVM's default zone)."""
    return str(pytestconfig.getini("zeebe_time_zone") or "UTC")


@pytest.fixture(scope="session")
def zeebe_server(
    pytestconfig: pytest.Config,
    zeebe_clock_start: datetime,
    zeebe_partition_count: int,
    zeebe_max_resource_size: int,
    zeebe_time_zone: str,
) -> Iterator[GatewayServer]:
    """The session's gateway on an ephemeral loopback port (one per xdist worker)."""
    config = EngineConfig(
        partition_count=zeebe_partition_count,
        clock_start=zeebe_clock_start,
        max_resource_size=zeebe_max_resource_size,
        time_zone=zeebe_time_zone,
    )
    server = GatewayServer(Engine(config)).start()
    running = pytestconfig.stash.setdefault(_SERVERS, [])
    running.append(server)
    yield server
    running.remove(server)
    server.stop()


@pytest.fixture
def zeebe(zeebe_server: GatewayServer) -> Iterator[ZeebeHarness]:
    """A fresh Zeebe for this test: `address`, `deploy`, `create_instance`, `activate_jobs`,
    `complete_job`, `records`, `clock` (`now()`, `advance(timedelta)`).

    Fails the test at teardown if the fake itself failed while serving it.
    """
    zeebe_server.engine.reset()
    zeebe_server.errors.clear()
    yield ZeebeHarness(zeebe_server)
    failures = [*zeebe_server.engine.errors, *zeebe_server.errors]
    if failures:
        raise EngineFailureError(f"the fake Zeebe failed during this test: {failures[0]!r}") from failures[0]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Safety net: stop any gateway a crashed fixture left running."""
    running = session.config.stash.get(_SERVERS, [])
    while running:
        running.pop().stop()
