"""`zeebe`: what a test holds, with or without pytest.

A harness drives one Zeebe through one backend: the embedded engine behind our gateway (the
default), or a real gateway over gRPC (`--zeebe-address`, `ZeebeHarness.connect`). Commands look
and fail the same on both; what only the embedded fake can offer (clock, records, assertions on
records, reset) raises `FakeOnlyError` on a real gateway. Used from plain Python::

    with ZeebeHarness.start() as zeebe:          # an engine and a gateway on a free port
        zeebe.deploy("order.bpmn")
        ...
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_zeebe.errors import EngineFailureError, InvalidResourceError, UnassertedIncidentError
from pytest_zeebe.settings import Settings
from pytest_zeebe.testing import assertions, waiting
from pytest_zeebe.testing.clock_control import ZeebeClock
from pytest_zeebe.testing.embedded import EmbeddedBackend
from pytest_zeebe.testing.harness_commands import HarnessCommands, KeyOf, _document, key_of
from pytest_zeebe.testing.records import RecordQuery
from pytest_zeebe.testing.remote import RemoteBackend
from pytest_zeebe.testing.results import ActivatedJob, Deployment, WorkflowInstance

if TYPE_CHECKING:
    import grpc

    from pytest_zeebe.engine.engine import Snapshot as EngineSnapshot
    from pytest_zeebe.gateway.server import GatewayServer
    from pytest_zeebe.model import ResourceKind
    from pytest_zeebe.testing.grpc_stub import GatewayStub
    from pytest_zeebe.testing.mock_workers import MockWorkers, WorkersSnapshot

Resource = str | os.PathLike[str] | tuple[str, bytes | str]
_T = TypeVar("_T")

NO_RECORDS = "a real gateway does not serve the record log (Zeebe exports it to exporters, not to clients)"
NO_ASSERTIONS = "assertions read the record log, which a real gateway does not serve"
UNASSERTED_INCIDENTS = (
    "{count} still open at the end of the test, and no assertion named {them}:\n{listing}\n"
    "Assert {them} (assert_that(instance).has_incident(...), assert_that(incident), zeebe.incidents()), "
    "resolve {them}, or allow incidents: @pytest.mark.zeebe_allow_incidents, --zeebe-allow-incidents or "
    "ini zeebe_allow_incidents = true."
)


@dataclass(frozen=True, slots=True)
class HarnessSnapshot:
    """The embedded Zeebe at one moment (`zeebe.snapshot()`): engine state, records, keys, clock,
    and the mock workers' deferred jobs and invocations."""

    engine: EngineSnapshot
    workers: WorkersSnapshot | None
    named_incidents: frozenset[int]


class ZeebeHarness(HarnessCommands):
    """A Zeebe 0.26 for a test: point clients at `address`, or drive it directly.

    ``ZeebeHarness(server)`` drives an embedded `GatewayServer` you run (and leaves it running);
    `start()` makes an engine and gateway of its own, `connect()` talks to a real gateway. The
    pytest fixture `zeebe` does this for you.

    :param target: the gateway server, or a backend.
    :param owns_backend: close the backend with the harness.
    """

    def __init__(self, target: GatewayServer | EmbeddedBackend | RemoteBackend, *, owns_backend: bool = False) -> None:
        backend = target if isinstance(target, EmbeddedBackend | RemoteBackend) else EmbeddedBackend(target)
        self._backend = backend
        self._owns_backend = owns_backend
        self._channel: grpc.Channel | None = None
        self._stub: GatewayStub | None = None
        self._records = RecordQuery(backend) if isinstance(backend, EmbeddedBackend) else None
        self._clock = ZeebeClock(backend.engine) if isinstance(backend, EmbeddedBackend) else None
        self._activation: AbstractContextManager[ZeebeHarness] | None = None
        self._workers: MockWorkers | None = None
        self._named_incidents: set[int] = set()

    @classmethod
    def start(
        cls,
        settings: Settings | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> ZeebeHarness:
        """A new embedded engine and gateway on `host:port` (0 picks a free port); `close()` stops them."""
        return cls(EmbeddedBackend.start(settings or Settings(), host=host, port=port), owns_backend=True)

    @classmethod
    def connect(cls, address: str, *, how: str | None = None) -> ZeebeHarness:
        """A harness for the real Zeebe 0.26 gateway at `address` (`host:port`, plaintext)."""
        return cls(RemoteBackend(address, how=how), owns_backend=True)

    # -- where and what -------------------------------------------------------------------------

    @property
    def address(self) -> str:
        """`host:port` of the gateway: plaintext gRPC, for any Zeebe 0.26 client."""
        return self._backend.address

    @property
    def embedded(self) -> bool:
        """True on the embedded fake, False against a real gateway."""
        return isinstance(self._backend, EmbeddedBackend)

    def _fake(self, feature: str, reason: str) -> EmbeddedBackend:
        __tracebackhide__ = True
        if isinstance(self._backend, RemoteBackend):
            raise self._backend.fake_only(feature, reason)
        return self._backend

    @property
    def server(self) -> GatewayServer:
        """The embedded `GatewayServer` (its engine, long polls and errors)."""
        __tracebackhide__ = True
        return self._fake("zeebe.server", "there is no embedded gateway server").server

    @property
    def records(self) -> RecordQuery:
        """The record log as a query: ``zeebe.records.jobs(type="payment")`` (see `RecordQuery`)."""
        __tracebackhide__ = True
        self._fake("zeebe.records", NO_RECORDS)
        assert self._records is not None
        return self._records

    @property
    def clock(self) -> ZeebeClock:
        """Engine time: `now()`, `millis()`, `advance(timedelta)`."""
        __tracebackhide__ = True
        self._fake("zeebe.clock", "a real broker's clock cannot be read or moved by a client")
        assert self._clock is not None
        return self._clock

    @property
    def stub(self) -> GatewayStub:
        """A ready `gateway_protocol.Gateway` client on `address`: ``zeebe.stub.Topology(
        zeebe.stub.messages.TopologyRequest())``. No `zeebe-grpc` needed."""
        if isinstance(self._backend, RemoteBackend):
            return self._backend.stub
        if self._stub is None:
            import grpc

            from pytest_zeebe.testing.grpc_stub import GatewayStub

            self._channel = grpc.insecure_channel(self.address)
            self._stub = GatewayStub(self._channel)
        return self._stub

    def assertion_records(self, feature: str) -> RecordQuery:
        """The record log for an assertion, or FakeOnlyError naming `feature`."""
        __tracebackhide__ = True
        self._fake(feature, NO_ASSERTIONS)
        assert self._records is not None
        return self._records

    # -- commands -------------------------------------------------------------------------------

    def deploy(self, *resources: Resource) -> Deployment:
        """Deploy BPMN or YAML resources: file paths, or `(name, content)` pairs.

        :raises DeploymentRejectedError: with Zeebe's validation report as the message.
        """
        return self._backend.deploy([_load(resource) for resource in resources])

    def create_instance(
        self, bpmn_process_id: str, variables: Mapping[str, Any] | None = None, version: int = -1
    ) -> WorkflowInstance:
        """Start an instance of the latest (or the given) version of `bpmn_process_id`."""
        return self._backend.create_instance(bpmn_process_id, _document(variables), version)

    def activate_jobs(
        self, job_type: str, *, max_jobs: int = 32, timeout_ms: int = 300_000, worker: str = "pytest-zeebe"
    ) -> list[ActivatedJob]:
        """Activate up to `max_jobs` jobs of `job_type` now (no waiting), lowest key first."""
        return self._backend.activate_jobs(job_type, max_jobs=max_jobs, timeout_ms=timeout_ms, worker=worker)

    def complete_job(self, job: KeyOf, variables: Mapping[str, Any] | None = None) -> None:
        """Complete a job (its key or the job), merging `variables` into the instance as a worker does."""
        self._backend.complete_job(key_of(job), _document(variables))

    # -- waiting and asserting ------------------------------------------------------------------

    def wait_until(self, predicate: Callable[[], _T], timeout: float = 10.0, *, description: str | None = None) -> _T:
        """Poll `predicate` until it is truthy (an AssertionError counts as "not yet"), for work
        done by workers in other threads or processes; TimeoutError names what was awaited."""
        __tracebackhide__ = True
        return waiting.wait_until(predicate, timeout, description=description)

    def assert_that(self, target: Any) -> Any:
        """`assert_that(target)` on this harness's records (see `pytest_zeebe.assert_that`)."""
        __tracebackhide__ = True
        return assertions.assert_that(target, harness=self)

    # -- lifecycle ------------------------------------------------------------------------------

    def reset(self) -> None:
        """A fresh engine: no workflows, records or keys; the clock at its start."""
        __tracebackhide__ = True
        self._fake("zeebe.reset()", "a real gateway cannot be reset").reset()
        self._named_incidents.clear()
        if self._workers is not None:
            self._workers.forget()

    def snapshot(self) -> HarnessSnapshot:
        """The whole embedded Zeebe now (state, records, keys, clock, mock workers' pending work),
        to `restore` as often as you like: branch scenarios from a common prefix."""
        __tracebackhide__ = True
        backend = self._fake("zeebe.snapshot()", "a real broker cannot be rewound")
        workers = self._workers.snapshot() if self._workers is not None else None
        return HarnessSnapshot(backend.engine.snapshot(), workers, frozenset(self._named_incidents))

    def restore(self, snapshot: HarnessSnapshot) -> None:
        """Make the embedded Zeebe what it was at `snapshot` (the snapshot stays reusable)."""
        __tracebackhide__ = True
        backend = self._fake("zeebe.restore()", "a real broker cannot be rewound")
        if not isinstance(snapshot, HarnessSnapshot):
            raise TypeError(f"restore() takes what zeebe.snapshot() returned, got {type(snapshot).__name__}")
        backend.engine.restore(snapshot.engine)
        self._named_incidents = set(snapshot.named_incidents)
        if self._workers is not None:
            self._workers.restore(snapshot.workers) if snapshot.workers is not None else self._workers.forget()

    def name_incidents(self, keys: Iterable[int]) -> None:
        """Count these incidents as asserted (they will not fail the test at teardown)."""
        self._named_incidents.update(keys)

    def check_incidents(self) -> None:
        """Raise UnassertedIncidentError if an incident is open that no assertion named (embedded only)."""
        __tracebackhide__ = True
        if not isinstance(self._backend, EmbeddedBackend):
            return
        open_incidents = [i for i in self._backend.incidents() if i.key not in self._named_incidents]
        if not open_incidents:
            return
        from pytest_zeebe.testing import explain

        lines = [
            f"  incident {i.key} {i.error_type} at {i.element_id} of workflow instance {i.workflow_instance_key} "
            f"({i.bpmn_process_id}): {explain.short(i.error_message, 300)!r}"
            for i in open_incidents[: explain.LIST_ITEMS]
        ]
        if len(open_incidents) > explain.LIST_ITEMS:
            lines.append(f"  … {len(open_incidents) - explain.LIST_ITEMS} more")
        count = "1 incident is" if len(open_incidents) == 1 else f"{len(open_incidents)} incidents are"
        them = "it" if len(open_incidents) == 1 else "them"
        raise UnassertedIncidentError(UNASSERTED_INCIDENTS.format(count=count, them=them, listing="\n".join(lines)))

    def _attach_workers(self, workers: MockWorkers) -> None:
        """Mock workers exist: the clock now stops wherever they have something to do."""
        assert self._clock is not None
        self._clock.stepper = workers

    def check_failures(self) -> None:
        """Raise EngineFailureError if the embedded engine or gateway failed (a bug of ours, or a step
        Zeebe 0.26 fails too), or the error of a mock worker that failed while acting for a gRPC client's command."""
        if isinstance(self._backend, EmbeddedBackend):
            failures = self._backend.failures()
            if failures:
                raise EngineFailureError(f"the fake Zeebe failed during this test: {failures[0]!r}") from failures[0]
        if self._workers is not None and self._workers.errors:
            raise self._workers.errors[0]

    def close(self) -> None:
        """Close the stub's channel, and the backend if the harness made it (stops its gateway)."""
        if self._workers is not None:
            self._workers.close()
        if self._channel is not None:
            self._channel.close()
            self._channel = self._stub = None
        if self._owns_backend:
            self._backend.close()

    def __enter__(self) -> ZeebeHarness:
        """Make this the harness `assert_that` reads; `__exit__` checks for failures and closes."""
        self._activation = assertions.active(self)
        self._activation.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._activation is not None:
            self._activation.__exit__(kind, error, traceback)
            self._activation = None
        try:
            if kind is None:
                self.check_failures()
        finally:
            self.close()


def _load(resource: Resource) -> tuple[str, bytes, ResourceKind]:
    from pytest_zeebe.model import resource_kind_for_name

    if isinstance(resource, tuple):
        name, content = resource
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    else:
        path = Path(resource)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidResourceError(f"cannot read resource {str(path)!r}: {error.strerror}") from None
    kind = resource_kind_for_name(name)
    if kind is None:
        raise InvalidResourceError(
            f"Expected argument 'name' to be a string ending with either .bpmn or .yaml, but was {name}"
        )
    return name, data, kind
