"""Jobs and the state each is in (Zeebe's JobState).

A job is ACTIVATABLE (waiting for a worker), ACTIVATED (handed out until its deadline), FAILED
(no retries left, or too large to hand out: an incident waits) or ERROR_THROWN. Completed and
cancelled jobs are deleted. Activatable jobs are indexed by type; workers get them lowest key first.
"""

from __future__ import annotations

from enum import StrEnum

from pytest_zeebe.engine.journal import Entity, Table
from pytest_zeebe.engine.values import JobRecordValue


class JobStatus(StrEnum):
    """The states a job is in between CREATED and deletion."""

    ACTIVATABLE = "ACTIVATABLE"
    ACTIVATED = "ACTIVATED"
    FAILED = "FAILED"
    ERROR_THROWN = "ERROR_THROWN"


class Job(Entity):
    """A job, its state, and its record as Zeebe keeps it (without variables)."""

    __slots__ = ("key", "record", "state")
    key: int
    state: JobStatus
    record: JobRecordValue

    def __init__(self, key: int, state: JobStatus, record: JobRecordValue) -> None:
        self._init(key=key, state=state, record=record)


class JobState:
    """Every job, and the activatable ones by type."""

    __slots__ = ("activatable", "jobs")

    def __init__(self) -> None:
        self.jobs: Table[int, Job] = Table()
        self.activatable: Table[str, Table[int, None]] = Table()

    def get(self, key: int) -> Job | None:
        return self.jobs.get(key)

    def activatable_keys(self, job_type: str) -> list[int]:
        """Activatable jobs of `job_type`, lowest key first (Zeebe's column-family order)."""
        keys = self.activatable.get(job_type)
        return sorted(keys) if keys else []

    # -- changing (appliers only) ---------------------------------------------------------------

    def put(self, key: int, state: JobStatus, record: JobRecordValue) -> None:
        """Store `record` in `state`, keeping the activatable index in step."""
        job = self.jobs.get(key)
        if job is None:
            self.jobs[key] = Job(key, state, record)
        else:
            if job.state is JobStatus.ACTIVATABLE and state is not JobStatus.ACTIVATABLE:
                self._not_activatable(job.record.type, key)
            job.state = state
            job.record = record
        if state is JobStatus.ACTIVATABLE:
            self.activatable.setdefault(record.type, Table())[key] = None

    def delete(self, key: int) -> None:
        job = self.jobs.pop(key, None)
        if job is not None:
            self._not_activatable(job.record.type, key)

    def _not_activatable(self, job_type: str, key: int) -> None:
        keys = self.activatable.get(job_type)
        if keys is not None:
            keys.pop(key, None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JobState):
            return NotImplemented
        return self.jobs == other.jobs and {t: k for t, k in self.activatable.items() if k} == {
            t: k for t, k in other.activatable.items() if k
        }
