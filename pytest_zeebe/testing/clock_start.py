"""Reading the configured engine start time."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_clock_start(text: str, *, wall_now: datetime | None = None) -> datetime:
    """`now` (the wall time when the session starts, to the millisecond) or an ISO instant with offset."""
    if text.strip().lower() == "now":
        moment = wall_now or datetime.now(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"invalid zeebe clock start {text!r}: expected an ISO-8601 instant or 'now'") from None
    if moment.tzinfo is None:
        raise ValueError(f"invalid zeebe clock start {text!r}: it needs an offset, e.g. 2021-01-01T00:00:00Z")
    return moment
