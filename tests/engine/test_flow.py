"""Tokens and flow through gRPC: lifecycles, implicit ends, exclusive and parallel gateways, sub-processes.

Each test drives the gateway over the wire and asserts the records per element as Zeebe 0.26's
engine tests do (`ET/workflowinstance/WorkflowInstanceTokenTest`, `ET/bpmn/gateway/*GatewayTest`,
`ET/bpmn/subprocess/EmbeddedSubProcessTest`, `ET/incident/ConditionIncidentTest`).
"""

from __future__ import annotations

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.wire import PASSED, Wire, element_key, incidents, lifecycle, of_element


@pytest.fixture
def wire(zeebe: ZeebeHarness) -> Wire:
    return Wire(zeebe)


def _ends_with_process_completion(zeebe: ZeebeHarness, key: int, process_id: str, last: str) -> None:
    """The process completes right after `last` completes, and nothing of the instance follows."""
    assert lifecycle(zeebe, key)[-3:] == [
        (last, "ELEMENT_COMPLETED"),
        (process_id, "ELEMENT_COMPLETING"),
        (process_id, "ELEMENT_COMPLETED"),
    ]
    zeebe.server.engine.check_replay()


def test_start_task_end_writes_zeebes_record_sequence(zeebe: ZeebeHarness, wire: Wire) -> None:
    """D25 workflow-lifecycles.md, SEMANTICS §11: the exact sequence of a start → task → end instance."""
    p = Process("p")
    p.start("s").task("t", "work").end("e")
    wire.deploy(p)
    key = wire.create("p")
    wire.complete(wire.job("work").key)

    assert lifecycle(zeebe, key) == [
        ("p", "ELEMENT_ACTIVATING"),
        ("p", "ELEMENT_ACTIVATED"),
        ("s", "ELEMENT_ACTIVATING"),
        ("s", "ELEMENT_ACTIVATED"),
        ("s", "ELEMENT_COMPLETING"),
        ("s", "ELEMENT_COMPLETED"),
        ("s-t", "SEQUENCE_FLOW_TAKEN"),
        ("t", "ELEMENT_ACTIVATING"),
        ("t", "ELEMENT_ACTIVATED"),
        ("t", "ELEMENT_COMPLETING"),
        ("t", "ELEMENT_COMPLETED"),
        ("t-e", "SEQUENCE_FLOW_TAKEN"),
        ("e", "ELEMENT_ACTIVATING"),
        ("e", "ELEMENT_ACTIVATED"),
        ("e", "ELEMENT_COMPLETING"),
        ("e", "ELEMENT_COMPLETED"),
        ("p", "ELEMENT_COMPLETING"),
        ("p", "ELEMENT_COMPLETED"),
    ]
    task = element_key(zeebe, key, "t")
    job = zeebe.records.jobs(intent="CREATED").first().key
    task_records = [
        (r.record_type.value, r.value_type.value, r.intent.value)
        for r in zeebe.records
        if r.key in (task, job) or getattr(r.value, "element_instance_key", None) == task
    ]
    assert task_records == [
        ("EVENT", "WORKFLOW_INSTANCE", "ELEMENT_ACTIVATING"),
        ("EVENT", "WORKFLOW_INSTANCE", "ELEMENT_ACTIVATED"),
        ("COMMAND", "JOB", "CREATE"),
        ("EVENT", "JOB", "CREATED"),
        ("COMMAND", "JOB", "COMPLETE"),
        ("EVENT", "JOB", "COMPLETED"),
        ("EVENT", "WORKFLOW_INSTANCE", "ELEMENT_COMPLETING"),
        ("EVENT", "WORKFLOW_INSTANCE", "ELEMENT_COMPLETED"),
    ]
    _ends_with_process_completion(zeebe, key, "p", "e")


def test_every_lifecycle_event_of_an_element_has_its_key(zeebe: ZeebeHarness, wire: Wire) -> None:
    """An element instance keeps one key from ACTIVATING to COMPLETED; each flow taken gets a new one."""
    p = Process("p")
    p.start("s").task("t", "work").end("e")
    wire.deploy(p)
    key = wire.create("p")
    wire.complete(wire.job("work").key)
    by_element: dict[str, set[int]] = {}
    for record in zeebe.records.workflow_instance().events():
        by_element.setdefault(record.value.element_id, set()).add(record.key)  # type: ignore[attr-defined]
    assert {element: len(keys) for element, keys in by_element.items()} == {
        "p": 1,
        "s": 1,
        "s-t": 1,
        "t": 1,
        "t-e": 1,
        "e": 1,
    }
    assert by_element["p"] == {key}


@pytest.mark.parametrize("element", ["task", "sub-process", "start-event"])
def test_an_element_without_outgoing_flows_is_an_implicit_end(zeebe: ZeebeHarness, wire: Wire, element: str) -> None:
    """WorkflowInstanceTokenTest#shouldCompleteInstanceAfter{Activity,Event}WithoutOutgoingSequenceFlows
    (D25 none-events.md: an element without outgoing flows ends its path like an end event)."""
    p = Process("p")
    last = "t"
    if element == "task":
        p.start("s").task("t", "work")
    elif element == "sub-process":
        p.start("s").sub_process("t")
        p.scope("t").start("inner")
    else:
        p.start("t")
    wire.deploy(p)
    key = wire.create("p")
    if element == "task":
        wire.complete(wire.job("work").key)
    assert of_element(zeebe, key, last) == PASSED
    _ends_with_process_completion(zeebe, key, "p", last)


def test_the_process_completes_only_when_its_last_path_ends(zeebe: ZeebeHarness, wire: Wire) -> None:
    """WorkflowInstanceTokenTest#shouldCompleteInstanceAfterParallelSplit."""
    p = Process("p")
    p.start("s").parallel("fork").task("a", "a").end("end-a")
    p.after("fork").task("b", "b").end("end-b")
    wire.deploy(p)
    key = wire.create("p")
    wire.complete(wire.job("a").key)
    assert of_element(zeebe, key, "end-a") == PASSED
    assert of_element(zeebe, key, "p") == ["ELEMENT_ACTIVATING", "ELEMENT_ACTIVATED"]
    wire.complete(wire.job("b").key)
    _ends_with_process_completion(zeebe, key, "p", "end-b")


@pytest.mark.parametrize("end_first", [True, False], ids=["end-declared-first", "gateway-declared-first"])
def test_a_path_still_moving_keeps_the_scope_open(zeebe: ZeebeHarness, wire: Wire, end_first: bool) -> None:
    """Design point 1 of #7: a fork to {end A, exclusive gateway → end B} must not complete the
    process when end A completes while the gateway's path is between elements.

    Zeebe counts the flow taken by the gateway as a token before the gateway's own token is
    consumed (BpmnStateTransitionBehavior#takeSequenceFlow, then consumeToken), so the scope is
    never seen empty. Both declaration orders are run: the fork takes its flows in reverse
    document order, which decides which branch is processed first.
    """
    p = Process("p")
    p.start("s").parallel("fork")
    if end_first:
        p.after("fork").end("end-a")
        p.after("fork").xor("x").end("end-b")
    else:
        p.after("fork").xor("x").end("end-b")
        p.after("fork").end("end-a")
    wire.deploy(p)
    key = wire.create("p")
    records = lifecycle(zeebe, key)
    completing = records.index(("p", "ELEMENT_COMPLETING"))
    assert records.index(("end-b", "ELEMENT_COMPLETED")) < completing
    assert records.index(("end-a", "ELEMENT_COMPLETED")) < completing
    assert records.count(("p", "ELEMENT_COMPLETED")) == 1
    for element in ("end-a", "x", "end-b"):
        assert of_element(zeebe, key, element) == PASSED
    _ends_with_process_completion(zeebe, key, "p", records[completing - 1][0])


def test_a_path_through_a_sub_process_keeps_the_scope_open(zeebe: ZeebeHarness, wire: Wire) -> None:
    """Design point 1, one level down: a fork to {end A, sub-process → end B}."""
    p = Process("p")
    p.start("s").parallel("fork").end("end-a")
    p.after("fork").sub_process("sub").end("end-b")
    p.scope("sub").start("sub-start").end("sub-end")
    wire.deploy(p)
    key = wire.create("p")
    assert of_element(zeebe, key, "sub") == PASSED
    _ends_with_process_completion(zeebe, key, "p", "end-b")


# -- exclusive gateway ----------------------------------------------------------------------------


def _xor_process(*, default: bool = True) -> Process:
    p = Process("p")
    p.start("s").xor("x", default="to-low" if default else None)
    p.end("high", then=False).end("low", then=False)
    p.flow("x", "high", flow_id="to-high", condition="n > 10")
    p.flow("x", "low", flow_id="to-low", condition=None if default else "n <= 10")
    return p


@pytest.mark.parametrize(("n", "taken", "end"), [(11, "to-high", "high"), (3, "to-low", "low")])
def test_exclusive_gateway_takes_the_fulfilled_flow_or_the_default(
    zeebe: ZeebeHarness, wire: Wire, n: int, taken: str, end: str
) -> None:
    """D25 exclusive-gateways.md: the gateway passes through its lifecycle, then takes one flow."""
    wire.deploy(_xor_process())
    key = wire.create("p", {"n": n})
    records = lifecycle(zeebe, key)
    start = records.index(("x", "ELEMENT_ACTIVATING"))
    assert records[start : start + 6] == [
        ("x", "ELEMENT_ACTIVATING"),
        ("x", "ELEMENT_ACTIVATED"),
        ("x", "ELEMENT_COMPLETING"),
        ("x", "ELEMENT_COMPLETED"),
        (taken, "SEQUENCE_FLOW_TAKEN"),
        (end, "ELEMENT_ACTIVATING"),
    ]
    assert not of_element(zeebe, key, "low" if end == "high" else "high")
    _ends_with_process_completion(zeebe, key, "p", end)


def test_overlapping_conditions_are_tried_in_reverse_document_order(zeebe: ZeebeHarness, wire: Wire) -> None:
    """SEMANTICS §1.3 [derived]: ModelWalker pushes sibling flows to the front, so the flow
    declared last is evaluated first (ConditionIncidentTest names the second condition)."""
    p = Process("p")
    p.start("s").xor("x")
    p.end("first", then=False).end("second", then=False)
    p.flow("x", "first", flow_id="to-first", condition="true")
    p.flow("x", "second", flow_id="to-second", condition="true")
    wire.deploy(p)
    key = wire.create("p")
    assert ("to-second", "SEQUENCE_FLOW_TAKEN") in lifecycle(zeebe, key)
    assert not of_element(zeebe, key, "first")


def test_a_single_flow_without_condition_is_taken_without_evaluation(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ExclusiveGatewayProcessor#findSequenceFlowToTake: one unconditional flow is just taken."""
    p = Process("p")
    p.start("s").xor("x").end("e")
    wire.deploy(p)
    key = wire.create("p")
    assert of_element(zeebe, key, "x") == PASSED
    _ends_with_process_completion(zeebe, key, "p", "e")


def test_an_exclusive_gateway_without_outgoing_flows_ends_its_path(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ExclusiveGatewayTest#shouldEndScopeIfGatewayHasNoOutgoingFlows."""
    p = Process("p")
    p.start("s").xor("x")
    wire.deploy(p)
    key = wire.create("p")
    assert of_element(zeebe, key, "x") == PASSED
    _ends_with_process_completion(zeebe, key, "p", "x")


@pytest.mark.parametrize(
    ("variables", "error_type", "message"),
    [
        (
            {"n": 7},
            "CONDITION_ERROR",
            "Expected at least one condition to evaluate to true, or to have a default flow",
        ),
        (
            {},
            "EXTRACT_VALUE_ERROR",
            "failed to evaluate expression 'n <= 10': ValError(no variable found for name 'n') is not comparable",
        ),
        (
            {"n": "bar"},
            "EXTRACT_VALUE_ERROR",
            "failed to evaluate expression 'n <= 10': ValString(bar) can not be compared to ValNumber(10)",
        ),
    ],
)
def test_an_exclusive_gateway_that_cannot_choose_raises_an_incident(
    zeebe: ZeebeHarness, wire: Wire, variables: dict[str, object], error_type: str, message: str
) -> None:
    """ConditionIncidentTest: the incident is on the gateway, which stays ACTIVATING; resolving it
    after SetVariables re-runs the activation with the current variables."""
    p = Process("p")
    p.start("s").xor("x")
    p.end("high", then=False).end("low", then=False)
    p.flow("x", "high", flow_id="to-high", condition="n > 10")
    p.flow("x", "low", flow_id="to-low", condition="n <= 10" if error_type != "CONDITION_ERROR" else "n < 5")
    wire.deploy(p)
    key = wire.create("p", variables)
    (incident,) = incidents(zeebe, key)
    gateway = element_key(zeebe, key, "x")
    value = incident.value
    assert (value.error_type, value.error_message) == (error_type, message)  # type: ignore[attr-defined]
    assert (value.element_id, value.element_instance_key, value.variable_scope_key) == ("x", gateway, gateway)  # type: ignore[attr-defined]
    assert value.job_key == -1  # type: ignore[attr-defined]
    assert of_element(zeebe, key, "x") == ["ELEMENT_ACTIVATING"]

    wire.set_variables(gateway, {"n": 11})
    wire.resolve(incident.key)
    assert of_element(zeebe, key, "x") == PASSED
    assert [r.intent.value for r in zeebe.records.incidents().events()] == ["CREATED", "RESOLVED"]
    _ends_with_process_completion(zeebe, key, "p", "high")


def test_resolving_without_a_fix_raises_a_new_incident(zeebe: ZeebeHarness, wire: Wire) -> None:
    """MappingIncidentTest#shouldCreateNewIncidentAfterResolvedFirstOne, for a condition."""
    wire.deploy(_xor_process(default=False))
    key = wire.create("p")
    (first,) = incidents(zeebe, key)
    wire.resolve(first.key)
    second = incidents(zeebe, key)[-1]
    assert second.key != first.key
    assert second.value.error_message == first.value.error_message  # type: ignore[attr-defined]
    assert [(r.intent.value, r.key) for r in zeebe.records.incidents()] == [
        ("CREATE", -1),
        ("CREATED", first.key),
        ("RESOLVE", first.key),
        ("RESOLVED", first.key),
        ("CREATE", -1),
        ("CREATED", second.key),
    ]
    assert of_element(zeebe, key, "x") == ["ELEMENT_ACTIVATING"]
    zeebe.server.engine.check_replay()


def test_an_incident_blocks_only_its_path(zeebe: ZeebeHarness, wire: Wire) -> None:
    """WorkflowInstanceTokenTest#shouldNotCompleteInstanceAfterIncidentIsRaisedOnExclusiveGateway."""
    p = Process("p")
    p.start("s").parallel("fork").task("t", "work").end("end-1")
    p.after("fork").xor("x", default="x-end-2").end("end-2")
    p.end("end-3", then=False).flow("x", "end-3", flow_id="to-end-3", condition="y < 21")
    wire.deploy(p)
    key = wire.create("p")
    (incident,) = incidents(zeebe, key)
    wire.complete(wire.job("work").key)
    assert of_element(zeebe, key, "end-1") == PASSED
    assert ("p", "ELEMENT_COMPLETING") not in lifecycle(zeebe, key)

    wire.set_variables(incident.value.element_instance_key, {"y": 123})  # type: ignore[attr-defined]
    wire.resolve(incident.key)
    _ends_with_process_completion(zeebe, key, "p", "end-2")


# -- parallel gateway -----------------------------------------------------------------------------


def test_parallel_fork_and_join(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ParallelGatewayTest#shouldMergeParallelBranches: the join is activated once, after both flows."""
    p = Process("p")
    p.start("s").parallel("fork").task("a", "a").parallel("join").end("e")
    p.after("fork").task("b", "b").flow("b", "join")
    wire.deploy(p)
    key = wire.create("p")
    assert {job.elementId for job in wire.activate("a") + wire.activate("b")} == {"a", "b"}
    assert of_element(zeebe, key, "fork")[-1] == "ELEMENT_COMPLETED"
    assert [r for r in lifecycle(zeebe, key) if r[0].startswith("fork-")] == [
        ("fork-b", "SEQUENCE_FLOW_TAKEN"),
        ("fork-a", "SEQUENCE_FLOW_TAKEN"),
    ]
    (job_a,) = list(zeebe.records.jobs(intent="CREATED", element_id="a"))
    wire.complete(job_a.key)
    assert not of_element(zeebe, key, "join")
    (job_b,) = list(zeebe.records.jobs(intent="CREATED", element_id="b"))
    wire.complete(job_b.key)
    records = lifecycle(zeebe, key)
    assert records.count(("join", "ELEMENT_ACTIVATING")) == 1
    assert records.index(("b-join", "SEQUENCE_FLOW_TAKEN")) < records.index(("join", "ELEMENT_ACTIVATING"))
    assert of_element(zeebe, key, "join") == PASSED
    _ends_with_process_completion(zeebe, key, "p", "e")


def test_extra_tokens_on_one_flow_wait_for_the_next_join(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ParallelGatewayTest#shouldOnlyTriggerGatewayWhenAllBranchesAreActivated (the Tetris principle):
    two tokens on joinFlow1 do not activate the join; the task's token on joinFlow2 does, once."""
    p = Process("p")
    p.start("s").parallel("fork")
    p.xor("exclusive-join", then=False).parallel("join", then=False).end("e", then=False)
    p.flow("fork", "exclusive-join", flow_id="fork-x1").flow("fork", "exclusive-join", flow_id="fork-x2")
    p.flow("exclusive-join", "join", flow_id="joinFlow1")
    p.task("wait", "work", then=False).flow("fork", "wait").flow("wait", "join", flow_id="joinFlow2")
    p.flow("join", "e")
    wire.deploy(p)
    key = wire.create("p")
    records = lifecycle(zeebe, key)
    assert records.count(("joinFlow1", "SEQUENCE_FLOW_TAKEN")) == 2
    assert not of_element(zeebe, key, "join")

    wire.complete(wire.job("work").key)
    records = lifecycle(zeebe, key)
    assert records.count(("join", "ELEMENT_ACTIVATING")) == 1
    assert of_element(zeebe, key, "e") == PASSED
    # the second token on joinFlow1 still waits at the join: the process cannot complete
    assert ("p", "ELEMENT_COMPLETING") not in records
    state = zeebe.server.engine.state
    assert [r.value.element_id for r in state.elements.deferred(key)] == ["joinFlow1"]
    assert state.elements.instances[key].active_tokens == 1
    zeebe.server.engine.check_replay()


def test_two_tokens_on_one_path_both_run_to_the_end(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ParallelGatewayTest#shouldCompleteScopeWithMultipleTokensOnSamePath."""
    p = Process("p")
    p.start("s").parallel("fork").xor("join").end("end")
    p.flow("fork", "join", flow_id="second")
    wire.deploy(p)
    key = wire.create("p")
    assert sorted(of_element(zeebe, key, "end")) == sorted(PASSED + PASSED)
    assert len({r.key for r in zeebe.records.workflow_instance(element_id="end")}) == 2
    _ends_with_process_completion(zeebe, key, "p", "end")


def test_a_gateway_can_join_and_fork(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ParallelGatewayTest#shouldMergeAndSplitInOneGateway."""
    p = Process("p")
    p.start("s").parallel("fork").parallel("join-fork").task("t1", "t1")
    p.flow("fork", "join-fork", flow_id="second")
    p.after("join-fork").task("t2", "t2")
    wire.deploy(p)
    key = wire.create("p")
    assert of_element(zeebe, key, "join-fork") == PASSED
    assert {job.elementId for job in wire.activate("t1") + wire.activate("t2")} == {"t1", "t2"}
    zeebe.server.engine.check_replay()
    assert ("p", "ELEMENT_COMPLETING") not in lifecycle(zeebe, key)


def test_a_start_event_with_two_flows_forks_without_a_gateway(zeebe: ZeebeHarness, wire: Wire) -> None:
    """ParallelGatewayTest#shouldSplitWithUncontrolledFlow: two tokens, two task instances."""
    p = Process("p")
    p.start("s").task("t1", "t1")
    p.after("s").task("t2", "t2")
    wire.deploy(p)
    key = wire.create("p")
    jobs = wire.activate("t1") + wire.activate("t2")
    assert len({job.elementInstanceKey for job in jobs}) == 2
    for job in jobs:
        wire.complete(job.key)
    assert lifecycle(zeebe, key)[-2:] == [("p", "ELEMENT_COMPLETING"), ("p", "ELEMENT_COMPLETED")]
    zeebe.server.engine.check_replay()


# -- embedded sub-process -------------------------------------------------------------------------


def test_an_embedded_sub_process_runs_its_own_flow(zeebe: ZeebeHarness, wire: Wire) -> None:
    """EmbeddedSubProcessTest#shouldCompleteEmbeddedSubProcess: the sub-process is the flow scope of
    its children and completes when its last path ends."""
    p = Process("p")
    p.start("s").sub_process("sub").end("e")
    p.scope("sub").start("sub-start").task("t", "work").end("sub-end")
    wire.deploy(p)
    key = wire.create("p")
    sub = element_key(zeebe, key, "sub")
    job = wire.job("work")
    assert job.elementInstanceKey == element_key(zeebe, key, "t")
    flow_scopes = {
        r.value.element_id: r.value.flow_scope_key  # type: ignore[attr-defined]
        for r in zeebe.records.workflow_instance(intent="ELEMENT_ACTIVATING")
    }
    assert flow_scopes == {"p": -1, "s": key, "sub": key, "sub-start": sub, "t": sub}
    wire.complete(job.key)
    records = lifecycle(zeebe, key)
    start = records.index(("sub", "ELEMENT_ACTIVATING"))
    assert [r for r in records[start:] if r[0] != "p"] == [
        ("sub", "ELEMENT_ACTIVATING"),
        ("sub", "ELEMENT_ACTIVATED"),
        ("sub-start", "ELEMENT_ACTIVATING"),
        ("sub-start", "ELEMENT_ACTIVATED"),
        ("sub-start", "ELEMENT_COMPLETING"),
        ("sub-start", "ELEMENT_COMPLETED"),
        ("sub-start-t", "SEQUENCE_FLOW_TAKEN"),
        ("t", "ELEMENT_ACTIVATING"),
        ("t", "ELEMENT_ACTIVATED"),
        ("t", "ELEMENT_COMPLETING"),
        ("t", "ELEMENT_COMPLETED"),
        ("t-sub-end", "SEQUENCE_FLOW_TAKEN"),
        ("sub-end", "ELEMENT_ACTIVATING"),
        ("sub-end", "ELEMENT_ACTIVATED"),
        ("sub-end", "ELEMENT_COMPLETING"),
        ("sub-end", "ELEMENT_COMPLETED"),
        ("sub", "ELEMENT_COMPLETING"),
        ("sub", "ELEMENT_COMPLETED"),
        ("sub-e", "SEQUENCE_FLOW_TAKEN"),
        ("e", "ELEMENT_ACTIVATING"),
        ("e", "ELEMENT_ACTIVATED"),
        ("e", "ELEMENT_COMPLETING"),
        ("e", "ELEMENT_COMPLETED"),
    ]
    _ends_with_process_completion(zeebe, key, "p", "e")


def test_nested_sub_processes_complete_inside_out(zeebe: ZeebeHarness, wire: Wire) -> None:
    p = Process("p")
    p.start("s").sub_process("outer").end("e")
    p.scope("outer").start("outer-start").sub_process("inner").end("outer-end")
    p.scope("outer").scope("inner").start("inner-start").task("t", "work")
    wire.deploy(p)
    key = wire.create("p")
    wire.complete(wire.job("work").key)
    records = lifecycle(zeebe, key)
    assert records.index(("inner", "ELEMENT_COMPLETED")) < records.index(("outer-end", "ELEMENT_ACTIVATING"))
    assert records.index(("outer", "ELEMENT_COMPLETED")) < records.index(("e", "ELEMENT_ACTIVATING"))
    _ends_with_process_completion(zeebe, key, "p", "e")
