"""Evaluating a model's expressions in an element's scope, with the engine clock.

Failures raise ExpressionFailure carrying Zeebe's message; the element processors turn them into
incidents (until the incident work lands, the engine reports them as processing errors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_zeebe import feel
from pytest_zeebe.engine.variables import ScopeVariables

if TYPE_CHECKING:
    from pytest_zeebe.engine.bpmn.behaviour import Step


class ExpressionFailure(Exception):
    """Raised when an expression cannot be evaluated or yields the wrong type."""


def evaluate_string(step: Step, expression: feel.Expression) -> str:
    """Evaluate `expression` in `step`'s scope as a STRING."""
    try:
        return feel.evaluate_string(expression, ScopeVariables(step.ctx.state, step.key), step.ctx.feel_env())
    except feel.FeelError as error:
        raise ExpressionFailure(str(error)) from None


def evaluate_long(step: Step, expression: feel.Expression) -> int:
    """Evaluate `expression` in `step`'s scope as a NUMBER, truncated to an integer."""
    try:
        return feel.evaluate_long(expression, ScopeVariables(step.ctx.state, step.key), step.ctx.feel_env())
    except feel.FeelError as error:
        raise ExpressionFailure(str(error)) from None
