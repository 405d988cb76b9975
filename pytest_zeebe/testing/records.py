"""`zeebe.records`: the record log as a query, in the spirit of Zeebe's RecordingExporter.

`zeebe.records.workflow_instance(element_id="ship", intent="ELEMENT_COMPLETED")` is a lazy query:
building it reads nothing; iterating, `len`, indexing or `first()` evaluate it against the log as
it is at that moment. Reading never copies the whole log: the unfiltered stream indexes the log
directly, and a filtered query remembers how far it has scanned (per log, per filter), so a test
that reads after every step pays for each record once, not once per read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from typing import Any, Protocol, overload

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

_ALL_INTENTS = frozenset().union(*INTENTS.values())
_RECORD_FIELDS = {"key", "record_type", "value_type", "intent", "partition_id", "rejection_type"}
_ENUMS: dict[str, type[Enum]] = {
    "record_type": RecordType,
    "value_type": ValueType,
    "rejection_type": RejectionType,
}
_CACHED_QUERIES = 128


class LogView(Protocol):
    """What a query reads: a sequence of records that only ever grows (or is replaced)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> Record: ...


class LogSource(Protocol):
    """Where the current log lives (a reset gives the engine a new one) and the lock that guards it."""

    @property
    def log(self) -> LogView: ...

    @property
    def lock(self) -> AbstractContextManager[Any]: ...


@dataclass(eq=False, slots=True)
class _Scan:
    """How far one filter has read one log: the matching indices, and the last record seen."""

    log: LogView
    scanned: int = 0
    last: Record | None = None
    matches: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Condition:
    """One filter: `test` decides; `spec` identifies it for the scan cache (None: not cacheable)."""

    spec: Hashable | None
    label: str
    test: Callable[[Record], bool]


@dataclass(frozen=True, slots=True)
class _Matches:
    """The first `count` entries of `indices` (a list that only grows) index the matching records."""

    log: LogView
    indices: list[int]
    count: int

    def record(self, position: int) -> Record:
        if position < 0:
            position += self.count
        if not 0 <= position < self.count:
            raise IndexError("record query index out of range")
        return self.log[self.indices[position]]


class _Scans:
    """The scan cache shared by every query of one stream (bounded: least recently used goes first)."""

    def __init__(self) -> None:
        self._scans: OrderedDict[Hashable, _Scan] = OrderedDict()

    def matches(self, source: LogSource, conditions: tuple[_Condition, ...]) -> _Matches:
        """The indices of the log's records that pass every condition, scanning only what is new."""
        specs = tuple(condition.spec for condition in conditions)
        cacheable = all(spec is not None for spec in specs)
        with source.lock:
            log = source.log
            scan = self._scans.get(specs) if cacheable else None
            if scan is None or not _still_valid(scan, log):
                scan = _Scan(log)
            end = len(log)
            tests = [condition.test for condition in conditions]
            for index in range(scan.scanned, end):
                record = log[index]
                if all(test(record) for test in tests):
                    scan.matches.append(index)
                scan.last = record
            scan.scanned = end
            if cacheable:
                self._scans[specs] = scan
                self._scans.move_to_end(specs)
                while len(self._scans) > _CACHED_QUERIES:
                    self._scans.popitem(last=False)
            return _Matches(log, scan.matches, len(scan.matches))


def _still_valid(scan: _Scan, log: LogView) -> bool:
    """Same log object, not shorter, and the last record seen still in its place (no rollback since)."""
    if scan.log is not log or len(log) < scan.scanned:
        return False
    return scan.scanned == 0 or log[scan.scanned - 1] is scan.last


class RecordQuery(Sequence[Record]):
    """Records of the log that pass every filter so far, oldest first; evaluated when read.

    Filters chain: ``zeebe.records.jobs(type="payment").filter(intent="CREATED")``. Intents, value
    types, record types and rejection types may be given as strings or as the engine's enums, and
    as one value or a collection of alternatives. Other keyword arguments compare fields of the
    record's value by their snake_case names (``element_id``, ``workflow_instance_key``, ``type``).
    """

    def __init__(
        self,
        source: LogSource,
        *,
        _scans: _Scans | None = None,
        _conditions: tuple[_Condition, ...] = (),
        _value_types: frozenset[str] | None = None,
        _text: str = "records",
    ) -> None:
        self._source = source
        self._scans = _scans or _Scans()
        self._conditions = _conditions
        self._value_types = _value_types
        self._text = _text

    # -- filters --------------------------------------------------------------------------------

    def filter(self, **criteria: Any) -> RecordQuery:
        """Records whose fields equal the criteria: `key`, `record_type`, `value_type`, `intent`,
        `partition_id`, `rejection_type`, or any field of the value (`element_id="ship"`)."""
        return self._narrow("filter", criteria)

    def where(self, predicate: Callable[[Record], bool], label: str | None = None) -> RecordQuery:
        """Records for which `predicate(record)` is true (named `label` in messages and repr)."""
        name = label or str(getattr(predicate, "__name__", "predicate"))
        condition = _Condition(None, name, predicate)
        return self._chain(f"where({name})", (condition,), self._value_types)

    def workflow_instance(self, **criteria: Any) -> RecordQuery:
        """WORKFLOW_INSTANCE records: element lifecycle and taken sequence flows."""
        return self._of_type("workflow_instance", "WORKFLOW_INSTANCE", criteria)

    def workflow_instance_creations(self, **criteria: Any) -> RecordQuery:
        """WORKFLOW_INSTANCE_CREATION records."""
        return self._of_type("workflow_instance_creations", "WORKFLOW_INSTANCE_CREATION", criteria)

    def jobs(self, **criteria: Any) -> RecordQuery:
        """JOB records (``type=`` is the job type)."""
        return self._of_type("jobs", "JOB", criteria)

    def job_batches(self, **criteria: Any) -> RecordQuery:
        """JOB_BATCH records: activations, with the activated jobs' keys and values."""
        return self._of_type("job_batches", "JOB_BATCH", criteria)

    def deployments(self, **criteria: Any) -> RecordQuery:
        """DEPLOYMENT records."""
        return self._of_type("deployments", "DEPLOYMENT", criteria)

    def incidents(self, **criteria: Any) -> RecordQuery:
        """INCIDENT records (``error_type=``, ``element_id=``, ``job_key=`` ...)."""
        return self._of_type("incidents", "INCIDENT", criteria)

    def messages(self, **criteria: Any) -> RecordQuery:
        """MESSAGE records (``name=``, ``correlation_key=`` ...)."""
        return self._of_type("messages", "MESSAGE", criteria)

    def message_subscriptions(self, **criteria: Any) -> RecordQuery:
        """MESSAGE_SUBSCRIPTION records (the message partition's side of a subscription)."""
        return self._of_type("message_subscriptions", "MESSAGE_SUBSCRIPTION", criteria)

    def workflow_instance_subscriptions(self, **criteria: Any) -> RecordQuery:
        """WORKFLOW_INSTANCE_SUBSCRIPTION records (the instance partition's side of a subscription)."""
        return self._of_type("workflow_instance_subscriptions", "WORKFLOW_INSTANCE_SUBSCRIPTION", criteria)

    def message_start_event_subscriptions(self, **criteria: Any) -> RecordQuery:
        """MESSAGE_START_EVENT_SUBSCRIPTION records."""
        return self._of_type("message_start_event_subscriptions", "MESSAGE_START_EVENT_SUBSCRIPTION", criteria)

    def timers(self, **criteria: Any) -> RecordQuery:
        """TIMER records (``target_element_id=``, ``due_date=`` ...)."""
        return self._of_type("timers", "TIMER", criteria)

    def variables(self, **criteria: Any) -> RecordQuery:
        """VARIABLE records (``name=``, ``scope_key=``; ``value`` is the JSON text)."""
        return self._of_type("variables", "VARIABLE", criteria)

    def variable_documents(self, **criteria: Any) -> RecordQuery:
        """VARIABLE_DOCUMENT records (SetVariables)."""
        return self._of_type("variable_documents", "VARIABLE_DOCUMENT", criteria)

    def errors(self, **criteria: Any) -> RecordQuery:
        """ERROR records: processing failures of the engine itself."""
        return self._of_type("errors", "ERROR", criteria)

    def rejections(self, **criteria: Any) -> RecordQuery:
        """COMMAND_REJECTION records (``rejection_type=`` narrows by reason)."""
        return self._narrow("rejections", {"record_type": RecordType.COMMAND_REJECTION, **criteria}, shown=criteria)

    def commands(self, **criteria: Any) -> RecordQuery:
        """COMMAND records."""
        return self._narrow("commands", {"record_type": RecordType.COMMAND, **criteria}, shown=criteria)

    def events(self, **criteria: Any) -> RecordQuery:
        """EVENT records."""
        return self._narrow("events", {"record_type": RecordType.EVENT, **criteria}, shown=criteria)

    def of_instance(self, workflow_instance_key: int) -> RecordQuery:
        """Every record about one workflow instance, including the job batches that activated its jobs."""
        condition = _Condition(("instance", workflow_instance_key), "", _InstanceTest(workflow_instance_key))
        return self._chain(f"of_instance({workflow_instance_key})", (condition,), self._value_types)

    # -- reading --------------------------------------------------------------------------------

    def _evaluate(self) -> _Matches | None:
        """None for the unfiltered stream, which reads the log directly."""
        if not self._conditions:
            return None
        return self._scans.matches(self._source, self._conditions)

    def __len__(self) -> int:
        evaluated = self._evaluate()
        return len(self._source.log) if evaluated is None else evaluated.count

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        evaluated = self._evaluate()
        if evaluated is None:
            log = self._source.log
            if isinstance(index, slice):
                return [log[i] for i in range(*index.indices(len(log)))]
            return log[index]
        if isinstance(index, slice):
            return [evaluated.record(i) for i in range(*index.indices(evaluated.count))]
        return evaluated.record(index)

    def __iter__(self) -> Iterator[Record]:
        evaluated = self._evaluate()
        if evaluated is None:
            log = self._source.log
            return (log[i] for i in range(len(log)))
        return (evaluated.record(i) for i in range(evaluated.count))

    def __bool__(self) -> bool:
        return len(self) > 0

    def first(self) -> Record:
        """The oldest matching record; LookupError naming the query if there is none."""
        records = self[:1]
        if not records:
            raise LookupError(f"no record matches {self._text}")
        return records[0]

    def last(self) -> Record:
        """The newest matching record; LookupError naming the query if there is none."""
        evaluated = self._evaluate()
        if evaluated is None:
            log = self._source.log
            count = len(log)
            if count:
                return log[count - 1]
        elif evaluated.count:
            return evaluated.record(-1)
        raise LookupError(f"no record matches {self._text}")

    def to_dicts(self) -> list[dict[str, object]]:
        """The matching records in Zeebe's JSON form."""
        return [record.to_dict() for record in self]

    def __repr__(self) -> str:
        return f"<{self._text}: {len(self)} records>"

    def __str__(self) -> str:
        return self._text

    # -- building -------------------------------------------------------------------------------

    def _of_type(self, method: str, value_type: str, criteria: dict[str, Any]) -> RecordQuery:
        return self._narrow(method, {"value_type": value_type, **criteria}, shown=criteria)

    def _narrow(self, method: str, criteria: dict[str, Any], shown: dict[str, Any] | None = None) -> RecordQuery:
        value_types = self._value_types
        if "value_type" in criteria:
            wanted = frozenset(_enum_values("value_type", criteria["value_type"]))
            value_types = wanted if value_types is None else value_types & wanted
        conditions = tuple(self._condition(name, expected, value_types) for name, expected in criteria.items())
        arguments = ", ".join(
            f"{name}={_shown(value)}" for name, value in (criteria if shown is None else shown).items()
        )
        return self._chain(f"{method}({arguments})", conditions, value_types)

    def _chain(self, call: str, conditions: tuple[_Condition, ...], value_types: frozenset[str] | None) -> RecordQuery:
        return RecordQuery(
            self._source,
            _scans=self._scans,
            _conditions=self._conditions + conditions,
            _value_types=value_types,
            _text=f"{self._text}.{call}",
        )

    def _condition(self, name: str, expected: Any, value_types: frozenset[str] | None) -> _Condition:
        if name in _ENUMS or name == "intent":
            allowed = frozenset(_enum_values(name, expected, value_types))
            return _Condition((name, allowed), name, _RecordFieldIn(name, allowed))
        if name in _RECORD_FIELDS:
            return _Condition((name, expected), name, _RecordFieldEquals(name, expected))
        test = _ValueFieldEquals(name, expected, value_types)
        spec = (name, expected) if _hashable(expected) else None
        return _Condition(spec, name, test)


def _enum_values(name: str, given: Any, value_types: frozenset[str] | None = None) -> list[str]:
    """Strings or enum members (one, or a collection of alternatives) → checked string values."""
    items = [given] if isinstance(given, str | Enum) else list(given)
    values = [item.value if isinstance(item, Enum) else str(item) for item in items]
    for value in values:
        if name == "intent":
            _check_intent(value, value_types)
        else:
            known = {member.value for member in _ENUMS[name]}
            if value not in known:
                raise ValueError(f"{value!r} is not a {name}; expected one of {', '.join(sorted(known))}")
    return values


def _check_intent(intent: str, value_types: frozenset[str] | None) -> None:
    if value_types is None:
        if intent not in _ALL_INTENTS:
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


def _shown(value: Any) -> str:
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, frozenset | set | tuple | list):
        return repr(sorted(_shown(item) for item in value))
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
