"""`pytest -n 2`: one gateway per worker, no port clash, no state shared between workers or tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("xdist")

ORDER = Path(__file__).resolve().parents[2] / "examples" / "order.bpmn"


def test_two_workers_get_a_gateway_each(pytester: pytest.Pytester) -> None:
    pytester.makefile(".bpmn", order=ORDER.read_text())
    report = pytester.path / "report"
    report.mkdir()
    pytester.makepyfile(
        f"""
        import json, os, pathlib, time
        import pytest
        from pytest_zeebe import assert_that

        @pytest.mark.parametrize("n", range(8))
        @pytest.mark.zeebe_deploy("order.bpmn")
        def test_order(zeebe, n):
            order = zeebe.create_instance("order-fulfilment", {{"n": n}})
            assert order.key == 2251799813685251  # a fresh engine: nothing from other tests
            (job,) = zeebe.activate_jobs("charge-card")  # no other test's job
            assert job.variables == {{"n": n}}
            zeebe.complete_job(job.key)
            assert_that(order).is_waiting_at("ship-parcel")
            record = {{"worker": os.environ["PYTEST_XDIST_WORKER"], "address": zeebe.address, "pid": os.getpid()}}
            pathlib.Path({str(report)!r}, f"{{n}}.json").write_text(json.dumps(record))
            time.sleep(0.05)  # let both workers take tests
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=8)
    records = [json.loads(path.read_text()) for path in report.iterdir()]
    workers = {record["worker"] for record in records}
    assert workers == {"gw0", "gw1"}
    addresses = {worker: {r["address"] for r in records if r["worker"] == worker} for worker in workers}
    assert all(len(used) == 1 for used in addresses.values()), addresses  # one gateway per worker session
    assert len({next(iter(used)) for used in addresses.values()}) == 2  # and no two workers share a port
