"""A sequential body reads its input collection again before each next iteration (SEMANTICS §1.3).

Zeebe 0.26's MultiInstanceBodyProcessor#onChildCompleted evaluates the collection in the scope of
the inner instance that just completed and starts another iteration while the loop counter is
below its size. So a collection that grows while the body runs is visited to its new end, and a
local `items` of the inner instance (an input mapping) is what is read.

The output collection, though, was sized when the body was activated. When the collection has
grown past it, the completion of the first inner instance beyond that size makes Zeebe 0.26 read
past the end of the array (MultiInstanceBodyProcessor#insertAt): the step throws an
IndexOutOfBoundsException, Zeebe writes an ERROR record and blacklists the instance. The engine
fails the same step the same way and reports it (the test fails at teardown).
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.failures import ZeebeProcessingFailure
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.bpmn import Loop, Process
from tests.support.client import GatewayClient
from tests.support.flows import keys_of, variables


def workflow(loop: Loop, inputs: dict[str, str] | None = None) -> bytes:
    p = Process("process")
    p.start().task("task", "work", loop=loop, inputs=inputs).end()
    return p.xml()


def test_a_growing_collection_is_visited_to_its_new_end(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    client.deploy_file("p.bpmn", workflow(Loop("items", "item", sequential=True)))
    key = int(client.create_instance("process", json.dumps({"items": [1, 2]})).workflowInstanceKey)
    seen = []
    while jobs := client.activate("work"):
        (job,) = jobs
        job_variables = json.loads(job.variables)
        seen.append((job_variables["item"], job_variables["loopCounter"]))
        grown = job_variables["items"] + ([3, 4] if job_variables["loopCounter"] == 1 else [])
        client.complete(job.key, {"items": grown})
    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4)]
    zeebe.assert_that(key).is_completed()
    zeebe.server.engine.check_replay()


def test_the_collection_is_read_again_in_the_completed_inner_instance(
    zeebe: ZeebeHarness, client: GatewayClient
) -> None:
    """An input mapping that makes `items` a local of each inner instance changes what the next
    iteration reads: [1, 2] plus the 99 the mapping appends."""
    xml = workflow(Loop("items", "item", sequential=True), inputs={"items": "append(items, 99)"})
    client.deploy_file("p.bpmn", xml)
    key = int(client.create_instance("process", json.dumps({"items": [1, 2]})).workflowInstanceKey)
    seen = []
    while jobs := client.activate("work"):
        seen.append(json.loads(jobs[0].variables)["item"])
        client.complete(jobs[0].key)
    assert seen == [1, 2, 99]
    zeebe.assert_that(key).is_completed()
    zeebe.server.engine.check_replay()


def test_outgrowing_the_output_collection_fails_as_zeebe_does(zeebe: ZeebeHarness, client: GatewayClient) -> None:
    client.deploy_file("p.bpmn", workflow(Loop("items", "item", "results", "item * 10", sequential=True)))
    key = int(client.create_instance("process", json.dumps({"items": [1, 2]})).workflowInstanceKey)
    for _ in range(3):
        (job,) = client.activate("work")
        client.complete(job.key, {"items": [1, 2, 3]})
    (body,) = keys_of(zeebe, "ELEMENT_ACTIVATED", workflow_instance_key=key, bpmn_element_type="MULTI_INSTANCE_BODY")
    assert [v[2] for v in variables(zeebe, name="results")] == ["[null,null]", "[10,null]", "[10,20]"]
    (error,) = list(zeebe.records.errors())
    third = keys_of(zeebe, "ELEMENT_COMPLETED", workflow_instance_key=key, bpmn_element_type="SERVICE_TASK")[-1]
    failed = next(r for r in zeebe.records if r.position == error.value.error_event_position)
    assert (failed.key, failed.intent.value) == (third, "ELEMENT_COMPLETED")
    # Java's text names the MessagePack length of [10,20] (3 bytes), which the reader ran past
    assert error.value.exception_message.startswith(
        "ZeebeProcessingFailure: index=3 length=1 capacity=3 (Zeebe 0.26 fails to process this record with an "
        "IndexOutOfBoundsException: inner instance 3 of multi-instance 'task' completed, but the output "
        "collection 'results' was sized for 2 items"
    )
    assert error.value.workflow_instance_key == key
    engine = zeebe.server.engine
    assert [type(e) for e in engine.errors] == [ZeebeProcessingFailure]
    assert engine.state.elements.get(body) is not None  # stuck: the failed step was undone
    zeebe.assert_that(key).is_waiting_at("task")
    engine.check_replay()
    engine.errors.clear()  # expected here; elsewhere it fails the test at teardown


ITEMS = st.lists(st.one_of(st.integers(-1000, 1000), st.text(max_size=5), st.booleans(), st.none()), max_size=8)


@given(items=ITEMS)
def test_parallel_and_sequential_collect_the_same_outputs(items: list[object]) -> None:
    """Whatever the inputs, when each job returns a function of its item, both orders give the same
    output collection: [f(item) for item in items] (f wraps the item, so nulls are told apart)."""
    with GatewayServer(Engine()) as server:
        harness = ZeebeHarness(server)
        collected = []
        for sequential in (False, True):
            process_id = f"process-{sequential}".lower()
            p = Process(process_id)
            p.start().task("task", "work", loop=Loop("items", "item", "results", "out", sequential)).end()
            harness.deploy((f"{process_id}.bpmn", p.xml()))
            instance = harness.create_instance(process_id, {"items": items})
            while jobs := harness.activate_jobs("work"):
                for job in reversed(jobs):
                    harness.complete_job(job.key, {"out": {"of": job.variables["item"]}})
            results = [
                r.value.value for r in harness.records.variables(name="results") if r.value.scope_key == instance.key
            ]
            collected.append(json.loads(results[-1]))
        assert collected[0] == collected[1] == [{"of": item} for item in items]
        server.engine.check_replay()
        assert server.engine.errors == []
