"""An incident left open that no assertion named fails the test at teardown, unless allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

CLAIM = Path(__file__).resolve().parents[2] / "examples" / "claim.bpmn"

FAILING = """
import pytest
from pytest_zeebe import assert_that

pytestmark = pytest.mark.zeebe_deploy("claim.bpmn")

def fail_payout(zeebe):
    zeebe.worker("assess-claim").complete(amount=100)
    zeebe.worker("pay-out").fail(retries=0, message="bank unavailable")
    return zeebe.create_instance("claim-handling", {"claimId": "C-1"})
"""


@pytest.fixture
def claims(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".bpmn", claim=CLAIM.read_text())
    return pytester


def test_an_unasserted_incident_is_an_error_with_its_message(claims: pytest.Pytester) -> None:
    claims.makepyfile(
        FAILING
        + """
def test_forgets_the_incident(zeebe):
    fail_payout(zeebe)
"""
    )
    result = claims.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "E *UnassertedIncidentError: 1 incident is still open at the end of the test, and no assertion named it:",
            "      incident 22517998136852* JOB_NO_RETRIES at pay-out of workflow instance 2251799813685251 "
            "(claim-handling): 'bank unavailable'",
            "    Assert it (assert_that(instance).has_incident(...), assert_that(incident), zeebe.incidents()), "
            "resolve it, or allow incidents: @pytest.mark.zeebe_allow_incidents, --zeebe-allow-incidents or "
            "ini zeebe_allow_incidents = true.",
            "ERROR *::test_forgets_the_incident",
        ]
    )


def test_naming_or_resolving_the_incident_passes(claims: pytest.Pytester) -> None:
    claims.makepyfile(
        FAILING
        + """
def test_has_incident(zeebe):
    assert_that(fail_payout(zeebe)).has_incident("JOB_NO_RETRIES", element="pay-out")

def test_incident_assert(zeebe):
    fail_payout(zeebe)
    (incident,) = zeebe.incidents()
    assert_that(incident).has_element_id("pay-out")

def test_incidents_query(zeebe):
    fail_payout(zeebe)
    assert [i.error_type for i in zeebe.incidents(element_id="pay-out")] == ["JOB_NO_RETRIES"]

def test_resolved(zeebe):
    claim = fail_payout(zeebe)
    zeebe.worker("pay-out").complete()
    (job,) = zeebe.jobs(workflow_instance_key=claim.key)
    zeebe.update_job_retries(job, 1)
    zeebe.resolve_incident(zeebe.records.incidents(intent="CREATED").first().key)
    assert_that(claim).is_completed()

def test_query_naming_another_element_does_not_count(zeebe):
    fail_payout(zeebe)
    assert zeebe.incidents(element_id="assess-claim") == []
"""
    )
    result = claims.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(["ERROR *::test_query_naming_another_element_does_not_count"])


def test_a_failing_test_gets_no_second_error(claims: pytest.Pytester) -> None:
    claims.makepyfile(
        FAILING
        + """
def test_fails(zeebe):
    fail_payout(zeebe)
    assert False, "the test's own failure"
"""
    )
    result = claims.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)


@pytest.mark.parametrize(
    ("how", "args"),
    [
        ("marker", ()),
        ("ini", ()),
        ("option", ("--zeebe-allow-incidents",)),
        ("conftest", ()),
    ],
)
def test_the_opt_outs(claims: pytest.Pytester, how: str, args: tuple[str, ...]) -> None:
    marker = "@pytest.mark.zeebe_allow_incidents\n" if how == "marker" else ""
    claims.makepyfile(FAILING + f"\n{marker}def test_allowed(zeebe):\n    fail_payout(zeebe)\n")
    if how == "ini":
        claims.makeini("[pytest]\nzeebe_allow_incidents = true\n")
    if how == "conftest":
        claims.makeconftest(
            "import pytest\n\n@pytest.fixture(scope='session')\ndef zeebe_allow_incidents():\n    return True\n"
        )
    claims.runpytest("-p", "no:cacheprovider", *args).assert_outcomes(passed=1)


def test_a_bad_ini_value_is_a_usage_error(claims: pytest.Pytester) -> None:
    claims.makeini("[pytest]\nzeebe_allow_incidents = maybe\n")
    claims.makepyfile("def test_x(zeebe):\n    pass\n")
    result = claims.runpytest("-p", "no:cacheprovider")
    result.stderr.fnmatch_lines(["*pytest-zeebe: invalid zeebe_allow_incidents 'maybe': expected true or false*"])
