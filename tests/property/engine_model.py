"""A small reference model of the core runtime, for the stateful test (test_engine_machine.py).

Five workflows, one job type ("work"); the model knows what each command should do to them,
from SEMANTICS §4, §5, §8, §10 and the engine tests cited in the test modules:

- `single`:  start → task t → end
- `fork`:    start → parallel split → tasks a and b → parallel join → end
- `choice`:  start → exclusive gate (`n > 5` → task t → end, default → end); no `n`: EXTRACT_VALUE_ERROR
- `guarded`: start → sub-process with input `y = x` (no `x`: IO_MAPPING_ERROR) { task t } → end
- `mapped`:  start → task t with output `r = result` (no `result`: IO_MAPPING_ERROR on completing) → end

The model predicts instance states, jobs (and their states) and open incidents; the test learns
the keys the engine gave from the record log and holds the engine to the prediction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.support.bpmn import Process

PROCESS_IDS = ("single", "fork", "choice", "guarded", "mapped")


def processes() -> list[Process]:
    single = Process("single")
    single.start("s").task("t", "work").end("e")
    fork = Process("fork")
    fork.start("s").parallel("split").task("a", "work").parallel("join").end("e")
    fork.after("split").task("b", "work").flow("b", "join")
    choice = Process("choice")
    choice.start("s").xor("gate", default="to-end").end("e", then=False).task("t", "work", then=False)
    choice.end("e2", then=False).flow("gate", "t", flow_id="to-task", condition="n > 5")
    choice.flow("gate", "e", flow_id="to-end").flow("t", "e2")
    guarded = Process("guarded")
    guarded.start("s").sub_process("sub", inputs={"y": "x"}).end("e")
    guarded.scope("sub").start("sub-start").task("t", "work").end("sub-end")
    mapped = Process("mapped")
    mapped.start("s").task("t", "work", outputs={"r": "result"}).end("e")
    return [single, fork, choice, guarded, mapped]


@dataclass
class Instance:
    """What the model expects of one workflow instance."""

    number: int
    process: str
    key: int = -1
    status: str = "active"
    variables: dict[str, Any] = field(default_factory=dict)
    waiting: set[str] = field(default_factory=set)
    """Tasks whose job should exist (in whatever state)."""
    blocked_at: str | None = None
    """The element with an open element (non-job) incident."""

    def __repr__(self) -> str:
        return f"instance#{self.number}({self.process})"


@dataclass
class Job:
    key: int
    instance: Instance
    element: str
    state: str = "ACTIVATABLE"
    deadline: int = -1
    retries: int = 3
    worker: str = ""


@dataclass
class Incident:
    key: int
    instance: Instance
    element: str
    error_type: str
    job: Job | None = None


class Model:
    """The expected state; each method applies one accepted command and says what it expects next."""

    def __init__(self) -> None:
        self.instances: list[Instance] = []
        self.jobs: dict[int, Job] = {}
        self.incidents: dict[int, Incident] = {}
        self.expected_incidents: list[tuple[Instance, str, str, Job | None]] = []
        """Incidents the last step should have created: (instance, element, error type, job)."""

    # -- element progress ---------------------------------------------------------------------

    def start(self, instance: Instance) -> None:
        """The instance was created: run it to its first wait state."""
        process = instance.process
        if process == "single" or process == "mapped":
            instance.waiting = {"t"}
        elif process == "fork":
            instance.waiting = {"a", "b"}
        elif process == "choice":
            self._gate(instance)
        elif process == "guarded":
            self._guard(instance)

    def _gate(self, instance: Instance) -> None:
        n = instance.variables.get("n")
        if n is None:
            self._incident(instance, "gate", "EXTRACT_VALUE_ERROR")
        elif n > 5:
            instance.waiting = {"t"}
        else:
            instance.status = "completed"

    def _guard(self, instance: Instance) -> None:
        if "x" in instance.variables:
            instance.waiting = {"t"}
        else:
            self._incident(instance, "sub", "IO_MAPPING_ERROR")

    def _incident(self, instance: Instance, element: str, error_type: str, job: Job | None = None) -> None:
        if job is None:
            instance.blocked_at = element
        self.expected_incidents.append((instance, element, error_type, job))

    def _task_done(self, instance: Instance, element: str) -> None:
        instance.waiting.discard(element)
        if not instance.waiting and instance.blocked_at is None:
            instance.status = "completed"

    def _finish_mapped(self, instance: Instance) -> None:
        if "result" in instance.variables:
            instance.blocked_at = None
            self._task_done(instance, "t")
        else:
            self._incident(instance, "t", "IO_MAPPING_ERROR")

    # -- commands -----------------------------------------------------------------------------

    def complete(self, job: Job, variables: dict[str, Any]) -> None:
        del self.jobs[job.key]
        instance = job.instance
        if instance.process == "mapped":
            if "result" in variables:
                self._task_done(instance, "t")
            else:
                instance.waiting.discard("t")
                self._finish_mapped(instance)
            return
        # no output mappings: the job's variables propagate to the root scope
        instance.variables.update(variables)
        self._task_done(instance, job.element)

    def fail(self, job: Job, retries: int) -> None:
        job.retries = retries
        job.deadline = -1
        if retries > 0:
            job.state = "ACTIVATABLE"
        else:
            job.state = "FAILED"
            self._incident(job.instance, job.element, "JOB_NO_RETRIES", job)

    def resolve(self, incident: Incident) -> None:
        del self.incidents[incident.key]
        instance = incident.instance
        if incident.job is not None:
            if incident.job.state == "FAILED":
                incident.job.state = "ACTIVATABLE"
            return
        instance.blocked_at = None
        if incident.element == "gate":
            self._gate(instance)
        elif incident.element == "sub":
            self._guard(instance)
        else:
            self._finish_mapped(instance)

    def cancel(self, instance: Instance) -> None:
        instance.status = "terminated"
        instance.waiting.clear()
        instance.blocked_at = None
        for key in [key for key, job in self.jobs.items() if job.instance is instance]:
            del self.jobs[key]
        for key in [key for key, incident in self.incidents.items() if incident.instance is instance]:
            del self.incidents[key]

    def time_passes(self, now: int) -> None:
        """Activated jobs whose deadline is before `now` time out (TimeOutProcessor, JobState)."""
        for job in self.jobs.values():
            if job.state == "ACTIVATED" and job.deadline < now:
                job.state = "ACTIVATABLE"
                job.deadline = -1

    def activatable(self) -> list[Job]:
        """What an activation round hands out: partition by partition, lowest key first."""
        jobs = [job for job in self.jobs.values() if job.state == "ACTIVATABLE"]
        return sorted(jobs, key=lambda job: (job.key >> 51, job.key))

    def expected_jobs(self) -> list[tuple[Instance, str]]:
        """Waiting tasks that have no job yet (the last step should have created one each)."""
        have = {(id(job.instance), job.element) for job in self.jobs.values()}
        return [
            (instance, element)
            for instance in self.instances
            if instance.status == "active"
            for element in sorted(instance.waiting)
            if (id(instance), element) not in have and instance.blocked_at != element
        ]
