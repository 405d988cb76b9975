"""The command that fires a due item, as Zeebe's periodic checkers write it (job time-outs today)."""

from __future__ import annotations

from pytest_zeebe.engine.intents import JobIntent, ValueType
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.results import Command
from pytest_zeebe.engine.state import DueKind, EngineState


def command_for_due_item(state: EngineState, kind: DueKind, key: int) -> Command:
    """TIME_OUT for an activated job past its deadline (Zeebe's JobTimeoutTrigger)."""
    if kind is DueKind.JOB_TIME_OUT:
        job = state.jobs.jobs[key]
        return Command(ValueType.JOB, JobIntent.TIME_OUT, job.record, key, decode_partition_id(key))
    raise NotImplementedError(f"no command fires {kind.value} items yet")
