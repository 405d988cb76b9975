"""pytest-zeebe: a deterministic in-memory Zeebe 0.26 engine and gateway for tests.

The names below load on first use, not with the package: pytest imports this package for its
plugin in every run, including runs that never touch Zeebe, so it must stay cheap to import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_zeebe.errors import (
        CommandRejectedError,
        DeploymentRejectedError,
        EngineFailureError,
        FakeOnlyError,
        InstanceNotCompletedError,
        MockWorkerError,
        UnassertedIncidentError,
        ZeebeFakeError,
    )
    from pytest_zeebe.settings import Settings
    from pytest_zeebe.testing.assertions import assert_that
    from pytest_zeebe.testing.harness import ZeebeHarness
    from pytest_zeebe.testing.records import RecordQuery

__all__ = [
    "CommandRejectedError",
    "DeploymentRejectedError",
    "EngineFailureError",
    "FakeOnlyError",
    "InstanceNotCompletedError",
    "MockWorkerError",
    "RecordQuery",
    "Settings",
    "UnassertedIncidentError",
    "ZeebeFakeError",
    "ZeebeHarness",
    "assert_that",
]

_HOMES = {
    "CommandRejectedError": "pytest_zeebe.errors",
    "DeploymentRejectedError": "pytest_zeebe.errors",
    "EngineFailureError": "pytest_zeebe.errors",
    "FakeOnlyError": "pytest_zeebe.errors",
    "InstanceNotCompletedError": "pytest_zeebe.errors",
    "MockWorkerError": "pytest_zeebe.errors",
    "UnassertedIncidentError": "pytest_zeebe.errors",
    "RecordQuery": "pytest_zeebe.testing.records",
    "Settings": "pytest_zeebe.settings",
    "ZeebeFakeError": "pytest_zeebe.errors",
    "ZeebeHarness": "pytest_zeebe.testing.harness",
    "assert_that": "pytest_zeebe.testing.assertions",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'pytest_zeebe' has no attribute {name!r}")
    return getattr(import_module(home), name)  # not cached here: sys.modules stays the one source


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
