"""`--zeebe-address`: the same tests against a real gateway; a `pytest-zeebe serve` process stands in.

What a client can do goes over gRPC to that gateway (proved by finding the inner tests' work on
it afterwards); what only the fake can do fails with a message that names the option.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_zeebe import ZeebeHarness
from pytest_zeebe.errors import FakeOnlyError, GatewayCallError
from tests.support.client import GatewayClient

ORDER = Path(__file__).resolve().parents[2] / "examples" / "order.bpmn"


@pytest.fixture(scope="module")
def real_gateway() -> Iterator[str]:
    executable = shutil.which("pytest-zeebe")
    command = [executable] if executable else [sys.executable, "-m", "pytest_zeebe.cli"]
    process = subprocess.Popen([*command, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        yield line.rsplit(" ", 1)[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".bpmn", order=ORDER.read_text())
    return pytester


def test_commands_go_to_the_real_gateway(suite: pytest.Pytester, real_gateway: str) -> None:
    suite.makepyfile(
        f"""
        import pytest
        from pytest_zeebe import assert_that
        from pytest_zeebe.errors import CommandRejectedError, DeploymentRejectedError

        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_order(zeebe):
            assert not zeebe.embedded and zeebe.address == {real_gateway!r}
            deployment = zeebe.deploy("order.bpmn")  # unchanged: the gateway answers with the same version
            assert_that(deployment).contains_workflows("order-fulfilment").has_version("order-fulfilment", 1)
            order = zeebe.create_instance("order-fulfilment", {{"marker": "from-the-inner-run"}})
            (job,) = [j for j in zeebe.activate_jobs("charge-card") if j.workflow_instance_key == order.key]
            assert_that(job).has_type("charge-card").has_headers(provider="acme-pay")
            assert job.variables == {{"marker": "from-the-inner-run"}}
            zeebe.complete_job(job.key, {{"receipt": "R-9"}})
            port = int({real_gateway!r}.rsplit(":", 1)[1])
            assert zeebe.stub.Topology(zeebe.stub.messages.TopologyRequest()).brokers[0].port == port

        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_the_other_commands(zeebe):
            from pytest_zeebe.errors import GatewayCallError
            order = zeebe.create_instance("order-fulfilment", {{"marker": "other"}})
            assert zeebe.set_variables(order, {{"note": "x"}}) > 0
            (job,) = [j for j in zeebe.activate_jobs("charge-card") if j.workflow_instance_key == order.key]
            zeebe.fail_job(job, 0, "card declined")
            zeebe.update_job_retries(job, 1)
            message = zeebe.publish_message("nobody-waits", "k", time_to_live=1000)
            assert message.key > 0 and message.name == "nobody-waits"
            with pytest.raises(CommandRejectedError, match="resolve incident with key .2251799813685999., but no such"):
                zeebe.resolve_incident(2251799813685999)
            with pytest.raises(CommandRejectedError, match="with key .2251799813685999., but no such job was found"):
                zeebe.throw_error(2251799813685999, "code")
            zeebe.cancel_instance(order)
            with pytest.raises(GatewayCallError, match="WithResult failed with DEADLINE_EXCEEDED"):
                zeebe.create_instance_with_result("order-fulfilment", timeout=0.2)

        def test_rejections_are_the_same_exceptions(zeebe):
            with pytest.raises(CommandRejectedError) as error:
                zeebe.create_instance("missing")
            assert error.value.grpc_message == (
                "Command 'CREATE' rejected with code 'NOT_FOUND': "
                "Expected to find workflow definition with process ID 'missing', but none found"
            )
            with pytest.raises(DeploymentRejectedError, match="Expected to deploy new resources"):
                zeebe.deploy(("broken.bpmn", "<x/>"))
        """
    )
    suite.runpytest("-p", "no:cacheprovider", f"--zeebe-address={real_gateway}").assert_outcomes(passed=3)
    client = GatewayClient(real_gateway)
    try:
        (job,) = client.activate("ship-parcel")
    finally:
        client.close()
    assert json.loads(job.variables) == {"marker": "from-the-inner-run", "receipt": "R-9"}


def test_fake_only_features_fail_naming_the_option(suite: pytest.Pytester, real_gateway: str) -> None:
    """Each inner test deploys what it uses: under xdist this test and the one above may run on two
    workers, each with a gateway of its own (the module fixture), so none may rely on the other's
    deployment (it once failed with "Expected to find workflow definition ... but none found")."""
    suite.makeini(f"[pytest]\nzeebe_address = {real_gateway}\n")
    suite.makepyfile(
        """
        import pytest
        from datetime import timedelta
        from pytest_zeebe import assert_that

        pytestmark = pytest.mark.zeebe_deploy("order.bpmn")

        def test_clock(zeebe):
            zeebe.clock.advance(timedelta(minutes=1))

        def test_records(zeebe):
            zeebe.records.jobs()

        def test_instance_assertion(zeebe):
            order = zeebe.create_instance("order-fulfilment")
            assert_that(order).is_active()

        def test_job_state_assertion(zeebe):
            zeebe.create_instance("order-fulfilment")
            job = zeebe.activate_jobs("charge-card")[0]
            assert_that(job).has_type("charge-card").is_completed()

        def test_reset(zeebe):
            zeebe.reset()

        def test_server(zeebe_server):
            pass

        @pytest.mark.zeebe_fake_only
        def test_marked(zeebe):
            zeebe.clock.now()

        def test_jobs(zeebe):
            zeebe.jobs(type="charge-card")

        def test_incidents(zeebe):
            zeebe.incidents()

        def test_mock_worker(zeebe):
            zeebe.worker("charge-card").complete()

        def test_run_until_idle(zeebe):
            zeebe.run_until_idle()

        def test_snapshot(zeebe):
            zeebe.snapshot()

        def test_message_assertion(zeebe):
            message = zeebe.publish_message("payment-received", "A-42")
            assert message.key > 0
            assert_that(message).is_correlated()
        """
    )
    result = suite.runpytest("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(failed=11, errors=1, skipped=1)
    option = f"--zeebe-address={real_gateway}"
    prefix = (
        "E *FakeOnlyError: {} needs the embedded fake Zeebe, but this run uses the real gateway at "
        f"{real_gateway} ({option}): "
    )
    result.stdout.fnmatch_lines(
        [
            f"E *FakeOnlyError: the zeebe_server fixture is the embedded gateway; this run uses {option}",
            prefix.format("zeebe.clock") + "a real broker's clock cannot be read or moved by a client. Run the test "
            "without it, or mark it @pytest.mark.zeebe_fake_only to skip it there.",
            prefix.format("zeebe.records") + "a real gateway does not serve the record log*",
            prefix.format("assert_that(instance)") + "assertions read the record log, which a real gateway does "
            "not serve. Run the test without it, or mark it @pytest.mark.zeebe_fake_only to skip it there.",
            prefix.format("assert_that(job) on the job's state") + "assertions read the record log*",
            prefix.format("zeebe.reset()") + "a real gateway cannot be reset.*",
            prefix.format("zeebe.jobs()") + "a real gateway does not serve the engine's state to clients.*",
            prefix.format("zeebe.incidents()") + "a real gateway does not serve the engine's state to clients.*",
            prefix.format("zeebe.worker()") + "mock workers act inside the embedded engine.*",
            prefix.format("zeebe.run_until_idle()") + "mock workers act inside the embedded engine.*",
            prefix.format("zeebe.snapshot()") + "a real broker cannot be rewound.*",
            prefix.format("assert_that(message)") + "assertions read the record log*",
            f"SKIPPED * needs the embedded fake Zeebe; this run uses {option}",
        ],
        consecutive=False,
    )


def test_an_unreachable_gateway_is_a_gateway_call_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    with ZeebeHarness.connect(address) as zeebe:
        assert zeebe.address == address
        with pytest.raises(GatewayCallError) as error:
            zeebe.create_instance("order-fulfilment")
    assert error.value.code == "UNAVAILABLE"
    assert str(error.value).startswith("CreateWorkflowInstance failed with UNAVAILABLE: ")
    with pytest.raises(FakeOnlyError, match=rf"uses the real gateway at {address} \(ZeebeHarness.connect"):
        zeebe.records  # noqa: B018
