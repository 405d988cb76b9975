"""Open incidents, by key and by the element instance or job they block (Zeebe's IncidentState)."""

from __future__ import annotations

from pytest_zeebe.engine.journal import Table
from pytest_zeebe.engine.values import IncidentRecordValue


class IncidentState:
    """Every open incident; an element instance or a job has at most one."""

    __slots__ = ("by_element", "by_job", "incidents")

    def __init__(self) -> None:
        self.incidents: Table[int, IncidentRecordValue] = Table()
        self.by_element: Table[int, int] = Table()
        self.by_job: Table[int, int] = Table()

    def get(self, key: int) -> IncidentRecordValue | None:
        return self.incidents.get(key)

    def of_element(self, element_instance_key: int) -> int | None:
        """The open workflow (non-job) incident of an element instance."""
        return self.by_element.get(element_instance_key)

    def of_job(self, job_key: int) -> int | None:
        return self.by_job.get(job_key)

    def create(self, key: int, incident: IncidentRecordValue) -> None:
        self.incidents[key] = incident
        if incident.job_key > 0:
            self.by_job[incident.job_key] = key
        else:
            self.by_element[incident.element_instance_key] = key

    def delete(self, key: int) -> None:
        incident = self.incidents.pop(key, None)
        if incident is None:
            return
        index = self.by_job if incident.job_key > 0 else self.by_element
        owner = incident.job_key if incident.job_key > 0 else incident.element_instance_key
        if index.get(owner) == key:
            del index[owner]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IncidentState):
            return NotImplemented
        return self.incidents == other.incidents and self.by_element == other.by_element and self.by_job == other.by_job
