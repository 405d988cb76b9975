"""Engine-wide promises: determinism, partition-encoded keys, the clock's configuration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pytest_zeebe.engine.engine import Engine, EngineConfig
from pytest_zeebe.engine.keys import decode_partition_id
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.clock_start import parse_clock_start
from pytest_zeebe.testing.harness import ZeebeHarness
from tests.support.client import RESOURCES

ORDER = RESOURCES / "order.bpmn"


def _scenario(harness: ZeebeHarness) -> list[dict[str, object]]:
    harness.deploy(ORDER)
    for n in range(3):
        harness.create_instance("order-process", {"n": n, "tags": ["a", "b"], "nested": {"x": 1.5}})
    jobs = harness.activate_jobs("payment-service", max_jobs=2, timeout_ms=1_000)
    harness.complete_job(jobs[0].key, {"paid": True})
    harness.clock.advance(timedelta(seconds=5))
    for job in harness.activate_jobs("payment-service"):
        harness.complete_job(job.key)
    return harness.records.to_dicts()


def test_the_same_commands_give_the_same_records_every_run() -> None:
    runs = []
    for _ in range(2):
        with GatewayServer(Engine()) as server:
            runs.append(_scenario(ZeebeHarness(server)))
    assert runs[0] == runs[1]
    assert len(runs[0]) > 50


def test_reset_gives_the_same_records_again(zeebe: ZeebeHarness) -> None:
    first = _scenario(zeebe)
    zeebe.server.engine.reset()
    assert _scenario(zeebe) == first


def test_instances_spread_over_partitions_round_robin() -> None:
    """Zeebe's gateway picks a partition round-robin for new instances (SEMANTICS §3)."""
    with GatewayServer(Engine(EngineConfig(partition_count=3))) as server:
        harness = ZeebeHarness(server)
        deployment = harness.deploy(ORDER)
        assert decode_partition_id(deployment.key) == 1
        instances = [harness.create_instance("order-process") for _ in range(4)]
        assert [decode_partition_id(i.key) for i in instances] == [1, 2, 3, 1]
        assert [(1 << 51) * p + 1 for p in (2, 3)] == [instances[1].key, instances[2].key]
        jobs = harness.activate_jobs("payment-service")
        assert sorted(decode_partition_id(j.key) for j in jobs) == [1, 1, 2, 3]
        for job in jobs:
            assert decode_partition_id(job.key) == decode_partition_id(job.workflow_instance_key)
            harness.complete_job(job.key)
        for record in harness.records:
            if record.key != -1:
                assert decode_partition_id(record.key) == record.partition_id


def test_clock_start_is_configurable_and_now_means_the_wall_time() -> None:
    assert parse_clock_start("2020-09-21T07:20:00Z") == datetime(2020, 9, 21, 7, 20, tzinfo=UTC)
    wall = datetime(2026, 11, 28, 3, 4, 5, 678901, tzinfo=UTC)
    assert parse_clock_start("now", wall_now=wall) == datetime(2026, 11, 28, 3, 4, 5, 678000, tzinfo=UTC)
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert parse_clock_start("now") >= before
    with pytest.raises(ValueError, match="needs an offset"):
        parse_clock_start("2020-09-21T07:20:00")
    engine = Engine(EngineConfig(clock_start=datetime(2020, 9, 21, 7, 20, tzinfo=UTC)))
    assert engine.clock.millis() == 1600672800000
    assert engine.clock.now() == datetime(2020, 9, 21, 7, 20, tzinfo=UTC)


def test_the_clock_never_moves_by_itself(zeebe: ZeebeHarness) -> None:
    start = zeebe.clock.now()
    zeebe.deploy(ORDER)
    zeebe.create_instance("order-process")
    assert zeebe.clock.now() == start
    assert {r.timestamp for r in zeebe.records} == {zeebe.clock.millis()}
    with pytest.raises(ValueError, match="backwards"):
        zeebe.clock.advance(timedelta(seconds=-1))
