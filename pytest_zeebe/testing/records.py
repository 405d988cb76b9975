"""`zeebe.records`: the record log as a query, in the spirit of Zeebe's RecordingExporter.

`zeebe.records.workflow_instance(element_id="ship", intent="ELEMENT_COMPLETED")` is a lazy query:
building it reads nothing; iterating, `len`, indexing or `first()` evaluate it against the log as
it is at that moment. Reading never copies the whole log: the unfiltered stream indexes the log
directly, and a filtered query remembers how far it has scanned (per log, per filter), so a test
that reads after every step pays for each record once, not once per read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, overload

from pytest_zeebe.engine.intents import RecordType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing.record_filters import Condition, condition, enum_values, instance_condition, show_value

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

    def matches(self, source: LogSource, conditions: tuple[Condition, ...]) -> _Matches:
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
        _conditions: tuple[Condition, ...] = (),
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
        return self._chain(f"where({name})", (Condition(None, name, predicate),), self._value_types)

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
        conditions = (instance_condition(workflow_instance_key),)
        return self._chain(f"of_instance({workflow_instance_key})", conditions, self._value_types)

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
            wanted = frozenset(enum_values("value_type", criteria["value_type"]))
            value_types = wanted if value_types is None else value_types & wanted
        conditions = tuple(condition(name, expected, value_types) for name, expected in criteria.items())
        arguments = ", ".join(
            f"{name}={show_value(value)}" for name, value in (criteria if shown is None else shown).items()
        )
        return self._chain(f"{method}({arguments})", conditions, value_types)

    def _chain(self, call: str, conditions: tuple[Condition, ...], value_types: frozenset[str] | None) -> RecordQuery:
        return RecordQuery(
            self._source,
            _scans=self._scans,
            _conditions=self._conditions + conditions,
            _value_types=value_types,
            _text=f"{self._text}.{call}",
        )
