"""Element instances, their token counts, and the records Zeebe keeps for later (deferred, failed).

Mirrors Zeebe 0.26's ElementInstanceState: an element instance knows its parent (the flow scope),
how many children are alive in it (`child_count`) and how many execution paths are active in it
(`active_tokens`: children not yet retired, sequence flows taken, tokens waiting at a join).
A scope completes when the last path ends, which is decided while a child's COMPLETED is processed,
so a scope is never seen empty while a path is still moving.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pytest_zeebe.engine.intents import WorkflowInstanceIntent
from pytest_zeebe.engine.journal import Entity, Table
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue

Intent = WorkflowInstanceIntent


class ElementInstance(Entity):
    """A live element instance: its last record value, lifecycle state and bookkeeping."""

    __slots__ = (
        "active_tokens",
        "called_child_instance_key",
        "child_count",
        "interrupting_event_key",
        "job_key",
        "key",
        "multi_instance_loop_counter",
        "parent_key",
        "state",
        "value",
    )
    key: int
    parent_key: int
    state: WorkflowInstanceIntent
    value: WorkflowInstanceRecordValue
    child_count: int
    active_tokens: int
    job_key: int
    multi_instance_loop_counter: int
    interrupting_event_key: int
    called_child_instance_key: int

    def __init__(self, key: int, parent_key: int, state: Intent, value: WorkflowInstanceRecordValue) -> None:
        self._init(
            key=key,
            parent_key=parent_key,
            state=state,
            value=value,
            child_count=0,
            active_tokens=0,
            job_key=0,
            multi_instance_loop_counter=0,
            interrupting_event_key=NO_KEY,
            called_child_instance_key=NO_KEY,
        )

    @property
    def can_terminate(self) -> bool:
        """ACTIVATING, ACTIVATED or COMPLETING (Zeebe's terminatable states)."""
        return self.state in TERMINATABLE

    @property
    def is_active(self) -> bool:
        return self.state is Intent.ELEMENT_ACTIVATED

    @property
    def is_interrupted(self) -> bool:
        return self.interrupting_event_key > 0


TERMINATABLE = frozenset({Intent.ELEMENT_ACTIVATING, Intent.ELEMENT_ACTIVATED, Intent.ELEMENT_COMPLETING})


class Purpose(Enum):
    """Why a record is kept: to be written later (DEFERRED) or re-processed on resolve (FAILED)."""

    DEFERRED = 0
    FAILED = 1


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A workflow-instance record kept in state (Zeebe's IndexedRecord with its purpose)."""

    key: int
    scope_key: int
    purpose: Purpose
    intent: Intent
    value: WorkflowInstanceRecordValue


class ElementInstanceState:
    """Every live element instance, its children, and the records kept per scope."""

    __slots__ = ("await_results", "children", "instances", "stored", "stored_by_scope", "temporary_variables")

    def __init__(self) -> None:
        self.instances: Table[int, ElementInstance] = Table()
        self.children: Table[int, Table[int, None]] = Table()
        self.stored: Table[tuple[int, Purpose], StoredRecord] = Table()
        self.stored_by_scope: Table[tuple[int, Purpose], Table[int, None]] = Table()
        self.temporary_variables: Table[int, dict[str, Any]] = Table()
        self.await_results: Table[int, AwaitResult] = Table()

    # -- reading ------------------------------------------------------------------------------

    def get(self, key: int) -> ElementInstance | None:
        return self.instances.get(key)

    def children_of(self, key: int) -> list[ElementInstance]:
        """The live children of `key`, lowest key first (Zeebe iterates them in key order)."""
        children = self.children.get(key)
        if not children:
            return []
        return [self.instances[child] for child in sorted(children)]

    def deferred(self, scope_key: int) -> list[StoredRecord]:
        """Records deferred in `scope_key`, lowest key first."""
        return self._stored(scope_key, Purpose.DEFERRED)

    def failed_record(self, key: int) -> StoredRecord | None:
        return self.stored.get((key, Purpose.FAILED))

    def _stored(self, scope_key: int, purpose: Purpose) -> list[StoredRecord]:
        keys = self.stored_by_scope.get((scope_key, purpose))
        if not keys:
            return []
        return [self.stored[(key, purpose)] for key in sorted(keys)]

    # -- changing (appliers only) ---------------------------------------------------------------

    def create(self, key: int, parent_key: int, state: Intent, value: WorkflowInstanceRecordValue) -> ElementInstance:
        instance = ElementInstance(key, parent_key, state, value)
        self.instances[key] = instance
        if parent_key > 0:
            parent = self.instances[parent_key]
            parent.child_count += 1
            self.children.setdefault(parent_key, Table())[key] = None
        return instance

    def remove(self, key: int) -> None:
        """Drop an instance, the records kept in it and its await-result request; its variables go too."""
        instance = self.instances.pop(key, None)
        if instance is None:
            return
        self.children.pop(key, None)
        for purpose in Purpose:
            for record_key in list(self.stored_by_scope.pop((key, purpose), ())):
                self.stored.pop((record_key, purpose), None)
        self.await_results.pop(key, None)
        self.temporary_variables.pop(key, None)
        if instance.parent_key > 0:
            parent = self.instances.get(instance.parent_key)
            if parent is not None:
                parent.child_count -= 1
                siblings = self.children.get(instance.parent_key)
                if siblings is not None:
                    siblings.pop(key, None)

    def store(self, record: StoredRecord) -> None:
        self.stored[(record.key, record.purpose)] = record
        self.stored_by_scope.setdefault((record.scope_key, record.purpose), Table())[record.key] = None

    def unstore(self, scope_key: int, key: int, purpose: Purpose) -> None:
        self.stored.pop((key, purpose), None)
        keys = self.stored_by_scope.get((scope_key, purpose))
        if keys is not None:
            keys.pop(key, None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ElementInstanceState):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class AwaitResult:
    """A CreateWorkflowInstanceWithResult request waiting for its instance to complete."""

    request: tuple[int, int]
    """(partition, position) of the CREATE_WITH_AWAITING_RESULT command: identifies the waiting caller."""
    fetch_variables: tuple[str, ...]
