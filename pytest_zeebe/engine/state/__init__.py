"""The engine's state: everything that defines an engine, in one object that can be copied.

Processors read it; only appliers (see appliers/) change it, and while a processing step runs
every change is journaled (see journal.py) so a failed step can be undone at its own cost. Key
counters, log positions, the processing cursor, the round-robin counter for new instances, due
items and the clock all live here: a snapshot of this object and of the record log is a complete
engine.
"""

from __future__ import annotations

import copy
from zoneinfo import ZoneInfo

from pytest_zeebe.engine.clock import from_millis
from pytest_zeebe.engine.journal import Entity, Table
from pytest_zeebe.engine.keys import encode_partition_id
from pytest_zeebe.engine.state.due import DueKind, DueQueue
from pytest_zeebe.engine.state.elements import (
    AwaitResult,
    ElementInstance,
    ElementInstanceState,
    Purpose,
    StoredRecord,
)
from pytest_zeebe.engine.state.event_scopes import EventScope, EventScopeState, EventTrigger
from pytest_zeebe.engine.state.incidents import IncidentState
from pytest_zeebe.engine.state.jobs import Job, JobState, JobStatus
from pytest_zeebe.engine.state.messages import Message, MessageState
from pytest_zeebe.engine.state.subscriptions import (
    MessageStartEventSubscriptionState,
    MessageSubscription,
    MessageSubscriptionState,
    SubscriptionStatus,
    WorkflowInstanceSubscription,
    WorkflowInstanceSubscriptionState,
)
from pytest_zeebe.engine.state.timers import TimerState
from pytest_zeebe.engine.state.variables import Variable, VariablesState
from pytest_zeebe.engine.state.workflows import DeployedWorkflowEntry, WorkflowRepository
from pytest_zeebe.feel import FixedClock

__all__ = [
    "AwaitResult",
    "Counters",
    "DeployedWorkflowEntry",
    "DueKind",
    "DueQueue",
    "ElementInstance",
    "ElementInstanceState",
    "EngineState",
    "EventScope",
    "EventScopeState",
    "EventTrigger",
    "IncidentState",
    "Job",
    "JobState",
    "JobStatus",
    "Message",
    "MessageStartEventSubscriptionState",
    "MessageState",
    "MessageSubscription",
    "MessageSubscriptionState",
    "Purpose",
    "StoredRecord",
    "SubscriptionStatus",
    "TimerState",
    "Variable",
    "VariablesState",
    "WorkflowInstanceSubscription",
    "WorkflowInstanceSubscriptionState",
    "WorkflowRepository",
]


class Counters(Entity):
    """The engine's counters: processing cursor, clock, and the round-robin partition picker."""

    __slots__ = ("clock_millis", "cursor", "next_creation_partition")
    cursor: int
    clock_millis: int
    next_creation_partition: int

    def __init__(self, clock_millis: int) -> None:
        self._init(cursor=0, clock_millis=clock_millis, next_creation_partition=0)


class EngineState:
    """All of the engine's mutable state."""

    __slots__ = (
        "counters",
        "due",
        "elements",
        "event_scopes",
        "incidents",
        "instance_subscriptions",
        "jobs",
        "keys",
        "message_subscriptions",
        "messages",
        "positions",
        "start_subscriptions",
        "time_zone",
        "timers",
        "variables",
        "workflows",
    )

    def __init__(self, partition_count: int, clock_millis: int, time_zone: str = "UTC") -> None:
        self.time_zone = time_zone
        """The zone of FEEL's `now()` and `today()` (a setting, never changed)."""
        partitions = range(1, partition_count + 1)
        self.keys: Table[int, int] = Table((p, encode_partition_id(p, 0)) for p in partitions)
        """The last key taken on each partition (Zeebe's keys pre-increment, so the first ends in 1)."""
        self.positions: Table[int, int] = Table((p, 0) for p in partitions)
        """The position of the last record written on each partition."""
        self.counters = Counters(clock_millis)
        self.workflows = WorkflowRepository()
        self.elements = ElementInstanceState()
        self.variables = VariablesState()
        self.jobs = JobState()
        self.incidents = IncidentState()
        self.due = DueQueue()
        self.timers = TimerState()
        self.event_scopes = EventScopeState()
        self.messages = MessageState()
        self.message_subscriptions = MessageSubscriptionState()
        self.instance_subscriptions = WorkflowInstanceSubscriptionState()
        self.start_subscriptions = MessageStartEventSubscriptionState()

    def next_key(self, partition_id: int) -> int:
        """Take the next key on `partition_id`."""
        key = self.keys[partition_id] + 1
        self.keys[partition_id] = key
        return key

    def saw_key(self, key: int) -> None:
        """Replay: a record carries `key`, so its partition's counter has reached at least it."""
        partition = key >> 51
        last = self.keys.get(partition)
        if last is not None and key > last:
            self.keys[partition] = key

    @property
    def zone(self) -> ZoneInfo:
        """The engine's zone (FEEL's clock, calendar timers), as Zeebe used the JVM's default zone."""
        return ZoneInfo(self.time_zone)

    def feel_env(self) -> FixedClock:
        """FEEL's environment now: the engine clock, in the engine's zone."""
        return FixedClock(from_millis(self.counters.clock_millis).astimezone(ZoneInfo(self.time_zone)))

    def copy(self) -> EngineState:
        """A deep, independent copy (deployed workflows and record values are shared: immutable)."""
        return copy.deepcopy(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EngineState):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def differences(self, other: EngineState) -> list[str]:
        """The parts of the state that differ from `other` (for replay checks' messages)."""
        return [name for name in self.__slots__ if getattr(self, name) != getattr(other, name)]
