"""`pytest-zeebe serve` as a subprocess, with a real gRPC client, including clean shutdown."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys

import pytest

from pytest_zeebe.gateway import protocol as pb
from tests.support.client import GatewayClient


def _serve(*args: str) -> subprocess.Popen[str]:
    executable = shutil.which("pytest-zeebe")
    command = [executable] if executable else [sys.executable, "-m", "pytest_zeebe.cli"]
    return subprocess.Popen([*command, "serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_on_a_free_port_then_stop(stop_signal: signal.Signals) -> None:
    process = _serve("--port", "0")
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        prefix = "pytest-zeebe gateway listening on 127.0.0.1:"
        assert line.startswith(prefix), line
        port = int(line.removeprefix(prefix))
        assert port > 0
        client = GatewayClient(f"127.0.0.1:{port}")
        try:
            deployed = client.deploy_file("order.bpmn")
            assert deployed.workflows[0].workflowKey == 2251799813685249
            topology = client.call("Topology", pb.TopologyRequest())
            assert topology.brokers[0].port == port
        finally:
            client.close()
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_rejects_a_bad_clock_start() -> None:
    process = _serve("--port", "0", "--clock-start", "yesterday")
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 2
    assert "invalid zeebe clock start 'yesterday'" in stderr


def test_serve_on_a_taken_port_fails_cleanly() -> None:
    first = _serve("--port", "0")
    try:
        assert first.stdout is not None
        port = first.stdout.readline().strip().rsplit(":", 1)[1]
        second = _serve("--port", port)
        _, stderr = second.communicate(timeout=10)
        assert second.returncode == 1
        assert stderr.strip().splitlines()[-1] == f"pytest-zeebe: could not bind the gateway to 127.0.0.1:{port}"
    finally:
        first.terminate()
        first.wait(timeout=10)


def test_serve_rejects_a_port_out_of_range() -> None:
    process = _serve("--port", "70000")
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 2
    assert "70000 is not a port (0 to 65535)" in stderr
