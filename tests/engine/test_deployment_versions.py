"""Deployment bookkeeping: versions, duplicates against the latest version, keys, atomicity.

Rules from SEMANTICS §2.1 (DeploymentTransformer#isDuplicateOfLatest; CreateDeploymentTest
#shouldNotFilterWithRollbackToPreviousVersion, #shouldNotFilterWithDifferentResourceName,
#shouldFilterDuplicateWorkflow). Unlike Zeebe 0.26 (bug #5723), a rejected deployment spends nothing.
"""

from __future__ import annotations

import grpc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.errors import DeploymentRejectedError
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import GatewayClient

FIRST_KEY = (1 << 51) + 1


def bpmn(process_id: str, job_type: str = "work") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://example.com">
  <bpmn:process id="{process_id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="{job_type}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>""".encode()


def versions(zeebe: ZeebeHarness, *resources: tuple[str, bytes]) -> list[tuple[str, int, int]]:
    deployment = zeebe.deploy(*resources)
    return [(w.bpmn_process_id, w.version, w.workflow_key) for w in deployment.workflows]


def test_same_bytes_and_name_keep_key_and_version(zeebe: ZeebeHarness) -> None:
    first = zeebe.deploy(("p.bpmn", bpmn("p")))
    again = zeebe.deploy(("p.bpmn", bpmn("p")))
    assert again.workflows == first.workflows
    assert first.workflows[0].workflow_key == FIRST_KEY
    assert again.key > first.key


def test_rollback_to_an_earlier_content_is_a_new_version(zeebe: ZeebeHarness) -> None:
    v1, v2 = bpmn("p", "a"), bpmn("p", "b")
    assert [v for _, v, _ in versions(zeebe, ("p.bpmn", v1))] == [1]
    assert [v for _, v, _ in versions(zeebe, ("p.bpmn", v2))] == [2]
    assert [v for _, v, _ in versions(zeebe, ("p.bpmn", v1))] == [3]


def test_same_bytes_under_another_name_is_a_new_version(zeebe: ZeebeHarness) -> None:
    versions(zeebe, ("p.bpmn", bpmn("p")))
    ((_, version, _),) = versions(zeebe, ("other.bpmn", bpmn("p")))
    assert version == 2


def test_new_instances_use_the_latest_version(zeebe: ZeebeHarness) -> None:
    versions(zeebe, ("p.bpmn", bpmn("p", "a")))
    versions(zeebe, ("p.bpmn", bpmn("p", "b")))
    instance = zeebe.create_instance("p")
    assert instance.version == 2
    (job,) = zeebe.activate_jobs("b")
    assert job.workflow_definition_version == 2
    assert zeebe.create_instance("p", version=1).version == 1


def test_duplicate_process_ids_across_resources_are_rejected(zeebe: ZeebeHarness) -> None:
    """CreateDeploymentTest#shouldRejectDeploymentWithDuplicateResources."""
    with pytest.raises(DeploymentRejectedError) as error:
        zeebe.deploy(("p1.bpmn", bpmn("a")), ("p2.bpmn", bpmn("b")), ("p3.bpmn", bpmn("b")))
    assert str(error.value) == (
        "Expected to deploy new resources, but encountered the following errors:\n"
        "Duplicated process id in resources 'p2.bpmn' and 'p3.bpmn'"
    )


def test_non_executable_processes_count_as_duplicate_ids_too(zeebe: ZeebeHarness) -> None:
    """DeploymentTransformer#checkForDuplicateBpmnId looks at every process of each resource."""
    documented = b'<bpmn:process id="shared" isExecutable="false"><bpmn:startEvent id="s" /></bpmn:process>'
    with_documentation = bpmn("a").replace(b"</bpmn:definitions>", documented + b"</bpmn:definitions>")
    with pytest.raises(DeploymentRejectedError) as error:
        zeebe.deploy(("a.bpmn", with_documentation), ("b.bpmn", bpmn("shared")))
    assert str(error.value).endswith("Duplicated process id in resources 'a.bpmn' and 'b.bpmn'")


def test_a_rejected_deployment_writes_command_and_rejection_and_spends_nothing(zeebe: ZeebeHarness) -> None:
    with pytest.raises(DeploymentRejectedError):
        zeebe.deploy(("good.bpmn", bpmn("good")), ("bad.bpmn", b"<not-closed"))
    assert [(r.record_type.value, r.intent.value) for r in zeebe.records] == [
        ("COMMAND", "CREATE"),
        ("COMMAND_REJECTION", "CREATE"),
    ]
    assert zeebe.records[1].rejection_type.value == "INVALID_ARGUMENT"
    deployment = zeebe.deploy(("good.bpmn", bpmn("good")))
    assert deployment.workflows[0].workflow_key == FIRST_KEY
    assert deployment.workflows[0].version == 1


def test_deployment_records_carry_zeebes_value_fields(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(("p.bpmn", bpmn("p")))
    created = zeebe.records[1].to_dict()
    assert created["intent"] == "CREATED"
    value = created["value"]
    assert set(value) == {"resources", "deployedWorkflows"}
    (resource,) = value["resources"]
    assert set(resource) == {"resource", "resourceType", "resourceName"}
    assert resource["resourceType"] == "BPMN_XML"
    assert resource["resourceName"] == "p.bpmn"
    assert [r.intent.value for r in zeebe.records] == ["CREATE", "CREATED", "DISTRIBUTE", "DISTRIBUTED"]
    assert len({r.key for r in zeebe.records[1:]}) == 1


def test_resources_over_a_configured_size_limit_are_invalid_argument() -> None:
    """Below gRPC's 4 MB limit, a limit of our own (none by default, as in Zeebe 0.26) answers INVALID_ARGUMENT."""
    padding = b"<!--" + b"x" * (1024 * 1024) + b"-->"
    big = bpmn("p").replace(b"<bpmn:definitions", padding + b"<bpmn:definitions", 1)
    server = GatewayServer(Engine(EngineConfig(max_resource_size=1024 * 1024))).start()
    client = GatewayClient(server.address)
    try:
        with pytest.raises(grpc.RpcError) as error:
            client.deploy_file("big.bpmn", big)
    finally:
        client.close()
        server.stop()
    assert error.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error.value.details() == (
        "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': "
        "Expected to deploy new resources, but encountered the following errors:\n"
        f"'big.bpmn': Expected resource to be at most 1048576 bytes, but it has {len(big)} bytes"
    )


# -- property: any sequence of deployments -------------------------------------------------------

PROCESS_IDS = ("alpha", "beta", "gamma")
resource_choice = st.tuples(st.sampled_from(PROCESS_IDS), st.sampled_from(("x", "y")), st.sampled_from(("", "-b")))
deployment_request = st.tuples(
    st.lists(resource_choice, min_size=1, max_size=3, unique_by=lambda r: r[0]),
    st.booleans(),  # add a broken resource, which must reject the whole request
)


@given(st.lists(deployment_request, min_size=1, max_size=8))
def test_deployments_are_atomic_and_versioned_by_content(
    zeebe_server: GatewayServer, requests: list[tuple[list[tuple[str, str, str]], bool]]
) -> None:
    zeebe_server.engine.reset()
    zeebe = ZeebeHarness(zeebe_server)
    latest: dict[str, tuple[bytes, str, int, int]] = {}  # id -> (bytes, name, version, key)
    next_key = FIRST_KEY
    for resources, broken in requests:
        payload = [(f"{pid}{suffix}.bpmn", bpmn(pid, variant)) for pid, variant, suffix in resources]
        if broken:
            before = len(zeebe.records)
            with pytest.raises(DeploymentRejectedError):
                zeebe.deploy(*payload, ("broken.bpmn", b"<definitions"))
            assert len(zeebe.records) == before + 2  # the command and its rejection, nothing else
            continue
        deployment = zeebe.deploy(*payload)
        for (name, content), workflow in zip(payload, deployment.workflows, strict=True):
            previous = latest.get(workflow.bpmn_process_id)
            if previous is not None and previous[:2] == (content, name):
                assert (workflow.version, workflow.workflow_key) == previous[2:]
            else:
                assert workflow.version == (previous[2] + 1 if previous else 1)
                assert workflow.workflow_key == next_key
                next_key += 1
                latest[workflow.bpmn_process_id] = (content, name, workflow.version, workflow.workflow_key)
        assert deployment.key == next_key
        next_key += 1


def test_timer_start_expressions_are_validated_with_the_engine_clock(zeebe: ZeebeHarness) -> None:
    """Process-level timer start expressions are evaluated at deploy time (TimerCatchEventExpressionValidator);
    `now()` there reads the engine clock."""
    timer = (
        b'<bpmn:startEvent id="start"><bpmn:timerEventDefinition>'
        b'<bpmn:timeDate>=now() + duration("PT1H")</bpmn:timeDate>'
        b"</bpmn:timerEventDefinition></bpmn:startEvent>"
    )
    content = bpmn("timed").replace(b'<bpmn:startEvent id="start" />', timer)
    assert b"timeDate" in content
    assert zeebe.deploy(("timed.bpmn", content)).workflows[0].version == 1
