"""Shared helpers for the FEEL tests: the matrix context and an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pytest_zeebe.feel import FixedClock

#: The clock FEEL.md's matrix assumes (``now()`` = 2020-09-21T07:20:00Z).
CLOCK = FixedClock(datetime(2020, 9, 21, 7, 20, tzinfo=UTC))

#: The variables of FEEL.md's test matrix, as JSON-like values (what the engine stores).
MATRIX_VARIABLES: dict[str, object] = {
    "x": 7,
    "a": 2,
    "b": 3,
    "s": "foo",
    "nothing": None,
    "l": [1, 2, 3],
    "items": [{"price": 5}, {"price": 20}, {"price": 15}],
    "order": {
        "id": "o-1",
        "items": [
            {"price": 5, "name": "a"},
            {"price": 20, "name": "b"},
            {"price": 15, "name": "c"},
        ],
    },
    "first name": "Paul",
}


@pytest.fixture
def clock() -> FixedClock:
    """The matrix clock."""
    return CLOCK
