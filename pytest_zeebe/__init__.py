"""pytest-zeebe: a deterministic in-memory Zeebe 0.26 engine and gateway for tests."""
