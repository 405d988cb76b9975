"""The fixture's newer members: stub, wait_until, the zeebe_deploy marker, and every setting."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pytest_zeebe.testing.harness import ZeebeHarness

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORDER = EXAMPLES / "order.bpmn"


def test_the_stub_needs_no_zeebe_grpc(zeebe: ZeebeHarness) -> None:
    stub, messages = zeebe.stub, zeebe.stub.messages
    topology = stub.Topology(messages.TopologyRequest())
    assert topology.brokers[0].port == int(zeebe.address.rsplit(":", 1)[1])
    request = messages.DeployWorkflowRequest(
        workflows=[messages.WorkflowRequestObject(name="order.bpmn", definition=ORDER.read_bytes())]
    )
    assert stub.DeployWorkflow(request).workflows[0].bpmnProcessId == "order-fulfilment"
    stub.CreateWorkflowInstance(messages.CreateWorkflowInstanceRequest(bpmnProcessId="order-fulfilment", version=-1))
    activate = messages.ActivateJobsRequest(type="charge-card", worker="w", timeout=1000, maxJobsToActivate=1)
    (response,) = list(stub.ActivateJobs(activate))
    assert response.jobs[0].type == "charge-card"
    assert len(stub.rpc_names) == 13 and "ResolveIncident" in stub.rpc_names
    with pytest.raises(AttributeError, match="the Gateway service has no RPC 'Deploy'; it has ActivateJobs"):
        stub.Deploy  # noqa: B018
    with pytest.raises(AttributeError, match="gateway_protocol has no message 'Nope'"):
        messages.Nope  # noqa: B018


def test_wait_until_sees_work_done_in_another_thread(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(ORDER)
    order = zeebe.create_instance("order-fulfilment")

    def worker() -> None:
        for job_type in ("charge-card", "ship-parcel"):
            stub = zeebe.stub
            request = stub.messages.ActivateJobsRequest(
                type=job_type, worker="thread", timeout=10_000, maxJobsToActivate=1, requestTimeout=5_000
            )
            for response in stub.ActivateJobs(request):
                for job in response.jobs:
                    stub.CompleteJob(stub.messages.CompleteJobRequest(jobKey=job.key, variables='{"done": true}'))

    thread = threading.Thread(target=worker)
    thread.start()
    completed = zeebe.wait_until(lambda: zeebe.assert_that(order).is_completed(), timeout=10)
    thread.join()
    completed.has_variables(done=True)


def test_wait_until_times_out_naming_what_it_waited_for(zeebe: ZeebeHarness) -> None:
    zeebe.deploy(ORDER)
    order = zeebe.create_instance("order-fulfilment")
    with pytest.raises(TimeoutError) as timeout:
        zeebe.wait_until(lambda: zeebe.assert_that(order).is_completed(), timeout=0.05)
    text = str(timeout.value)
    assert text.startswith("timed out after 0.05 s waiting for lambda: zeebe.assert_that(order).is_completed() (")
    assert text.endswith(
        "attempts; the last attempt failed: Expected workflow instance 2251799813685251 (order-fulfilment) to be "
        "completed, but it is waiting at [charge-card (job charge-card, retries 3)].)"
    )
    assert isinstance(timeout.value.__cause__, AssertionError)
    last = r"it last returned <records.jobs\(type='ship'\): 0 records>"
    with pytest.raises(TimeoutError, match=rf"waiting for a ship job \(\d+ attempts; {last}\)"):
        zeebe.wait_until(lambda: zeebe.records.jobs(type="ship"), timeout=0.01, description="a ship job")
    with pytest.raises(ZeroDivisionError):
        zeebe.wait_until(lambda: 1 / 0)  # anything but an AssertionError is no "not yet"


def test_marker_deploys_files_next_to_the_test_module(pytester: pytest.Pytester) -> None:
    workflows = pytester.mkdir("workflows")
    (workflows / "order.bpmn").write_bytes(ORDER.read_bytes())
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "order.bpmn").write_bytes((EXAMPLES.parent / "tests/resources/order.bpmn").read_bytes())
    (pytester.path / "tests" / "test_marked.py").write_text(
        """
import pytest

pytestmark = pytest.mark.zeebe_deploy("../workflows/order.bpmn")


@pytest.mark.zeebe_deploy("order.bpmn")
class TestOrders:
    def test_module_and_class_files(self, zeebe):
        deployments = zeebe.records.deployments(intent="CREATED")
        assert [d.value.deployed_workflows[0].bpmn_process_id for d in deployments] == [
            "order-fulfilment",
            "order-process",
        ]

    @pytest.mark.zeebe_deploy("order.bpmn", "../workflows/order.bpmn")
    def test_function_files_come_last(self, zeebe):
        assert len(zeebe.records.deployments(intent="CREATED")) == 3


@pytest.mark.zeebe_deploy("missing.bpmn")
def test_a_missing_file_errors(zeebe):
    pass


@pytest.mark.zeebe_deploy()
def test_an_empty_marker_errors(zeebe):
    pass
"""
    )
    pytester.chdir()  # the working directory is not what the paths are relative to
    result = pytester.runpytest("-p", "no:cacheprovider", "--rootdir", str(pytester.path), str(pytester.path / "tests"))
    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*InvalidResourceError: cannot read resource '*/tests/missing.bpmn': No such file or directory",
            "*UsageError: @pytest.mark.zeebe_deploy needs at least one resource file",
        ],
        consecutive=False,
    )


def test_every_setting_as_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        zeebe_clock_start = 2020-05-01T12:00:00+02:00
        zeebe_partitions = 3
        zeebe_time_zone = Europe/Berlin
        zeebe_max_resource_size = 4096
        """
    )
    pytester.makepyfile(
        """
        def test_settings(zeebe, zeebe_partition_count, zeebe_time_zone, zeebe_max_resource_size, zeebe_clock_start):
            assert zeebe.clock.now().isoformat() == "2020-05-01T10:00:00+00:00"
            assert (zeebe_partition_count, zeebe_time_zone, zeebe_max_resource_size) == (3, "Europe/Berlin", 4096)
            assert zeebe.server.engine.config.partition_count == 3
            assert zeebe.server.engine.config.max_resource_size == 4096
            assert zeebe_clock_start.isoformat() == "2020-05-01T12:00:00+02:00"
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_command_line_options_win_over_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nzeebe_clock_start = 2020-05-01T12:00:00Z\nzeebe_max_resource_size = 4096\n")
    pytester.makepyfile(
        """
        def test_settings(zeebe):
            assert zeebe.clock.now().isoformat() == "2022-02-02T00:00:00+00:00"
            assert zeebe.server.engine.config.max_resource_size == 100
        """
    )
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--zeebe-clock-start=2022-02-02T00:00:00Z", "--zeebe-max-resource-size=100"
    )
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("arguments", "ini", "message"),
    [
        (["--zeebe-max-resource-size=0"], "", "invalid zeebe_max_resource_size '0': expected at least 1"),
        ([], "zeebe_partitions = many", "invalid zeebe_partitions 'many': expected a whole number"),
        ([], "zeebe_partitions = 8192", "invalid zeebe_partitions '8192': expected at most 8191"),
        ([], "zeebe_time_zone = Mars/Olympus", "invalid zeebe time zone 'Mars/Olympus': expected an IANA zone name"),
        (["--zeebe-clock-start=yesterday"], "", "invalid zeebe clock start 'yesterday'"),
        (["--zeebe-address=localhost"], "", "invalid zeebe address 'localhost': expected host:port"),
        ([], "zeebe_address = gateway:99999", "invalid zeebe address 'gateway:99999'"),
    ],
)
def test_bad_settings_stop_the_run_with_a_usage_error(
    pytester: pytest.Pytester, arguments: list[str], ini: str, message: str
) -> None:
    pytester.makeini(f"[pytest]\n{ini}\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", *arguments)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: pytest-zeebe: {message}*"])


def test_the_settings_defaults_are_the_engines() -> None:
    from pytest_zeebe.engine.clock import DEFAULT_START
    from pytest_zeebe.engine.engine import DEFAULT_MAX_RESOURCE_SIZE, EngineConfig
    from pytest_zeebe.settings import DEFAULT_CLOCK_START, Settings
    from pytest_zeebe.settings import DEFAULT_MAX_RESOURCE_SIZE as SETTINGS_MAX

    assert (DEFAULT_CLOCK_START, SETTINGS_MAX) == (DEFAULT_START, DEFAULT_MAX_RESOURCE_SIZE)
    assert EngineConfig() == Settings().engine_config()
