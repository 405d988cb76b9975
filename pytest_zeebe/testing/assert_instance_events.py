"""Instance assertions about what an instance waits for and what reached it: messages, jobs, and
the workflows it called (mixed into `WorkflowInstanceAssert`).

As every instance assertion, they read the record log: open WORKFLOW_INSTANCE_SUBSCRIPTION
records for awaited messages, CORRELATED ones for correlated messages, JOB records for jobs, and
child instances by the `parent_workflow_instance_key` of their PROCESS records (Zeebe's call
activity writes it; zeebe-process-test's `hasCalledProcess` reads the same).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pytest_zeebe.testing import explain
from pytest_zeebe.testing.history import InstanceHistory

if TYPE_CHECKING:
    from pytest_zeebe.testing.assert_instance import WorkflowInstanceAssert
    from pytest_zeebe.testing.records import RecordQuery


class InstanceEventAssertions:
    """Messages, jobs and called workflows of one instance."""

    key: int
    _records: RecordQuery

    def history(self) -> InstanceHistory:
        raise NotImplementedError

    def _fail(self, headline: str, history: InstanceHistory) -> AssertionError:
        raise NotImplementedError

    def _name_incidents(self, keys: Iterable[int]) -> None:
        raise NotImplementedError

    def is_waiting_for_messages(self, *message_names: str) -> WorkflowInstanceAssert:
        """A message subscription of the instance is open for each name."""
        __tracebackhide__ = True
        history = self.history()
        open_names = {subscription.message_name for subscription in history.subscriptions.values()}
        missing = [name for name in message_names if name not in open_names]
        if missing:
            actual = explain.listing(sorted(open_names)) if open_names else "none"
            raise self._fail(
                f"Expected {explain.instance_name(history)} to be waiting for the messages "
                f"{explain.listing(message_names)}, but it waits for no {explain.listing(missing)}; "
                f"its open message subscriptions are {actual}; {explain.waiting_summary(history)}.",
                history,
            )
        return self._self()

    def is_waiting_for_job(self, job_type: str) -> WorkflowInstanceAssert:
        """A job of `job_type` of the instance waits for a worker or is being worked on."""
        __tracebackhide__ = True
        history = self.history()
        waiting = [job for job in history.jobs.values() if job.open and job.state != "ERROR_THROWN"]
        if not any(job.type == job_type for job in waiting):
            actual = explain.listing(f"{job.type} ({job.state}, retries {job.retries})" for job in waiting)
            raise self._fail(
                f"Expected {explain.instance_name(history)} to be waiting for a job of type {job_type!r}, but "
                f"its open jobs are {actual if waiting else 'none'}; {explain.waiting_summary(history)}.",
                history,
            )
        return self._self()

    def has_correlated_message(self, message_name: str, times: int = 1) -> WorkflowInstanceAssert:
        """Messages named `message_name` were correlated to the instance exactly `times` times."""
        __tracebackhide__ = True
        history = self.history()
        count = sum(1 for name, _, _ in history.correlations if name == message_name)
        if count != times:
            correlated = explain.listing(name for name, _, _ in history.correlations) if history.correlations else ""
            others = f"; the messages correlated to it: {correlated}" if correlated else ""
            open_names = sorted({s.message_name for s in history.subscriptions.values()})
            waiting = f"; it waits for {explain.listing(open_names)}" if open_names else ""
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have correlated the message {message_name!r} "
                f"{_times(times)}, but it was correlated {_times(count)}{others}{waiting}.",
                history,
            )
        return self._self()

    def _called(self) -> list[tuple[int, str]]:
        """(key, process id) of the instances this one called, in the order they started."""
        query = self._records.workflow_instance(
            bpmn_element_type="PROCESS", intent="ELEMENT_ACTIVATING", parent_workflow_instance_key=self.key
        )
        return [(record.key, record.value.bpmn_process_id) for record in query]  # type: ignore[attr-defined]

    def has_called_workflow(self, bpmn_process_id: str) -> WorkflowInstanceAssert:
        """The instance started an instance of `bpmn_process_id` through a call activity."""
        __tracebackhide__ = True
        history = self.history()
        called = self._called()
        if not any(process_id == bpmn_process_id for _, process_id in called):
            actual = explain.listing(f"{process_id} ({key})" for key, process_id in called) if called else "none"
            raise self._fail(
                f"Expected {explain.instance_name(history)} to have called the workflow {bpmn_process_id!r}, but "
                f"the workflows it called are {actual}.",
                history,
            )
        return self._self()

    def called_instance(self, bpmn_process_id: str) -> WorkflowInstanceAssert:
        """The assert object of the (latest) instance of `bpmn_process_id` this instance called."""
        __tracebackhide__ = True
        self.has_called_workflow(bpmn_process_id)
        key = [key for key, process_id in self._called() if process_id == bpmn_process_id][-1]
        return self._child(key)

    def _child(self, key: int) -> WorkflowInstanceAssert:
        raise NotImplementedError

    def _self(self) -> WorkflowInstanceAssert:
        raise NotImplementedError


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
