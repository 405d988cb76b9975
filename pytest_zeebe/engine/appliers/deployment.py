"""DEPLOYMENT CREATED: the deployed workflows join the repository.

The event carries its transformed workflows (an internal field, not in Zeebe's JSON), so neither
applying it nor replaying it parses a resource again.
"""

from __future__ import annotations

from pytest_zeebe.engine.appliers.registry import applies
from pytest_zeebe.engine.intents import DeploymentIntent, ValueType
from pytest_zeebe.engine.records import Record
from pytest_zeebe.engine.state import DeployedWorkflowEntry, EngineState
from pytest_zeebe.engine.values import DeploymentRecordValue


@applies(ValueType.DEPLOYMENT, DeploymentIntent.CREATED)
def deployment_created(state: EngineState, record: Record, cause: Record | None) -> None:
    value = record.value
    assert isinstance(value, DeploymentRecordValue)
    for deployed, transformed in zip(value.deployed_workflows, value.transformed, strict=True):
        if deployed.workflow_key in state.workflows.by_key:
            continue  # a duplicate of the latest version keeps its key
        state.workflows.add(
            DeployedWorkflowEntry(
                key=deployed.workflow_key,
                bpmn_process_id=deployed.bpmn_process_id,
                version=deployed.version,
                resource_name=deployed.resource_name,
                digest=transformed.digest,
                resource=transformed.resource,
                workflow=transformed.workflow,
            )
        )
