"""`assert_that(instance)`: fluent assertions on one workflow instance, read from the record log.

The names follow zeebe-process-test's ProcessInstanceAssert in Python spelling (`is_completed`,
`is_waiting_at`, `has_passed`, `has_variable_with_value`, `has_no_incidents`), and, as there, each
assertion reads the exported record stream, not the engine's state. Each returns the assert
object, so they chain; a failure says what was expected, then what the instance actually did
(see `explain`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import islice
from typing import Any

from pytest_zeebe.engine.clock import to_millis
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.engine.records import Record
from pytest_zeebe.testing import explain
from pytest_zeebe.testing.assert_instance_events import InstanceEventAssertions
from pytest_zeebe.testing.history import InstanceHistory, VariableView, build_history
from pytest_zeebe.testing.record_filters import instance_condition
from pytest_zeebe.testing.records import RecordQuery

NamedIncidents = Callable[[Iterable[int]], None]
"""Told which incidents an assertion named (they then do not fail the test at teardown)."""


class WorkflowInstanceAssert(InstanceEventAssertions):
    """Assertions on workflow instance `key` over `records` (``zeebe.records``).

    :param named: told the keys of the incidents an assertion named.
    """

    def __init__(
        self,
        key: int,
        records: RecordQuery,
        *,
        named: NamedIncidents | None = None,
        _until: tuple[int, str] | None = None,
    ) -> None:
        self.key = key
        self._records = records
        self._named = named
        self._until = _until
        """(log length, what it stands for): assert the past, from the log's first records only."""

    def __repr__(self) -> str:
        moment = f" at {self._until[1]}" if self._until else ""
        return f"<assert_that(workflow instance {self.key}){moment}>"

    # -- reading --------------------------------------------------------------------------------

    def history(self) -> InstanceHistory:
        """The instance as the log tells it now (or at the moment of `at`); fails if there is none."""
        __tracebackhide__ = True
        history = build_history(self.key, self._instance_records())
        if not history.exists:
            raise AssertionError(self._unknown())
        return history

    def _instance_records(self) -> Iterable[Record]:
        if self._until is None:
            return self._records.of_instance(self.key)
        test = instance_condition(self.key).test
        return (record for record in islice(self._records, self._until[0]) if test(record))

    def at(self, moment: datetime | int) -> WorkflowInstanceAssert:
        """The same assertions on the instance as it was at `moment`, rebuilt from the record log:
        an aware datetime (everything up to that engine time, inclusive), or a record position on
        the instance's partition (everything up to that record, inclusive)."""
        __tracebackhide__ = True
        log = self._records  # read as it is iterated: never copied
        if isinstance(moment, datetime):
            if moment.tzinfo is None:
                raise ValueError(f"at() needs a timezone-aware datetime, got {moment!r}")
            millis = to_millis(moment)  # timestamps never decrease along the log
            end = next((i for i, record in enumerate(log) if record.timestamp > millis), len(log))
            label = explain.timestamp(millis)
        elif isinstance(moment, int) and not isinstance(moment, bool):
            partition = decode_partition_id(self.key)
            found = next((i for i, r in enumerate(log) if r.partition_id == partition and r.position == moment), None)
            if found is None:
                last = max((r.position for r in log if r.partition_id == partition), default=0)
                raise ValueError(
                    f"no record has position {moment} on partition {partition} (the log's positions there "
                    f"go up to {last})"
                )
            end = found + 1
            label = f"record position {moment}"
        else:
            raise TypeError(f"at() takes an aware datetime or a record position (int), got {moment!r}")
        return WorkflowInstanceAssert(self.key, self._records, named=self._named, _until=(end, label))

    def _unknown(self) -> str:
        known = [
            r.key for r in self._records.workflow_instance(bpmn_element_type="PROCESS", intent="ELEMENT_ACTIVATING")
        ]
        listed = explain.listing(str(key) for key in known) if known else "none"
        return (
            f"Expected workflow instance {self.key} to exist, but the record log has no instance with this key "
            f"(is it a job or element instance key?). Instances in the log: {listed}."
        )

    def _fail(self, headline: str, history: InstanceHistory) -> AssertionError:
        if self._until is not None:
            headline = f"At {self._until[1]}: {headline}"
        return AssertionError(explain.failure(headline, history))

    def _name_incidents(self, keys: Iterable[int]) -> None:
        if self._named is not None:
            self._named(keys)

    def _self(self) -> WorkflowInstanceAssert:
        return self

    def _child(self, key: int) -> WorkflowInstanceAssert:
        return WorkflowInstanceAssert(key, self._records, named=self._named, _until=self._until)

    # -- lifecycle ------------------------------------------------------------------------------

    def is_started(self) -> WorkflowInstanceAssert:
        """The instance exists: its process element was activated."""
        __tracebackhide__ = True
        self.history()
        return self

    def is_active(self) -> WorkflowInstanceAssert:
        """The instance has neither completed nor been terminated."""
        __tracebackhide__ = True
        history = self.history()
        if history.state != "active":
            raise self._fail(
                f"Expected {explain.instance_name(history)} to be active, but it is {history.state}.", history
            )
        return self

    def is_completed(self) -> WorkflowInstanceAssert:
        """The process element completed."""
        __tracebackhide__ = True
        history = self.history()
        if history.state != "completed":
            summary = explain.waiting_summary(history)
            raise self._fail(f"Expected {explain.instance_name(history)} to be completed, but {summary}.", history)
        return self

    def is_not_completed(self) -> WorkflowInstanceAssert:
        """The process element has not completed (it may be active or terminated)."""
        __tracebackhide__ = True
        history = self.history()
        if history.state == "completed":
            raise self._fail(f"Expected {explain.instance_name(history)} not to be completed, but it is.", history)
        return self

    def is_terminated(self) -> WorkflowInstanceAssert:
        """The process element was terminated (cancelled)."""
        __tracebackhide__ = True
        history = self.history()
        if history.state != "terminated":
            summary = explain.waiting_summary(history)
            raise self._fail(f"Expected {explain.instance_name(history)} to be terminated, but {summary}.", history)
        return self

    # -- where it waits -------------------------------------------------------------------------

    def is_waiting_at(self, *element_ids: str) -> WorkflowInstanceAssert:
        """Each element has an active instance (a sub-process counts while its inner elements run)."""
        __tracebackhide__ = True
        history = self.history()
        active = {element.element_id for element in history.active_elements()}
        missing = [element_id for element_id in element_ids if element_id not in active]
        if missing:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to be waiting at {explain.listing(element_ids)}, "
                f"but {explain.waiting_summary(history)}.",
                history,
            )
        return self

    def is_not_waiting_at(self, *element_ids: str) -> WorkflowInstanceAssert:
        """No element has an active instance."""
        __tracebackhide__ = True
        history = self.history()
        active = {element.element_id for element in history.active_elements()}
        found = [element_id for element_id in element_ids if element_id in active]
        if found:
            raise self._fail(
                f"Expected {explain.instance_name(history)} not to be waiting at {explain.listing(found)}, "
                f"but {explain.waiting_summary(history)}.",
                history,
            )
        return self

    def is_waiting_exactly_at(self, *element_ids: str) -> WorkflowInstanceAssert:
        """The instance waits at these elements and no other (its innermost active elements)."""
        __tracebackhide__ = True
        history = self.history()
        waiting = {element.element_id for element in history.waiting_elements()}
        expected = set(element_ids)
        if waiting != expected:
            difference = []
            if expected - waiting:
                difference.append(f"not waiting at {explain.listing(sorted(expected - waiting))}")
            if waiting - expected:
                difference.append(f"also waiting at {explain.listing(sorted(waiting - expected))}")
            raise self._fail(
                f"Expected {explain.instance_name(history)} to be waiting exactly at "
                f"{explain.listing(sorted(expected))}, but {explain.waiting_summary(history)} "
                f"({'; '.join(difference)}).",
                history,
            )
        return self

    # -- the path -------------------------------------------------------------------------------

    def has_passed(self, *element_ids: str) -> WorkflowInstanceAssert:
        """Each element completed at least once (a sequence flow: was taken at least once)."""
        __tracebackhide__ = True
        history = self.history()
        passed = history.passed_ids()
        missing = [element_id for element_id in element_ids if element_id not in passed]
        if missing:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have passed {explain.listing(element_ids)}, "
                f"but it has not passed {explain.listing(missing)}; it passed {_passed(passed)}.",
                history,
            )
        return self

    def has_passed_times(self, element_id: str, times: int) -> WorkflowInstanceAssert:
        """The element completed exactly `times` times."""
        __tracebackhide__ = True
        history = self.history()
        actual = history.passed_ids().count(element_id)
        if actual != times:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have passed {element_id!r} {_times(times)}, "
                f"but it passed it {_times(actual)}.",
                history,
            )
        return self

    def has_not_passed(self, *element_ids: str) -> WorkflowInstanceAssert:
        """No element completed (no sequence flow was taken)."""
        __tracebackhide__ = True
        history = self.history()
        passed = history.passed_ids()
        found = [
            f"{element_id} ({_times(passed.count(element_id))})" for element_id in element_ids if element_id in passed
        ]
        if found:
            raise self._fail(
                f"Expected {explain.instance_name(history)} not to have passed {explain.listing(element_ids)}, "
                f"but it passed {explain.listing(found)}.",
                history,
            )
        return self

    def has_passed_in_order(self, *element_ids: str) -> WorkflowInstanceAssert:
        """The elements completed in this order (others may come in between)."""
        __tracebackhide__ = True
        history = self.history()
        passed = history.passed_ids()
        remaining = iter(passed)
        if not all(element_id in remaining for element_id in element_ids):
            relevant = [element_id for element_id in passed if element_id in set(element_ids)]
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have passed {explain.listing(element_ids)} in this "
                f"order, but it passed them in the order {_passed(relevant)}.",
                history,
            )
        return self

    # -- variables ------------------------------------------------------------------------------

    def _variable(self, history: InstanceHistory, name: str, scope: str | None) -> VariableView | None:
        """The variable in the root scope, or in the latest instance of element `scope`."""
        for scope_key in reversed(history.scope_keys(scope) if scope else [self.key]):
            variable = history.variables.get(scope_key, {}).get(name)
            if variable is not None:
                return variable
        return None

    def has_variable(self, name: str, *, scope: str | None = None) -> WorkflowInstanceAssert:
        """The variable exists in the root scope, or in the scope of element `scope`."""
        __tracebackhide__ = True
        history = self.history()
        if self._variable(history, name, scope) is None:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have a variable {name!r} in "
                f"{_scope(history, scope)}, but it has none there{_elsewhere(history, name)}.",
                history,
            )
        return self

    def has_variable_with_value(self, name: str, value: Any, *, scope: str | None = None) -> WorkflowInstanceAssert:
        """The variable's current value equals `value` (as JSON: `True` is not `1`)."""
        __tracebackhide__ = True
        history = self.history()
        variable = self._variable(history, name, scope)
        if variable is None or not json_equal(variable.value, value):
            actual = "it has no such variable" if variable is None else f"it is {explain.short(variable.text, 200)}"
            expected = explain.short(json.dumps(value, default=repr), 200)
            raise self._fail(
                f"Expected variable {name!r} of {explain.instance_name(history)} in {_scope(history, scope)} "
                f"to be {expected}, but {actual}{_elsewhere(history, name) if variable is None else ''}.",
                history,
            )
        return self

    def has_variables(self, **values: Any) -> WorkflowInstanceAssert:
        """Each root-scope variable has the given value."""
        __tracebackhide__ = True
        history = self.history()
        wrong = []
        for name, value in values.items():
            variable = self._variable(history, name, None)
            if variable is None:
                wrong.append(f"{name} is missing")
            elif not json_equal(variable.value, value):
                wrong.append(
                    f"{name} is {explain.short(variable.text)}, not {explain.short(json.dumps(value, default=repr))}"
                )
        if wrong:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have the variables {explain.short(str(values), 300)} "
                f"in its root scope, but {'; '.join(wrong[:10])}.",
                history,
            )
        return self

    # -- incidents ------------------------------------------------------------------------------

    def has_no_incidents(self) -> WorkflowInstanceAssert:
        """No incident of the instance is open (resolved ones are fine)."""
        __tracebackhide__ = True
        history = self.history()
        incidents = history.open_incidents()
        if incidents:
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have no open incidents, but it has {len(incidents)}: "
                f"{explain.listing(f'{i.error_type} at {i.element_id}' for i in incidents)}.",
                history,
            )
        return self

    def has_incident(self, error_type: str | None = None, *, element: str | None = None) -> WorkflowInstanceAssert:
        """An open incident exists, of `error_type` (e.g. ``"JOB_NO_RETRIES"``) at `element` if given."""
        __tracebackhide__ = True
        history = self.history()
        incidents = history.open_incidents()
        matching = [
            i
            for i in incidents
            if (error_type is None or i.error_type == error_type) and (element is None or i.element_id == element)
        ]
        if not matching:
            wanted = " ".join(part for part in (error_type, f"at {element}" if element else None) if part)
            actual = explain.listing(f"{i.error_type} at {i.element_id}" for i in incidents) if incidents else "none"
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have an open incident{' ' + wanted if wanted else ''}, "
                f"but its open incidents are {actual}.",
                history,
            )
        self._name_incidents(incident.key for incident in matching)
        return self


def json_equal(actual: Any, expected: Any) -> bool:
    """Equality as JSON sees it: numbers by value (1 == 1.0), but booleans are no numbers."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(json_equal(actual[k], expected[k]) for k in actual)
    if isinstance(actual, list) and isinstance(expected, list | tuple):
        return len(actual) == len(expected) and all(json_equal(a, e) for a, e in zip(actual, expected, strict=True))
    return bool(actual == expected)


def _passed(passed: list[str]) -> str:
    return explain.listing(passed, 30) if passed else "nothing"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _scope(history: InstanceHistory, scope: str | None) -> str:
    return "its root scope" if scope is None else f"the scope of {scope!r}"


def _elsewhere(history: InstanceHistory, name: str) -> str:
    scopes = [history.scope_name(key) for key, variables in history.variables.items() if name in variables]
    return f" (it exists in {explain.listing(scopes)})" if scopes else ""
