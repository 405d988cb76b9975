"""Every Python example in README.md runs, so the README never shows a user code that fails.

Each ```python block runs next to copies of examples/order.bpmn and examples/claim.bpmn, as the
README describes it: a block with tests runs as a test module under pytest (every test must pass),
any other block as a script. A block that starts with `# conftest.py` is the conftest of the block after it. Blocks
that import pyzeebe run where pyzeebe is installed (the coexistence tox env).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


@dataclass(frozen=True)
class Example:
    line: int
    code: str
    conftest: str | None = None

    @property
    def tests(self) -> int:
        return len(re.findall(r"^def test_", self.code, re.M))


def _examples() -> list[Example]:
    text = (ROOT / "README.md").read_text()
    examples: list[Example] = []
    conftest = None
    for match in FENCE.finditer(text):
        code = match.group(1)
        if code.startswith("# conftest.py\n"):
            conftest = code
            continue
        examples.append(Example(text.count("\n", 0, match.start()) + 1, code, conftest))
        conftest = None
    return examples


EXAMPLES = _examples()


def test_the_readme_has_its_examples() -> None:
    assert len(EXAMPLES) >= 8
    first = EXAMPLES[0].code  # the quick start: deploys next to the test module, completes both jobs
    assert '@pytest.mark.zeebe_deploy("order.bpmn")' in first and first.count("complete_job") == 2
    assert sum(example.tests for example in EXAMPLES) >= 7


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"README.md:{example.line}" for example in EXAMPLES])
def test_readme_example_runs(pytester: pytest.Pytester, example: Example) -> None:
    if re.search(r"^(from|import) pyzeebe", example.code, re.M):
        pytest.importorskip("pyzeebe")
    pytester.makefile(".bpmn", order=(ROOT / "examples" / "order.bpmn").read_text())
    pytester.makefile(".bpmn", claim=(ROOT / "examples" / "claim.bpmn").read_text())
    if example.conftest is not None:
        pytester.makeconftest(example.conftest)
    if example.tests:
        pytester.makepyfile(test_readme_example=example.code)
        result = pytester.runpytest("-p", "no:cacheprovider")
        result.assert_outcomes(passed=example.tests)
    else:
        script = pytester.makepyfile(readme_example=example.code)
        result = pytester.runpython(script)
        assert result.ret == 0, result.stderr.str()


def test_the_example_suite_the_quick_start_runs_passes(pytester: pytest.Pytester) -> None:
    """`pytest examples`, from another working directory (its marker paths are relative to the module)."""
    result = pytester.runpytest("-p", "no:cacheprovider", str(ROOT / "examples"))
    result.assert_outcomes(passed=7)
