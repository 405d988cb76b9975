"""`assert_that(job)` and `assert_that(deployment)`: assertions on what the harness hands back.

What the returned object itself carries (a job's type, headers, variables, element; a deployment's
workflows) is checked against the object, so it works against a real gateway too. What happened
to a job since (its retries now, completed, failed, timed out, an error thrown) is read from the
record log, like every instance assertion, and needs the embedded fake.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pytest_zeebe.testing import explain
from pytest_zeebe.testing.assert_instance import json_equal
from pytest_zeebe.testing.history import InstanceHistory, JobView, build_history
from pytest_zeebe.testing.records import RecordQuery
from pytest_zeebe.testing.results import ActivatedJob, Deployment, Job


class JobAssert:
    """Assertions on an activated job.

    :param job: the job as ``zeebe.activate_jobs`` (or ``zeebe.jobs()``) returned it.
    :param records: gives ``zeebe.records`` when a state assertion needs the log (it raises
        `FakeOnlyError` against a real gateway).
    """

    def __init__(self, job: ActivatedJob | Job, records: Callable[[], RecordQuery]) -> None:
        self.job = job
        self._records = records

    def __repr__(self) -> str:
        return f"<assert_that(job {self.job.key})>"

    def _name(self) -> str:
        return f"job {self.job.key} ({self.job.type} at {self.job.element_id})"

    def _fail(self, headline: str, history: InstanceHistory | None = None) -> AssertionError:
        return AssertionError(explain.failure(headline, history))

    # -- what the activated job carried ---------------------------------------------------------

    def has_type(self, job_type: str) -> JobAssert:
        __tracebackhide__ = True
        if self.job.type != job_type:
            raise self._fail(f"Expected {self._name()} to have the type {job_type!r}, but it has {self.job.type!r}.")
        return self

    def has_element_id(self, element_id: str) -> JobAssert:
        __tracebackhide__ = True
        if self.job.element_id != element_id:
            raise self._fail(
                f"Expected {self._name()} to belong to element {element_id!r}, but it belongs to "
                f"{self.job.element_id!r}."
            )
        return self

    def has_headers(self, headers: Mapping[str, str] | None = None, /, **more: str) -> JobAssert:
        """The job's custom headers include these (names that are no identifiers go in the mapping)."""
        __tracebackhide__ = True
        expected = {**(headers or {}), **more}
        wrong = {name: value for name, value in expected.items() if self.job.custom_headers.get(name) != value}
        if wrong:
            raise self._fail(
                f"Expected {self._name()} to have the headers {explain.short(str(expected), 300)}, "
                f"but its headers are {explain.short(str(self.job.custom_headers), 300)}."
            )
        return self

    def has_variables(self, **values: Any) -> JobAssert:
        """The variables the job was activated with include these (compared as JSON)."""
        __tracebackhide__ = True
        variables = self.job.variables
        wrong = [
            name for name, value in values.items() if name not in variables or not json_equal(variables[name], value)
        ]
        if wrong:
            actual = explain.short(json.dumps(variables, default=repr), 400)
            expected = explain.short(json.dumps(values, default=repr), 300)
            raise self._fail(
                f"Expected {self._name()} to carry the variables {expected}, "
                f"but {explain.listing(wrong)} differ; it carries {actual}."
            )
        return self

    # -- what happened to it since, from the record log -----------------------------------------

    def _state(self) -> tuple[JobView, InstanceHistory]:
        __tracebackhide__ = True
        instance = self.job.workflow_instance_key
        history = build_history(instance, self._records().of_instance(instance))
        view = history.jobs.get(self.job.key)
        if view is None:
            raise self._fail(f"Expected {self._name()} in the record log, but it has no such job.")
        return view, history

    def _outcome(self, view: JobView) -> str:
        events = ", ".join(f"{intent} {explain.timestamp(at)[11:]}" for intent, at in view.events[-8:])
        error = f", error {view.error_code or view.error_message!r}" if view.error_code or view.error_message else ""
        return (
            f"its last outcome is {view.outcome or 'none yet'} (state {view.state}, retries {view.retries}{error}; "
            f"events: {events})"
        )

    def has_retries(self, retries: int) -> JobAssert:
        """The job has `retries` retries left now."""
        __tracebackhide__ = True
        view, history = self._state()
        if view.retries != retries:
            raise self._fail(f"Expected {self._name()} to have {retries} retries, but {self._outcome(view)}.", history)
        return self

    def _expect_outcome(self, outcome: str, wording: str, code: str | None = None) -> JobAssert:
        __tracebackhide__ = True
        view, history = self._state()
        if view.outcome != outcome or (code is not None and view.error_code != code):
            raise self._fail(f"Expected {self._name()} {wording}, but {self._outcome(view)}.", history)
        return self

    def is_completed(self) -> JobAssert:
        """A worker completed the job."""
        __tracebackhide__ = True
        return self._expect_outcome("COMPLETED", "to be completed")

    def is_failed(self) -> JobAssert:
        """The job's last outcome is a failure reported by a worker (with retries left or not)."""
        __tracebackhide__ = True
        return self._expect_outcome("FAILED", "to be failed")

    def has_thrown_error(self, error_code: str) -> JobAssert:
        """The job's last outcome is a BPMN error thrown with `error_code`."""
        __tracebackhide__ = True
        return self._expect_outcome("ERROR_THROWN", f"to have thrown the error {error_code!r}", error_code)

    def is_timed_out(self) -> JobAssert:
        """The job's last outcome is a time-out: its worker missed the deadline."""
        __tracebackhide__ = True
        return self._expect_outcome("TIMED_OUT", "to be timed out")


class DeploymentAssert:
    """Assertions on what ``zeebe.deploy`` returned."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment

    def __repr__(self) -> str:
        return f"<assert_that(deployment {self.deployment.key})>"

    def _contents(self) -> str:
        workflows = (f"{w.bpmn_process_id} v{w.version} ({w.resource_name})" for w in self.deployment.workflows)
        return explain.listing(workflows)

    def contains_workflows(self, *bpmn_process_ids: str) -> DeploymentAssert:
        """Each process id is among the deployed workflows."""
        __tracebackhide__ = True
        deployed = {w.bpmn_process_id for w in self.deployment.workflows}
        missing = [process_id for process_id in bpmn_process_ids if process_id not in deployed]
        if missing:
            raise _fail(
                f"Expected deployment {self.deployment.key} to contain the workflows "
                f"{explain.listing(bpmn_process_ids)}, "
                f"but {explain.listing(missing)} are missing; it contains {self._contents()}."
            )
        return self

    def contains_resources(self, *resource_names: str) -> DeploymentAssert:
        """Each resource name deployed at least one workflow."""
        __tracebackhide__ = True
        deployed = {w.resource_name for w in self.deployment.workflows}
        missing = [name for name in resource_names if name not in deployed]
        if missing:
            raise _fail(
                f"Expected deployment {self.deployment.key} to contain workflows from "
                f"{explain.listing(resource_names)}, "
                f"but {explain.listing(missing)} deployed none; it contains {self._contents()}."
            )
        return self

    def has_version(self, bpmn_process_id: str, version: int) -> DeploymentAssert:
        """The workflow `bpmn_process_id` was deployed (or found unchanged) as `version`."""
        __tracebackhide__ = True
        versions = [w.version for w in self.deployment.workflows if w.bpmn_process_id == bpmn_process_id]
        if version not in versions:
            actual = f"it has version {versions[0]}" if versions else f"it has no workflow {bpmn_process_id!r}"
            raise _fail(
                f"Expected deployment {self.deployment.key} to have {bpmn_process_id!r} in version {version}, "
                f"but {actual}; it contains {self._contents()}."
            )
        return self


def _fail(headline: str) -> AssertionError:
    return AssertionError(explain.failure(headline, None))
