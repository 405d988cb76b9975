"""A service task's job: type and retries as static values or FEEL expressions, headers, variables."""

from __future__ import annotations

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.engine.test_deployment_versions import bpmn


def test_job_type_and_retries_can_be_expressions(zeebe: ZeebeHarness) -> None:
    """SEMANTICS §1.2: type and retries are evaluated when the task is activated, in its scope."""
    xml = bpmn("p").replace(b'type="work"', b'type="=kind + &quot;-job&quot;" retries="=n * 2"')
    zeebe.deploy(("p.bpmn", xml))
    zeebe.create_instance("p", {"kind": "pay", "n": 2})
    (job,) = zeebe.activate_jobs("pay-job")
    assert job.retries == 4
    assert job.custom_headers == {}


def test_static_retries_default_to_three(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(("p.bpmn", bpmn("p")))
    zeebe.create_instance("p")
    (job,) = zeebe.activate_jobs("work")
    assert job.retries == 3


def test_completion_variables_propagate_to_the_root_scope(zeebe: ZeebeHarness) -> None:
    """No output mappings: a propagating set from the task scope (SEMANTICS §4, JobOutputMappingTest)."""
    zeebe.deploy(("p.bpmn", bpmn("p")))
    instance = zeebe.create_instance("p", {"i": 0})
    (job,) = zeebe.activate_jobs("work")
    zeebe.complete_job(job.key, {"i": 1, "x": {"y": [1, 2]}})
    variables = [
        (r.intent.value, r.value.name, r.value.value, r.value.scope_key)
        for r in zeebe.records
        if r.value_type.value == "VARIABLE"
    ]
    assert variables == [
        ("CREATED", "i", "0", instance.key),
        ("UPDATED", "i", "1", instance.key),
        ("CREATED", "x", '{"y":[1,2]}', instance.key),
    ]


def test_unchanged_values_write_no_variable_record(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(("p.bpmn", bpmn("p")))
    zeebe.create_instance("p", {"i": 0})
    (job,) = zeebe.activate_jobs("work")
    zeebe.complete_job(job.key, {"i": 0})
    assert [r.intent.value for r in zeebe.records if r.value_type.value == "VARIABLE"] == ["CREATED"]


def test_fetch_variables_limits_what_a_job_carries(zeebe: ZeebeHarness) -> None:
    from pytest_zeebe.engine import commands

    zeebe.deploy(("p.bpmn", bpmn("p")))
    zeebe.create_instance("p", {"a": 1, "b": 2})
    command = commands.activate_jobs(
        partition_id=1, job_type="work", worker="w", timeout=1000, max_jobs_to_activate=1, fetch_variables=["b", "c"]
    )
    result = zeebe.server.engine.submit(command)
    assert dict(result.value.jobs[0].variables) == {"b": 2}  # type: ignore[union-attr]
