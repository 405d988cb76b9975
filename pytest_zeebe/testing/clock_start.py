"""Reading the configured engine start time: moved to `pytest_zeebe.settings`, re-exported for old imports."""

from __future__ import annotations

from pytest_zeebe.settings import parse_clock_start

__all__ = ["parse_clock_start"]
