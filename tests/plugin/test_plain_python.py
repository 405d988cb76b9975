"""The harness without pytest: `with ZeebeHarness.start() as zeebe:` for other runners and scripts."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from contextlib import suppress
from pathlib import Path

import pytest

from pytest_zeebe import ZeebeHarness, assert_that
from pytest_zeebe.errors import DeploymentRejectedError, EngineFailureError, NoHarnessError
from pytest_zeebe.settings import Settings

ORDER = Path(__file__).resolve().parents[2] / "examples" / "order.bpmn"


def test_a_script_runs_a_workflow_without_pytest(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from pytest_zeebe import ZeebeHarness, assert_that

            with ZeebeHarness.start() as zeebe:
                zeebe.deploy({str(ORDER)!r})
                order = zeebe.create_instance("order-fulfilment", {{"orderId": "A-42"}})
                for job_type in ("charge-card", "ship-parcel"):
                    (job,) = zeebe.activate_jobs(job_type)
                    zeebe.complete_job(job.key)
                assert_that(order).is_completed().has_passed_in_order("charge-card", "ship-parcel")
                print(len(zeebe.records.workflow_instance(intent="ELEMENT_COMPLETED")))
            assert "pytest" not in sys.modules and "_pytest" not in sys.modules, "pytest was imported"
            """
        )
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "5"


def test_start_serves_on_its_own_port_and_stops_on_exit() -> None:
    with ZeebeHarness.start(Settings(partitions=2)) as zeebe:
        host, port = zeebe.address.rsplit(":", 1)
        assert zeebe.embedded and zeebe.server.engine.config.partition_count == 2
        with socket.create_connection((host, int(port)), timeout=5):
            pass
    with pytest.raises(ConnectionRefusedError), socket.create_connection((host, int(port)), timeout=1):
        pass


def test_assert_that_reads_the_innermost_active_harness() -> None:
    with ZeebeHarness.start() as outer:
        outer.deploy(ORDER)
        first = outer.create_instance("order-fulfilment")
        with ZeebeHarness.start():
            with pytest.raises(AssertionError, match="Instances in the log: none"):
                assert_that(first).is_started()
            outer.assert_that(first).is_active()
        assert_that(first).is_active()
    with pytest.raises(NoHarnessError):
        assert_that(first)


def test_leaving_the_block_reports_failures_of_the_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_zeebe.engine.intents import DeploymentIntent, RecordType, ValueType
    from pytest_zeebe.engine.processors import PROCESSORS

    def explode(ctx: object, record: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(PROCESSORS, (RecordType.COMMAND, ValueType.DEPLOYMENT, DeploymentIntent.CREATE), explode)
    harness = ZeebeHarness.start()
    with pytest.raises(EngineFailureError, match="boom"), harness as zeebe, suppress(DeploymentRejectedError):
        zeebe.deploy(("a.bpmn", b"<x/>"))  # answered PROCESSING_ERROR; the failure itself is raised on exit
