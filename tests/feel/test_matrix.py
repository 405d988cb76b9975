"""FEEL.md §5: every row of the test matrix (32 core + 24 Zeebe-semantics cases).

Expected values are feel-scala 1.12's, read off its interpreter. The rows FEEL.md once marked
"ours" (deliberate leniencies) are parse errors now, as in 1.12: its parser stops after
``order.items[1]`` and accepts only paths as list items.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from pytest_zeebe.feel import (
    FeelEvaluationError,
    FeelSyntaxError,
    compile_expression,
    to_variable_value,
)

from .conftest import CLOCK, MATRIX_VARIABLES

ERROR = object()
PARSE_ERROR = object()

MATRIX: list[tuple[int, str, object]] = [
    (1, "1 + 2 * 3 - 4 / 2", 5),
    (2, "a ** b + x", 15),
    (3, '"foo" + "bar"', "foobar"),
    (4, '"order-" + string(x)', "order-7"),
    (5, "x > 5", True),
    (6, 's = "foo"', True),
    (7, "x != 7", False),
    (8, "true and null", None),
    (9, "false and null", False),
    (10, "true or null", True),
    (11, "order.items[1].price", PARSE_ERROR),
    (12, "items[price > 10]", [{"price": 20}, {"price": 15}]),
    (13, "count(l)", 3),
    (14, "sum(l)", 6),
    (15, 'contains("foobar", "ob")', True),
    (16, "upper case(s)", "FOO"),
    (17, "string length(s)", 3),
    (18, 'if x > 5 then "high" else "low"', "high"),
    (19, "for i in l return i * 2", [2, 4, 6]),
    (20, "some i in l satisfies i > 2", True),
    (21, "every i in l satisfies i > 0", True),
    (22, '{a: 1, b: "x"}', {"a": 1, "b": "x"}),
    (23, '[1, "two", true, null]', [1, "two", True, None]),
    (24, 'date("2020-01-01")', date(2020, 1, 1)),
    (25, 'duration("PT5M")', timedelta(minutes=5)),
    (26, "now()", datetime(2020, 9, 21, 7, 20, tzinfo=UTC)),
    (27, "x between 5 and 10", True),
    (28, "x in [1..10]", True),
    (29, "not(x > 5)", False),
    (30, '"say \\"hi\\""', PARSE_ERROR),
    (31, "`first name`", "Paul"),
    (32, "x instance of number", True),
    (101, "nothing = null", True),
    (102, "missing = null", True),
    (103, "missing.y = null", True),
    (104, "is defined(missing)", False),
    (105, "nothing > 5", False),
    (106, "missing > 5", ERROR),
    (107, "missing", ERROR),
    (108, '"a" + 1', None),
    (109, "order.items.name", ["a", "b", "c"]),
    (110, "l[-1]", 3),
    (111, "l[5]", None),
    (112, 'date and time("2020-04-06T15:30:00@UTC") + duration("P1D")', None),
    (113, "1.1 + 2.2 = 3.3", True),
    (114, "x / 2", 3.5),
    (115, "x / 0", None),
    (116, "null and false", False),
    (117, 'if nothing then "a" else "b"', "b"),
    (118, '"a\\nb"', "a\\nb"),
    (119, 'cycle(3, duration("PT1H"))', "R3/PT1H"),
    (120, "[1 + 1, 2]", PARSE_ERROR),
    (121, "missing + 1", None),
    (122, 'if missing > 5 then "a" else "b"', "b"),
    (123, 'x = "7"', ERROR),
    (124, 'x != "7"', None),
]


def _plain(value: object) -> object:
    """Temporal values as they are; everything else as the JSON-like variable value."""
    if isinstance(value, (date, timedelta)):
        return value
    return to_variable_value(value)


@pytest.mark.parametrize(("row", "expression", "expected"), MATRIX, ids=[str(r[0]) for r in MATRIX])
def test_matrix_row(row: int, expression: str, expected: object) -> None:
    if expected is PARSE_ERROR:
        with pytest.raises(FeelSyntaxError, match=r"^failed to parse expression '"):
            compile_expression(expression)
        return
    compiled = compile_expression(expression)
    if expected is ERROR:
        with pytest.raises(FeelEvaluationError, match=r"^failed to evaluate expression '"):
            compiled.evaluate(MATRIX_VARIABLES, CLOCK)
        return
    result = compiled.evaluate(MATRIX_VARIABLES, CLOCK)
    if row == 112:
        assert isinstance(result, datetime)
        assert result.astimezone(UTC) == datetime(2020, 4, 7, 15, 30, tzinfo=UTC)
        return
    assert _plain(result) == expected
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        assert isinstance(result, Decimal)


def test_matrix_is_complete() -> None:
    """FEEL.md lists 32 core and 24 Zeebe-semantics rows."""
    rows = [row for row, _, _ in MATRIX]
    assert rows == [*range(1, 33), *range(101, 125)]
