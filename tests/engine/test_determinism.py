"""Determinism through gRPC: the same commands on fresh engines write the same record log.

The workflow is chosen to touch every part of the engine that could let hash order, wall time or
thread order leak into records: a parallel fork and join, an embedded sub-process with an input
mapping, an exclusive gateway that raises an incident until a variable is set, a service task whose
failed job raises a `JOB_NO_RETRIES` incident, a non-interrupting boundary timer, an intermediate
timer, a message receive task correlated by key, two partitions (messages cross them) and a cancel.
Records are compared as Zeebe's JSON form: positions, keys, timestamps and values.
"""

from __future__ import annotations

from typing import Any

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Process
from tests.support.grpc_driver import Driver


def _order() -> Process:
    p = Process("order")
    p.start("s").parallel("fork").sub_process("sub", inputs={"limit": "amount"}).parallel("join")
    p.after("join").xor("route", default="route-done").end("done")
    p.end("rerouted", then=False).flow("route", "rerouted", flow_id="route-again", condition="route > 1")
    p.after("fork").receive("paid", ("paid", "orderId")).flow("paid", "join")
    p.after("fork").catch("cool-off", timer=("duration", "PT30S")).flow("cool-off", "join")
    sub = p.scope("sub")
    sub.start("sub-start").task("check", "check").xor("big", default="big-small").end("small")
    sub.task("approve", "approve", then=False).end("approved")
    sub.flow("big", "approve", flow_id="big-large", condition="limit > 100")
    sub.boundary("slow", "check", timer=("duration", "PT1M"), interrupting=False).end("escalated")
    return p


def _scenario(partitions: int) -> tuple[list[dict[str, Any]], ZeebeHarness, GatewayServer]:
    server = GatewayServer(Engine(EngineConfig(partition_count=partitions)))
    server.start()
    zeebe = ZeebeHarness(server)
    drive = Driver(zeebe)
    drive.deploy(_order())
    keys = [drive.create("order", {"orderId": f"o-{n}", "amount": amount}) for n, amount in enumerate((50, 500, 700))]
    drive.publish("paid", "o-0", ttl=60_000, variables={"paidBy": "card"})
    drive.advance(seconds=10)
    (first, *rest) = drive.activate("check", timeout=120_000)
    drive.complete(first.key, {"checked": True})
    drive.advance(seconds=61)  # the other checks' boundary timers fire; the cool-off timers too
    for job in rest:
        drive.complete(job.key, {"checked": False})
    (approve, *others) = drive.activate("approve")
    request = drive.messages.FailJobRequest(jobKey=approve.key, retries=0, errorMessage="no approver")
    drive.stub.FailJob(request)
    (job_incident,) = zeebe.records.incidents(intent="CREATED", error_type="JOB_NO_RETRIES")
    drive.stub.UpdateJobRetries(drive.messages.UpdateJobRetriesRequest(jobKey=approve.key, retries=1))
    drive.resolve(job_incident.key)
    for job in [*drive.activate("approve"), *others]:
        drive.complete(job.key)
    drive.publish("paid", "o-1")
    drive.publish("paid", "o-2", ttl=0)
    route_incidents = list(zeebe.records.incidents(intent="CREATED", error_type="EXTRACT_VALUE_ERROR"))
    for incident in route_incidents:
        if incident.value.workflow_instance_key == keys[0]:
            drive.set_variables(incident.value.element_instance_key, {"route": 2})
            drive.resolve(incident.key)
    drive.cancel(keys[2])
    zeebe.server.engine.check_replay()
    return zeebe.records.to_dicts(), zeebe, server


def test_the_same_commands_on_a_rich_workflow_give_the_same_record_log() -> None:
    runs = []
    for _ in range(2):
        records, zeebe, server = _scenario(partitions=2)
        try:
            runs.append(records)
            # the scenario reached what it is meant to exercise (so the comparison means something)
            query = zeebe.records
            assert len(query.incidents(intent="CREATED", error_type="JOB_NO_RETRIES")) == 1
            assert len(query.incidents(intent="RESOLVED")) == 3  # two resolved, one by the cancel
            assert len(query.incidents(intent="CREATED", error_type="EXTRACT_VALUE_ERROR")) == 3
            assert len(query.timers(intent="TRIGGERED")) == 5  # two boundary timers, three cool-offs
            assert len(query.messages(intent="PUBLISHED")) == 3
            assert len(query.workflow_instance_subscriptions(intent="CORRELATED")) == 3
            assert [
                r.value.element_id for r in query.workflow_instance(intent="ELEMENT_COMPLETED", element_id="rerouted")
            ] == ["rerouted"]
            assert len(query.workflow_instance(intent="ELEMENT_TERMINATED", bpmn_element_type="PROCESS")) == 1
            assert {r["partitionId"] for r in records} == {1, 2}
        finally:
            server.stop()
    assert runs[0] == runs[1]
