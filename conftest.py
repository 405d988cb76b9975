"""Test-suite wide settings: pytester for plugin tests, hypothesis profiles from the environment."""

from __future__ import annotations

import os

pytest_plugins = ["pytester"]

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the coexistence env runs without hypothesis-based tests
    pass
else:
    settings.register_profile(
        "default",
        max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "100")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile("default")
