"""`assert_that(x)`: one entry point that picks the assert object for what it is given.

A workflow instance key (an int), the `WorkflowInstance` that `create_instance` returned or the
`InstanceResult` of `create_instance_with_result` gets instance assertions; an `ActivatedJob` or a
`Job` (``zeebe.jobs()``) job assertions; a `PublishedMessage` message assertions; an `Incident`
(``zeebe.incidents()``) incident assertions; a `Deployment` deployment assertions.
They read the record log of the active harness: the `zeebe` fixture's while a test runs, or the
one entered with ``with ZeebeHarness.start() as zeebe``. ``zeebe.assert_that(x)`` names the harness
explicitly, for code that holds several.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, overload

from pytest_zeebe.errors import NoHarnessError
from pytest_zeebe.testing.assert_events import IncidentAssert, MessageAssert
from pytest_zeebe.testing.assert_instance import WorkflowInstanceAssert
from pytest_zeebe.testing.assert_results import DeploymentAssert, JobAssert
from pytest_zeebe.testing.results import (
    ActivatedJob,
    Deployment,
    Incident,
    InstanceResult,
    Job,
    PublishedMessage,
    WorkflowInstance,
)

if TYPE_CHECKING:
    from pytest_zeebe.testing.harness import ZeebeHarness

_ACTIVE: list[ZeebeHarness] = []
_ACTIVE_LOCK = threading.Lock()


@contextmanager
def active(harness: ZeebeHarness) -> Iterator[ZeebeHarness]:
    """Make `harness` the one `assert_that` reads while the block runs (innermost wins)."""
    with _ACTIVE_LOCK:
        _ACTIVE.append(harness)
    try:
        yield harness
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.remove(harness)


def current() -> ZeebeHarness:
    """The harness `assert_that` reads, or NoHarnessError saying how to get one."""
    with _ACTIVE_LOCK:
        if _ACTIVE:
            return _ACTIVE[-1]
    raise NoHarnessError(
        "assert_that() needs an active pytest-zeebe harness: call it in a test that uses the `zeebe` fixture, "
        "inside `with ZeebeHarness.start() as zeebe:`, or as zeebe.assert_that(...)"
    )


_Factory = Callable[["ZeebeHarness", Any], Any]


def _instance(harness: ZeebeHarness, target: Any) -> WorkflowInstanceAssert:
    __tracebackhide__ = True
    key = target.key if isinstance(target, WorkflowInstance | InstanceResult) else int(target)
    records = harness.assertion_records("assert_that(instance)")
    return WorkflowInstanceAssert(key, records, named=harness.name_incidents)


def _job(harness: ZeebeHarness, job: ActivatedJob | Job) -> JobAssert:
    return JobAssert(job, lambda: harness.assertion_records("assert_that(job) on the job's state"))


def _message(harness: ZeebeHarness, message: PublishedMessage) -> MessageAssert:
    __tracebackhide__ = True
    harness.assertion_records("assert_that(message)")
    return MessageAssert(message, lambda: harness.assertion_records("assert_that(message)"))


def _incident(harness: ZeebeHarness, incident: Incident) -> IncidentAssert:
    __tracebackhide__ = True
    harness.name_incidents([incident.key])
    return IncidentAssert(incident, lambda: harness.assertion_records("assert_that(incident) on its resolution"))


def _deployment(harness: ZeebeHarness, deployment: Deployment) -> DeploymentAssert:
    return DeploymentAssert(deployment)


ASSERTS: dict[type, _Factory] = {
    int: _instance,
    WorkflowInstance: _instance,
    InstanceResult: _instance,
    ActivatedJob: _job,
    Job: _job,
    PublishedMessage: _message,
    Incident: _incident,
    Deployment: _deployment,
}
"""What `assert_that` accepts, by type (new result types add their assert object here)."""


@overload
def assert_that(
    target: int | WorkflowInstance | InstanceResult, *, harness: ZeebeHarness | None = None
) -> WorkflowInstanceAssert: ...


@overload
def assert_that(target: ActivatedJob | Job, *, harness: ZeebeHarness | None = None) -> JobAssert: ...


@overload
def assert_that(target: PublishedMessage, *, harness: ZeebeHarness | None = None) -> MessageAssert: ...


@overload
def assert_that(target: Incident, *, harness: ZeebeHarness | None = None) -> IncidentAssert: ...


@overload
def assert_that(target: Deployment, *, harness: ZeebeHarness | None = None) -> DeploymentAssert: ...


def assert_that(target: Any, *, harness: ZeebeHarness | None = None) -> Any:
    """The assert object for `target`: a workflow instance (key, `WorkflowInstance` or
    `InstanceResult`), a job (`ActivatedJob` or `Job`), a `PublishedMessage`, an `Incident` or a
    `Deployment`. Its methods chain and fail with the actual state."""
    __tracebackhide__ = True
    factory = None if isinstance(target, bool) else ASSERTS.get(type(target))
    if factory is None:
        accepted = ", ".join(kind.__name__ for kind in ASSERTS)
        raise TypeError(f"assert_that() takes one of {accepted}; got {type(target).__name__} {target!r}")
    return factory(harness or current(), target)
