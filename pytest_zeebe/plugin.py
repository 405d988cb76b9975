"""The pytest plugin: fixtures that give each test a fresh Zeebe 0.26 fake behind a real gateway.

One gateway per session (per xdist worker), one engine reset per test: cheap isolation, and a
reset ends the previous test's open long polls so nothing leaks from one test into the next.
With `--zeebe-address` the same tests run against a real gateway instead.

Every pytest run in the environment imports this module, most of them never touching Zeebe, so
it imports nothing heavy: the engine, gateway, model, FEEL, grpc, lxml and YAML load inside the
fixtures, on first use.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pytest_zeebe.settings import (
    DEFAULT_CLOCK_START,
    DEFAULT_MAX_RESOURCE_SIZE,
    MAX_PARTITIONS,
    Settings,
    parse_address,
    parse_bool,
    parse_clock_start,
    parse_positive_int,
    parse_time_zone,
)

if TYPE_CHECKING:
    from pytest_zeebe.gateway.server import GatewayServer
    from pytest_zeebe.testing.harness import ZeebeHarness
    from pytest_zeebe.testing.remote import RemoteBackend


@dataclass
class _Options:
    """The session's settings, read and checked once at configure time."""

    settings: Settings
    address: str | None
    allow_incidents: bool = False
    servers: list[GatewayServer] = field(default_factory=list)


_OPTIONS = pytest.StashKey[_Options]()
_CALL_FAILED = pytest.StashKey[bool]()

_MARKERS = (
    "zeebe_deploy(*resources): deploy these BPMN/YAML files (relative to the test module) before the test",
    "zeebe_fake_only: needs the embedded fake (clock, records, assertions); skipped with --zeebe-address",
    "zeebe_allow_incidents: an incident still open at the end of this test does not fail it",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("zeebe", "pytest-zeebe: a fake Zeebe 0.26 gateway")
    group.addoption(
        "--zeebe-clock-start",
        dest="zeebe_clock_start",
        default=None,
        help="engine start time: an ISO-8601 instant with offset, or 'now' (default 2021-01-01T00:00:00Z)",
    )
    group.addoption(
        "--zeebe-max-resource-size",
        dest="zeebe_max_resource_size",
        default=None,
        help="largest deployment resource in bytes (default: no limit of our own; gRPC's 4 MB request limit applies)",
    )
    group.addoption(
        "--zeebe-address",
        dest="zeebe_address",
        default=None,
        help="run against the real Zeebe 0.26 gateway at host:port instead of the embedded fake",
    )
    group.addoption(
        "--zeebe-allow-incidents",
        dest="zeebe_allow_incidents",
        action="store_true",
        default=None,
        help="an incident still open at the end of a test that no assertion named does not fail the test",
    )
    parser.addini("zeebe_clock_start", help="default for --zeebe-clock-start", default="")
    parser.addini("zeebe_max_resource_size", help="default for --zeebe-max-resource-size", default="")
    parser.addini("zeebe_address", help="default for --zeebe-address", default="")
    parser.addini("zeebe_partitions", help="number of partitions of the fake broker (default 1)", default="1")
    parser.addini("zeebe_time_zone", help="IANA zone of FEEL's now() and today() (default UTC)", default="UTC")
    parser.addini("zeebe_allow_incidents", help="default for --zeebe-allow-incidents (true/false)", default="false")


_ON_COMMAND_LINE = frozenset({"zeebe_clock_start", "zeebe_max_resource_size", "zeebe_address", "zeebe_allow_incidents"})
"""Settings with a command-line option; partitions and time zone are ini-only (a suite's, not a run's)."""


def _setting(config: pytest.Config, name: str) -> str:
    """The command line's value if given, else the ini file's ('' if neither)."""
    given = config.getoption(name) if name in _ON_COMMAND_LINE else None
    return str(given if given is not None else config.getini(name) or "").strip()


def pytest_configure(config: pytest.Config) -> None:
    for marker in _MARKERS:
        config.addinivalue_line("markers", marker)
    try:
        clock_start = _setting(config, "zeebe_clock_start")
        size = _setting(config, "zeebe_max_resource_size")
        address = _setting(config, "zeebe_address")
        settings = Settings(
            partitions=parse_positive_int(
                "zeebe_partitions", _setting(config, "zeebe_partitions") or "1", MAX_PARTITIONS
            ),
            clock_start=parse_clock_start(clock_start) if clock_start else DEFAULT_CLOCK_START,
            time_zone=parse_time_zone(_setting(config, "zeebe_time_zone") or "UTC"),
            max_resource_size=parse_positive_int("zeebe_max_resource_size", size)
            if size
            else DEFAULT_MAX_RESOURCE_SIZE,
        )
        options = _Options(
            settings,
            parse_address(address) if address else None,
            allow_incidents=parse_bool("zeebe_allow_incidents", _setting(config, "zeebe_allow_incidents") or "false"),
        )
    except ValueError as error:
        raise pytest.UsageError(f"pytest-zeebe: {error}") from None
    config.stash[_OPTIONS] = options


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --zeebe-address, skip (visibly) the tests marked as needing the embedded fake."""
    address = config.stash[_OPTIONS].address
    if address is None:
        return
    skip = pytest.mark.skip(reason=f"needs the embedded fake Zeebe; this run uses --zeebe-address={address}")
    for item in items:
        if item.get_closest_marker("zeebe_fake_only") is not None:
            item.add_marker(skip)


# -- settings, as overridable session fixtures ----------------------------------------------------


@pytest.fixture(scope="session")
def zeebe_clock_start(pytestconfig: pytest.Config) -> datetime:
    """The engine's start time for every test (--zeebe-clock-start, ini zeebe_clock_start)."""
    return pytestconfig.stash[_OPTIONS].settings.clock_start


@pytest.fixture(scope="session")
def zeebe_partition_count(pytestconfig: pytest.Config) -> int:
    """How many partitions the fake broker has (ini zeebe_partitions)."""
    return pytestconfig.stash[_OPTIONS].settings.partitions


@pytest.fixture(scope="session")
def zeebe_max_resource_size(pytestconfig: pytest.Config) -> int:
    """The largest resource a deployment may hold, in bytes (gRPC's 4 MB request limit applies first)."""
    return pytestconfig.stash[_OPTIONS].settings.max_resource_size


@pytest.fixture(scope="session")
def zeebe_time_zone(pytestconfig: pytest.Config) -> str:
    """The zone of FEEL's `now()` and `today()` (ini zeebe_time_zone; Zeebe used the JVM's zone)."""
    return pytestconfig.stash[_OPTIONS].settings.time_zone


@pytest.fixture(scope="session")
def zeebe_allow_incidents(pytestconfig: pytest.Config) -> bool:
    """Whether an open incident no assertion named may end a test (--zeebe-allow-incidents, ini
    zeebe_allow_incidents; default False: it fails the test at teardown)."""
    return pytestconfig.stash[_OPTIONS].allow_incidents


@pytest.fixture(scope="session")
def zeebe_gateway_address(pytestconfig: pytest.Config) -> str | None:
    """The real gateway to run against (--zeebe-address, ini zeebe_address), or None: the embedded fake."""
    return pytestconfig.stash[_OPTIONS].address


# -- the gateway and the harness ------------------------------------------------------------------


@pytest.fixture(scope="session")
def zeebe_server(
    pytestconfig: pytest.Config,
    zeebe_gateway_address: str | None,
    zeebe_clock_start: datetime,
    zeebe_partition_count: int,
    zeebe_max_resource_size: int,
    zeebe_time_zone: str,
) -> Iterator[GatewayServer]:
    """The session's embedded gateway on a free loopback port (one per xdist worker)."""
    __tracebackhide__ = True
    if zeebe_gateway_address is not None:
        from pytest_zeebe.errors import FakeOnlyError

        raise FakeOnlyError(
            f"the zeebe_server fixture is the embedded gateway; this run uses --zeebe-address={zeebe_gateway_address}"
        )
    from pytest_zeebe.engine.engine import Engine
    from pytest_zeebe.gateway.server import GatewayServer

    settings = Settings(
        partitions=zeebe_partition_count,
        clock_start=zeebe_clock_start,
        time_zone=zeebe_time_zone,
        max_resource_size=zeebe_max_resource_size,
    )
    try:
        config = settings.engine_config()
    except ValueError as error:
        raise pytest.UsageError(f"pytest-zeebe: {error}") from None
    server = GatewayServer(Engine(config)).start()
    running = pytestconfig.stash[_OPTIONS].servers
    running.append(server)
    yield server
    running.remove(server)
    server.stop()


@pytest.fixture(scope="session")
def _zeebe_remote(zeebe_gateway_address: str | None) -> Iterator[RemoteBackend]:
    """One channel to the real gateway for the session."""
    from pytest_zeebe.testing.remote import RemoteBackend

    assert zeebe_gateway_address is not None
    backend = RemoteBackend(zeebe_gateway_address, how=f"--zeebe-address={zeebe_gateway_address}")
    yield backend
    backend.close()


@pytest.fixture
def zeebe(
    request: pytest.FixtureRequest, zeebe_gateway_address: str | None, zeebe_allow_incidents: bool
) -> Iterator[ZeebeHarness]:
    """A fresh Zeebe for this test.

    Members: `address`, `stub`, `deploy`, `create_instance`, `create_instance_with_result`,
    `activate_jobs`, `complete_job`, `fail_job`, `throw_error`, `update_job_retries`,
    `resolve_incident`, `cancel_instance`, `set_variables`, `publish_message`, `jobs()`,
    `incidents()`, `worker(type)` (mock workers), `run_until_idle()`, `records` (a query),
    `clock` (`now()`, `advance()`, `advance_to()`, `next_due()`), `snapshot()` / `restore()`,
    `wait_until(predicate, timeout)`, `assert_that(x)`, `server`, `embedded`, `reset()`.
    Files of `@pytest.mark.zeebe_deploy(...)` are deployed first. Fails the test at teardown if the
    fake itself failed while serving it, or (unless allowed) if an incident is still open that no
    assertion named.
    """
    __tracebackhide__ = True
    from pytest_zeebe.testing.assertions import active
    from pytest_zeebe.testing.harness import ZeebeHarness

    if zeebe_gateway_address is None:
        harness = ZeebeHarness(request.getfixturevalue("zeebe_server"))
        harness.reset()
    else:
        harness = ZeebeHarness(request.getfixturevalue("_zeebe_remote"))
    try:
        with active(harness):
            _deploy_marked(request.node, harness)
            yield harness
        harness.check_failures()
        allowed = zeebe_allow_incidents or request.node.get_closest_marker("zeebe_allow_incidents") is not None
        if not allowed and not request.node.stash.get(_CALL_FAILED, False):
            harness.check_incidents()
    finally:
        harness.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember whether the test itself failed: an unasserted incident is then no extra error."""
    report = yield
    if call.when == "call" and report.failed:
        item.stash[_CALL_FAILED] = True
    return report


def _deploy_marked(item: pytest.Item, harness: ZeebeHarness) -> None:
    """Deploy each zeebe_deploy marker's files, module's first, then class's, then the test's."""
    markers = list(item.iter_markers("zeebe_deploy"))
    base = item.path.parent
    for marker in reversed(markers):
        if not marker.args:
            raise pytest.UsageError("@pytest.mark.zeebe_deploy needs at least one resource file")
        harness.deploy(*(base / Path(resource) for resource in marker.args))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Safety net: stop any gateway a crashed fixture left running."""
    options = session.config.stash.get(_OPTIONS, None)
    while options is not None and options.servers:
        options.servers.pop().stop()
