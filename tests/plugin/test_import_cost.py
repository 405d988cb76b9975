"""Every pytest run in an environment pays for importing this plugin, so it must import nothing heavy.

Measured with `python -X importtime -c "import pytest; import pytest_zeebe.plugin"`: the plugin
costs a few milliseconds on top of pytest's ~100 ms. These tests pin the reason (no engine, gateway,
model, FEEL, grpc, protobuf, lxml, lark or YAML at import or in a run that never uses Zeebe), not
a timing, which would be flaky.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "pytest_zeebe.engine",
    "pytest_zeebe.gateway",
    "pytest_zeebe.model",
    "pytest_zeebe.feel",
    "pytest_zeebe.testing",
    "grpc",
    "google.protobuf",
    "lxml",
    "lark",
    "yaml",
)

CHECK = f"""
import sys
heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
assert not heavy, f"loaded at import: {{heavy}}"
"""


def test_importing_the_plugin_loads_nothing_heavy() -> None:
    code = f"import pytest, pytest_zeebe, pytest_zeebe.plugin\n{CHECK}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr


def test_a_run_that_never_uses_zeebe_loads_nothing_heavy(pytester: pytest.Pytester) -> None:
    """Option parsing, configure and collection hooks run in every session; they must stay light too."""
    pytester.makeini("[pytest]\nzeebe_partitions = 2\nzeebe_time_zone = Europe/Berlin\n")
    pytester.makepyfile(
        f"""
        def test_plain():
            {CHECK.strip().replace(chr(10), chr(10) + "            ")}
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--zeebe-clock-start=now")
    result.assert_outcomes(passed=1)


def test_the_public_names_load_on_first_use() -> None:
    code = f"""
import pytest_zeebe
{CHECK}
from pytest_zeebe import ZeebeHarness, assert_that, RecordQuery, Settings, FakeOnlyError
assert assert_that.__module__ == "pytest_zeebe.testing.assertions"
assert ZeebeHarness.__module__ == "pytest_zeebe.testing.harness"
assert sorted(pytest_zeebe.__all__) == pytest_zeebe.__all__
assert set(pytest_zeebe.__all__) <= set(dir(pytest_zeebe))
try:
    pytest_zeebe.nothing
except AttributeError as error:
    assert str(error) == "module 'pytest_zeebe' has no attribute 'nothing'"
else:
    raise AssertionError("no AttributeError")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
