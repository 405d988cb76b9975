"""What a record must be to pass a `RecordQuery` filter, and the checks that catch misspelt filters.

A filter on a record field (`intent`, `value_type`, ...) takes strings or the engine's enums, one
or several; its values are checked against Zeebe 0.26's names, so `intent="ELEMENT_COMPLETE"`
raises instead of matching nothing. A filter on a value field compares by the field's snake_case
name; a query about a value type whose values lack that field raises, naming the fields there are.
Each condition carries a hashable `spec` when it can, which keys the query's scan cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from typing import Any

from pytest_zeebe.engine.intents import RecordType, RejectionType, ValueType
from pytest_zeebe.engine.records import Record

INTENTS: dict[str, frozenset[str]] = {
    "DEPLOYMENT": frozenset({"CREATE", "CREATED", "DISTRIBUTE", "DISTRIBUTED"}),
    "WORKFLOW_INSTANCE": frozenset(
        {
            "CANCEL",
            "SEQUENCE_FLOW_TAKEN",
            "ELEMENT_ACTIVATING",
            "ELEMENT_ACTIVATED",
            "ELEMENT_COMPLETING",
            "ELEMENT_COMPLETED",
            "ELEMENT_TERMINATING",
            "ELEMENT_TERMINATED",
            "EVENT_OCCURRED",
        }
    ),
    "WORKFLOW_INSTANCE_CREATION": frozenset({"CREATE", "CREATE_WITH_AWAITING_RESULT", "CREATED"}),
    "WORKFLOW_INSTANCE_RESULT": frozenset({"COMPLETED"}),
    "JOB": frozenset(
        {
            "CREATE",
            "CREATED",
            "ACTIVATED",
            "COMPLETE",
            "COMPLETED",
            "TIME_OUT",
            "TIMED_OUT",
            "FAIL",
            "FAILED",
            "UPDATE_RETRIES",
            "RETRIES_UPDATED",
            "CANCEL",
            "CANCELED",
            "THROW_ERROR",
            "ERROR_THROWN",
        }
    ),
    "JOB_BATCH": frozenset({"ACTIVATE", "ACTIVATED"}),
    "INCIDENT": frozenset({"CREATE", "CREATED", "RESOLVE", "RESOLVED"}),
    "MESSAGE": frozenset({"PUBLISH", "PUBLISHED", "DELETE", "DELETED"}),
    "MESSAGE_SUBSCRIPTION": frozenset(
        {"OPEN", "OPENED", "CORRELATE", "CORRELATED", "REJECT", "REJECTED", "CLOSE", "CLOSED"}
    ),
    "WORKFLOW_INSTANCE_SUBSCRIPTION": frozenset({"OPEN", "OPENED", "CORRELATE", "CORRELATED", "CLOSE", "CLOSED"}),
    "MESSAGE_START_EVENT_SUBSCRIPTION": frozenset({"OPEN", "OPENED", "CLOSE", "CLOSED"}),
    "TIMER": frozenset({"CREATE", "CREATED", "TRIGGER", "TRIGGERED", "CANCEL", "CANCELED"}),
    "VARIABLE": frozenset({"CREATED", "UPDATED"}),
    "VARIABLE_DOCUMENT": frozenset({"UPDATE", "UPDATED"}),
    "ERROR": frozenset({"CREATED"}),
}
"""Zeebe 0.26's intents per value type (its `protocol/.../record/intent/*.java`), to catch typos."""

ALL_INTENTS = frozenset().union(*INTENTS.values())
RECORD_FIELDS = {"key", "record_type", "value_type", "intent", "partition_id", "rejection_type"}
ENUMS: dict[str, type[Enum]] = {
    "record_type": RecordType,
    "value_type": ValueType,
    "rejection_type": RejectionType,
}


@dataclass(frozen=True, slots=True)
class Condition:
    """One filter: `test` decides; `spec` identifies it for the scan cache (None: not cacheable)."""

    spec: Hashable | None
    label: str
    test: Callable[[Record], bool]


def condition(name: str, expected: Any, value_types: frozenset[str] | None) -> Condition:
    """The condition for one keyword filter (`value_types`: what the query is narrowed to, if anything)."""
    if name in ENUMS or name == "intent":
        allowed = frozenset(enum_values(name, expected, value_types))
        return Condition((name, allowed), name, _RecordFieldIn(name, allowed))
    if name in RECORD_FIELDS:
        return Condition((name, expected), name, _RecordFieldEquals(name, expected))
    spec = (name, expected) if _hashable(expected) else None
    return Condition(spec, name, _ValueFieldEquals(name, expected, value_types))


def instance_condition(workflow_instance_key: int) -> Condition:
    """Records about one instance: their value names it, or they are a batch holding its jobs."""
    return Condition(("instance", workflow_instance_key), "", _InstanceTest(workflow_instance_key))


def enum_values(name: str, given: Any, value_types: frozenset[str] | None = None) -> list[str]:
    """Strings or enum members (one, or a collection of alternatives) → checked string values."""
    items = [given] if isinstance(given, str | Enum) else list(given)
    values = [item.value if isinstance(item, Enum) else str(item) for item in items]
    for value in values:
        if name == "intent":
            check_intent(value, value_types)
        else:
            known = {member.value for member in ENUMS[name]}
            if value not in known:
                raise ValueError(f"{value!r} is not a {name}; expected one of {', '.join(sorted(known))}")
    return values


def check_intent(intent: str, value_types: frozenset[str] | None) -> None:
    if value_types is None:
        if intent not in ALL_INTENTS:
            raise ValueError(f"{intent!r} is not an intent of any Zeebe 0.26 record")
        return
    known = frozenset().union(*(INTENTS.get(value_type, frozenset()) for value_type in value_types))
    if intent not in known:
        kinds = "/".join(sorted(value_types))
        raise ValueError(f"{intent!r} is not an intent of {kinds} records; they have {', '.join(sorted(known))}")


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def show_value(value: Any) -> str:
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, frozenset | set | tuple | list):
        return repr(sorted(show_value(item) for item in value))
    return repr(value)


class _RecordFieldIn:
    __slots__ = ("allowed", "name")

    def __init__(self, name: str, allowed: frozenset[str]) -> None:
        self.name = name
        self.allowed = allowed

    def __call__(self, record: Record) -> bool:
        return getattr(record, self.name) in self.allowed


class _RecordFieldEquals:
    __slots__ = ("expected", "name")

    def __init__(self, name: str, expected: Any) -> None:
        self.name = name
        self.expected = expected

    def __call__(self, record: Record) -> bool:
        return bool(getattr(record, self.name) == self.expected)


_MISSING = object()


class _ValueFieldEquals:
    """Compares a field of the value; a record whose value lacks the field does not match, unless
    the query is about a value type that should have it: then the name is a typo, and we say so."""

    __slots__ = ("expected", "name", "value_types")

    def __init__(self, name: str, expected: Any, value_types: frozenset[str] | None) -> None:
        self.name = name
        self.expected = expected
        self.value_types = value_types

    def __call__(self, record: Record) -> bool:
        actual = getattr(record.value, self.name, _MISSING)
        if actual is _MISSING:
            if self.value_types is not None and record.value_type in self.value_types:
                raise ValueError(
                    f"{record.value_type} records have no field {self.name!r}; they have {_field_names(record.value)}"
                )
            return False
        return bool(actual == self.expected)


class _InstanceTest:
    """A record about one instance: its value names the instance, or it is a batch holding its jobs."""

    __slots__ = ("key",)

    def __init__(self, key: int) -> None:
        self.key = key

    def __call__(self, record: Record) -> bool:
        value = record.value
        if getattr(value, "workflow_instance_key", None) == self.key:
            return True
        jobs: Iterable[Any] = getattr(value, "jobs", ()) if record.value_type == "JOB_BATCH" else ()
        return any(getattr(job, "workflow_instance_key", None) == self.key for job in jobs)


def _field_names(value: object) -> str:
    names = [item.name for item in fields(value)] if is_dataclass(value) else sorted(vars(value))
    return ", ".join(names)
