"""The routing table: which processor handles which (record type, value type, intent).

Each processor module registers its functions with `@processes(...)` when imported; importing this
package imports them all, so the table is complete before the engine runs.
"""

from __future__ import annotations

from pytest_zeebe.engine.processors import (  # noqa: F401  (imported to register)
    bpmn,
    creation,
    deployment,
    job_batch,
    jobs,
)
from pytest_zeebe.engine.processors.registry import PROCESSORS, Processor, processes

__all__ = ["PROCESSORS", "Processor", "processes"]
