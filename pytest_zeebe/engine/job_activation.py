"""One activation round over every partition, as Zeebe's round-robin ActivateJobs handler does.

Shared by the gateway (one ActivateJobs response per partition that had jobs) and the test harness.
"""

from __future__ import annotations

from collections.abc import Sequence

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.results import Rejected
from pytest_zeebe.engine.values import JobBatchRecordValue


def activate_round(
    engine: Engine,
    *,
    job_type: str,
    worker: str,
    timeout: int,
    max_jobs_to_activate: int,
    fetch_variables: Sequence[str] = (),
) -> list[JobBatchRecordValue] | Rejected:
    """The batches that activated jobs, partition by partition, until `max_jobs_to_activate` are collected.

    A truncated batch (cut at the record size limit, or empty because its first job was too large)
    sends the gateway back to the same partition for the rest, as Zeebe 0.26's
    RoundRobinActivateJobsHandler does (`pollPrevPartition`). Stops at the first rejection (an
    invalid request is rejected by every partition alike).
    """
    batches: list[JobBatchRecordValue] = []
    wanted = max_jobs_to_activate
    partition = 1
    while wanted > 0 and partition <= engine.config.partition_count:
        command = commands.activate_jobs(
            partition_id=partition,
            job_type=job_type,
            worker=worker,
            timeout=timeout,
            max_jobs_to_activate=wanted,
            fetch_variables=fetch_variables,
        )
        result = engine.submit(command)
        if isinstance(result, Rejected):
            return result
        batch = result.value
        assert isinstance(batch, JobBatchRecordValue)
        if batch.jobs:
            wanted -= len(batch.jobs)
            batches.append(batch)
        if not batch.truncated:
            partition += 1
    return batches
