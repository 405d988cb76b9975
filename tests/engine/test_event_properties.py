"""Properties of the clock and of message correlation, over random workflows and publications.

- Splitting one advance into any sequence of smaller whole-millisecond advances with the same total
  writes the same record log (positions, keys, timestamps): due work fires at its own due time,
  never at the advance boundaries.
- Messages published in any order before a subscription opens: the first published one is
  correlated, each instance gets a different one, and no message id is correlated twice.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_zeebe.engine import commands
from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.engine.results import Rejected
from pytest_zeebe.model import ResourceKind
from tests.support.bpmn import Process


@dataclass(frozen=True)
class Step:
    """One element of a branch: a timer catch event, or a task (with an optional boundary timer)."""

    kind: str
    millis: int
    boundary: str | None = None
    repetitions: int = 1


def _seconds(millis: int) -> str:
    return f"PT{millis // 1000}.{millis % 1000:03d}S"


steps = st.one_of(
    st.builds(Step, kind=st.just("timer"), millis=st.integers(0, 4_000)),
    st.builds(
        Step,
        kind=st.just("task"),
        millis=st.integers(1, 4_000),
        boundary=st.sampled_from([None, "interrupting", "cycle"]),
        repetitions=st.integers(1, 3),
    ),
)


def _workflow(branches: list[list[Step]]) -> bytes:
    p = Process("p")
    p.start().parallel("fork")
    for b, branch in enumerate(branches):
        p.after("fork")
        for s, step in enumerate(branch):
            element = f"e{b}-{s}"
            if step.kind == "timer":
                p.catch(element, timer=("duration", _seconds(step.millis)))
            else:
                p.task(element, f"type{b}")
                if step.boundary is not None:
                    current = element
                    cycle = step.boundary == "cycle"
                    timer = ("cycle", f"R{step.repetitions}/{_seconds(step.millis)}") if cycle else None
                    p.boundary(
                        f"{element}-b",
                        element,
                        timer=timer or ("duration", _seconds(step.millis)),
                        interrupting=not cycle,
                    ).end(f"{element}-b-end")
                    p.after(current)
        p.end(f"end{b}")
    return p.xml()


@dataclass(frozen=True)
class Scenario:
    branches: list[list[Step]]
    instances: int
    timeouts: list[int]
    total: int


scenarios = st.builds(
    Scenario,
    branches=st.lists(st.lists(steps, min_size=1, max_size=3), min_size=1, max_size=3),
    instances=st.integers(1, 3),
    timeouts=st.lists(st.integers(1, 6_000), min_size=3, max_size=3),
    total=st.integers(0, 15_000),
)


def _run(scenario: Scenario, advances: list[int]) -> list[dict[str, object]]:
    engine = Engine()
    engine.submit(commands.deploy([("p.bpmn", _workflow(scenario.branches), ResourceKind.BPMN)]))
    for _ in range(scenario.instances):
        engine.submit(commands.create_instance(partition_id=1, bpmn_process_id="p"))
    for b, timeout in enumerate(scenario.timeouts):
        command = commands.activate_jobs(
            partition_id=1, job_type=f"type{b}", worker="w", timeout=timeout, max_jobs_to_activate=10
        )
        engine.submit(command)
    start = engine.clock.millis()
    for step in advances:
        engine.advance_to_millis(engine.clock.millis() + step)
    assert engine.clock.millis() == start + scenario.total
    assert engine.errors == []
    engine.check_replay()
    return [record.to_dict() for record in engine.log]


@st.composite
def split(draw: st.DrawFn, total: int) -> list[int]:
    """Positive whole-millisecond steps summing to `total` (zero-length steps too)."""
    cuts = sorted(draw(st.lists(st.integers(0, total), max_size=6)))
    points = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(points)]


@settings(max_examples=40, deadline=None)
@given(data=st.data(), scenario=scenarios)
def test_splitting_an_advance_changes_nothing(data: st.DataObject, scenario: Scenario) -> None:
    whole = _run(scenario, [scenario.total])
    steps_taken = data.draw(split(scenario.total))
    assert _run(scenario, steps_taken) == whole


@dataclass(frozen=True)
class Publication:
    correlation_key: str
    message_id: str


publications = st.lists(
    st.builds(Publication, correlation_key=st.sampled_from(["k1", "k2"]), message_id=st.sampled_from(["", "a", "b"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(messages=publications, order=st.randoms(use_true_random=False), waiting=st.integers(1, 4))
def test_publication_order_decides_correlation(messages: list[Publication], order: object, waiting: int) -> None:
    engine = Engine()
    p = Process("p")
    p.start().receive("receive", ("m", "key"), outputs={"got": "n"}).end()
    engine.submit(commands.deploy([("p.bpmn", p.xml(), ResourceKind.BPMN)]))
    shuffled = list(enumerate(messages))
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    accepted: dict[str, list[tuple[int, str]]] = {"k1": [], "k2": []}
    for n, message in shuffled:
        command = commands.publish_message(
            partition_count=1,
            name="m",
            correlation_key=message.correlation_key,
            time_to_live=60_000,
            message_id=message.message_id,
            variables={"n": n},
        )
        result = engine.submit(command)
        taken = {i for _, i in accepted[message.correlation_key] if i}
        if isinstance(result, Rejected):
            assert message.message_id and message.message_id in taken
            assert result.rejection_type.value == "ALREADY_EXISTS"
        else:
            assert message.message_id not in taken or not message.message_id
            accepted[message.correlation_key].append((n, message.message_id))
    for key in ("k1", "k2"):
        got = []
        for _ in range(waiting):
            result = engine.submit(
                commands.create_instance(partition_id=1, bpmn_process_id="p", variables={"key": key})
            )
            instance = result.value.workflow_instance_key  # type: ignore[union-attr]
            got.extend(
                json.loads(r.value.value)
                for r in engine.log
                if r.value_type.value == "VARIABLE" and r.value.name == "got" and r.value.scope_key == instance
            )
        assert got == [n for n, _ in accepted[key][:waiting]]
    correlated = [
        r.value.message_key
        for r in engine.log
        if r.value_type.value == "WORKFLOW_INSTANCE_SUBSCRIPTION" and r.intent.value == "CORRELATED"
    ]
    assert len(correlated) == len(set(correlated))
    assert engine.errors == []
    engine.check_replay()
