"""The routing table: which processor handles which (record type, value type, intent).

Each processor module registers its functions with `@processes(...)` when imported; importing this
package imports them all (and the BPMN processing hooks), so the tables are complete before the
engine runs.
"""

from __future__ import annotations

from pytest_zeebe.engine.bpmn import hooks  # noqa: F401  (imported to register)
from pytest_zeebe.engine.processors import (  # noqa: F401  (imported to register)
    creation,
    deployment,
    incidents,
    instance_subscriptions,
    instances,
    job_batch,
    job_errors,
    jobs,
    message_start,
    message_subscriptions,
    messages,
    timers,
    variables,
    workflow_instance,
)
from pytest_zeebe.engine.processors.registry import PROCESSORS, Processor, has_hooks, processes

__all__ = ["PROCESSORS", "Processor", "has_hooks", "processes"]
