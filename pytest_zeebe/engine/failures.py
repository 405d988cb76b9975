"""Failures as values: what an element's step could not do, on its way to becoming an incident.

Zeebe's processors return `Either<Failure, T>` and turn a left into an incident on the element;
ours return a :class:`Failure` instead of the value. Exceptions stay for our own bugs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_zeebe.engine.intents import ErrorType
from pytest_zeebe.engine.keys import NO_KEY


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a step failed: Zeebe's error type and message, and the variable scope to fix."""

    message: str
    error_type: ErrorType = ErrorType.EXTRACT_VALUE_ERROR
    variable_scope_key: int = NO_KEY


class ZeebeProcessingFailure(Exception):
    """Raised where Zeebe 0.26 itself throws while processing a record; the message says why.

    The engine answers as Zeebe does (the step is undone, an ERROR record written) and reports it
    with its own failures, so a test that meets it fails at teardown instead of waiting for an
    instance that, in Zeebe, would never move again.
    """
