"""Throughput of the engine and the gateway: workflow instances run to completion per second.

Run from the repository root:  python benchmarks/bench_engine.py [--instances N]

Three numbers, measured in the same run on the same machine:
- baseline: Topology round trips per second over gRPC (the transport's floor, no engine work);
- engine: create → activate → complete of the order workflow, driven directly (no gRPC);
- gateway: the same lifecycle through gRPC, one client, three RPCs per instance.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.gateway import protocol as pb
from pytest_zeebe.gateway.server import GatewayServer
from pytest_zeebe.testing.harness import ZeebeHarness

ROOT = Path(__file__).resolve().parent.parent
ORDER = ROOT / "examples" / "order.bpmn"


def rate(label: str, count: int, run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    per_second = count / elapsed
    print(f"{label:<48} {per_second:>10,.0f} /s   ({count} in {elapsed:.2f} s)")
    return per_second


def engine_lifecycle(harness: ZeebeHarness, instances: int) -> None:
    for _ in range(instances):
        harness.create_instance("order-fulfilment", {"orderId": "A-1", "amount": 10})
        (charge,) = harness.activate_jobs("charge-card", max_jobs=1)
        harness.complete_job(charge.key, {"receipt": "R"})
        (ship,) = harness.activate_jobs("ship-parcel", max_jobs=1)
        harness.complete_job(ship.key)


def grpc_lifecycle(address: str, instances: int) -> None:
    import grpc

    with grpc.insecure_channel(address) as channel:

        def unary(rpc: str, response: object) -> Callable[[object], object]:
            return channel.unary_unary(
                pb.method_path(rpc),
                request_serializer=lambda m: m.SerializeToString(),  # type: ignore[attr-defined]
                response_deserializer=response.FromString,  # type: ignore[attr-defined]
            )

        create = unary("CreateWorkflowInstance", pb.CreateWorkflowInstanceResponse)
        complete = unary("CompleteJob", pb.CompleteJobResponse)
        activate = channel.unary_stream(
            pb.method_path("ActivateJobs"),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=pb.ActivateJobsResponse.FromString,
        )
        for _ in range(instances):
            create(pb.CreateWorkflowInstanceRequest(bpmnProcessId="order-fulfilment", version=-1, variables="{}"))
            for job_type in ("charge-card", "ship-parcel"):
                request = pb.ActivateJobsRequest(
                    type=job_type, worker="bench", timeout=60_000, maxJobsToActivate=1, requestTimeout=-1
                )
                for response in activate(request):
                    for job in response.jobs:
                        complete(pb.CompleteJobRequest(jobKey=job.key))


def topology_calls(address: str, calls: int) -> None:
    import grpc

    with grpc.insecure_channel(address) as channel:
        topology = channel.unary_unary(
            pb.method_path("Topology"),
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=pb.TopologyResponse.FromString,
        )
        for _ in range(calls):
            topology(pb.TopologyRequest())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instances", type=int, default=2000)
    arguments = parser.parse_args()
    count = arguments.instances
    with GatewayServer(Engine()) as server:
        harness = ZeebeHarness(server)
        harness.deploy(ORDER)
        topology_calls(server.address, 200)  # warm-up
        rate("baseline: Topology round trips over gRPC", count, lambda: topology_calls(server.address, count))
        rate("engine: instance lifecycles, direct", count, lambda: engine_lifecycle(harness, count))
        server.engine.reset()
        harness.deploy(ORDER)
        rate("gateway: instance lifecycles over gRPC", count // 4, lambda: grpc_lifecycle(server.address, count // 4))


if __name__ == "__main__":
    main()
