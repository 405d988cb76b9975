"""`has_called_workflow` and `called_instance`, over hand-built logs in Zeebe 0.26's format and a real run.

The engine does not run call activities yet; these show the assertions read a child instance as
Zeebe's CallActivityProcessor writes it: a PROCESS record whose `parent_workflow_instance_key`
names the caller (zeebe-process-test's `hasCalledProcess` reads the same field).
"""

from __future__ import annotations

import pytest

from pytest_zeebe import assert_that
from pytest_zeebe.engine.intents import RecordType, ValueType, WorkflowInstanceIntent
from pytest_zeebe.engine.values import WorkflowInstanceRecordValue
from pytest_zeebe.testing.assert_instance import WorkflowInstanceAssert
from pytest_zeebe.testing.harness import ZeebeHarness
from pytest_zeebe.testing.records import RecordQuery
from tests.plugin.zeebe_records import INSTANCE, CountingLog, RecordBuilder, StubSource
from tests.support.bpmn import Process

CHILD = INSTANCE + 100
CALL = 50


def _calling() -> RecordBuilder:
    build = RecordBuilder()
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    build.lifecycle(CALL, "ship", "CALL_ACTIVITY", "ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED")
    for intent in ("ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"):
        value = WorkflowInstanceRecordValue(
            "shipping", 1, 2251799813685300, CHILD, "shipping", -1, "PROCESS", INSTANCE, CALL
        )
        build.add(ValueType.WORKFLOW_INSTANCE, WorkflowInstanceIntent(intent), CHILD, value, RecordType.EVENT)
    return build


def _assert(build: RecordBuilder) -> WorkflowInstanceAssert:
    return WorkflowInstanceAssert(INSTANCE, RecordQuery(StubSource(CountingLog(build.records))))


def test_called_workflow_and_the_nested_assert() -> None:
    called = _assert(_calling()).has_called_workflow("shipping").called_instance("shipping")
    assert called.key == CHILD
    called.is_active()


def test_a_missing_call_names_the_calls_there_are() -> None:
    with pytest.raises(AssertionError) as error:
        _assert(_calling()).has_called_workflow("billing")
    assert str(error.value).startswith(
        "Expected workflow instance 2251799813685251 (order) to have called the workflow 'billing', but the "
        "workflows it called are [shipping (2251799813685351)].\n\nState: active since"
    )
    with pytest.raises(AssertionError, match="but the workflows it called are none"):
        _assert(_empty()).called_instance("x")


def _empty() -> RecordBuilder:
    build = RecordBuilder()
    build.lifecycle(INSTANCE, "order", "PROCESS", "ELEMENT_ACTIVATING")
    return build


def test_called_workflows_through_the_fixture(zeebe: ZeebeHarness) -> None:
    """A real call activity run by the engine: the parent links to its called instance, whose own
    path the nested assert checks (parentWorkflowInstanceKey, Zeebe 0.26's CallActivityProcessor)."""
    child = Process("child")
    child.start().task("pack", "packing").end()
    parent = Process("parent")
    parent.start().call("call-child", "child").end()
    zeebe.deploy(("child.bpmn", child.xml()), ("parent.bpmn", parent.xml()))
    zeebe.worker("packing").complete(packed=True)
    instance = zeebe.create_instance("parent")
    called = assert_that(instance).is_completed().has_called_workflow("child").called_instance("child")
    called.is_completed().has_passed("pack")
    assert_that(instance).has_variable_with_value("packed", True)
    with pytest.raises(AssertionError):
        assert_that(instance).has_called_workflow("billing")
