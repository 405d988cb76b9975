"""Appliers: the only code that changes engine state (see registry.py for the two kinds).

Importing this package registers every write applier; the processing hooks of BPMN elements are
registered by `pytest_zeebe.engine.bpmn.hooks`, imported with the processors.
"""

from pytest_zeebe.engine.appliers import (  # noqa: F401  (imported to register)
    deployment,
    incidents,
    jobs,
    messages,
    subscriptions,
    timers,
    variables,
    workflow_instance,
)
from pytest_zeebe.engine.appliers.registry import (
    SKIP,
    after_processing,
    applies,
    apply_write,
    before_processing,
    begin_processing,
    end_processing,
)

__all__ = [
    "SKIP",
    "after_processing",
    "applies",
    "apply_write",
    "before_processing",
    "begin_processing",
    "end_processing",
]
