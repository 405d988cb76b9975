"""The generated descriptor matches proto/gateway.proto, and nothing lands in the default pool."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool

from pytest_zeebe.gateway import _descriptor, protocol

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.codegen
def test_generated_descriptor_is_up_to_date() -> None:
    """Fails when proto/gateway.proto changed without `python proto/generate.py`."""
    pytest.importorskip("grpc_tools", reason="the codegen check needs grpcio-tools (tox's main env has it)")
    spec = importlib.util.spec_from_file_location("proto_generate", ROOT / "proto" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules["proto_generate"] = generate
    spec.loader.exec_module(generate)
    fresh = generate.compile_descriptor()
    committed = descriptor_pb2.FileDescriptorProto.FromString(_descriptor.GATEWAY_FILE_DESCRIPTOR)
    assert descriptor_pb2.FileDescriptorProto.FromString(fresh) == committed
    assert (ROOT / "pytest_zeebe" / "gateway" / "_descriptor.py").read_text() == generate.render(fresh)


def test_proto_is_the_shared_contract() -> None:
    shared = ROOT.parent / "shared" / "gateway.proto"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert (ROOT / "proto" / "gateway.proto").read_bytes() == shared.read_bytes()


def test_nothing_is_registered_in_the_default_pool() -> None:
    """Checked in a fresh interpreter: in this one, zeebe-grpc may have registered its own copy."""
    probe = (
        "import pytest_zeebe.gateway.server, pytest_zeebe.plugin\n"
        "from google.protobuf import descriptor_pool\n"
        "try:\n"
        "    descriptor_pool.Default().FindMessageTypeByName('gateway_protocol.ActivateJobsRequest')\n"
        "except KeyError:\n"
        "    print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "clean"
    assert protocol.ActivateJobsRequest.DESCRIPTOR.file.pool is protocol.POOL
    assert protocol.POOL is not descriptor_pool.Default()


def test_all_thirteen_rpcs_are_served() -> None:
    assert [m.name for m in protocol.SERVICE.methods] == [
        "ActivateJobs",
        "CancelWorkflowInstance",
        "CompleteJob",
        "CreateWorkflowInstance",
        "CreateWorkflowInstanceWithResult",
        "DeployWorkflow",
        "FailJob",
        "ThrowError",
        "PublishMessage",
        "ResolveIncident",
        "SetVariables",
        "Topology",
        "UpdateJobRetries",
    ]
