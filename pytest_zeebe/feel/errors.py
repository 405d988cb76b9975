"""The exception hierarchy of the FEEL package.

Everything the package raises derives from :class:`FeelError`, so callers (the engine, the
deployment validator) can turn any FEEL problem into an incident or a rejection with one
``except`` clause. The texts follow feel-scala 1.12 and Zeebe 0.26 word for word, because users'
tests compare incident messages.
"""

from __future__ import annotations


class FeelError(Exception):
    """Raised for any problem with a FEEL expression: base of the package's errors."""


class FeelSyntaxError(FeelError):
    """Raised when an expression cannot be parsed (Zeebe rejects the deployment)."""

    def __init__(self, expression: str, reason: str) -> None:
        self.expression = expression
        self.reason = reason
        super().__init__(f"failed to parse expression '{expression}': {reason}")


class FeelValidationError(FeelSyntaxError):
    """Raised when an expression parses but 1.12's validator refuses it (external functions)."""

    def __init__(self, expression: str, reason: str) -> None:
        super().__init__(expression, reason)
        self.args = (f"validation of expression '{expression}' failed: {reason}",)

    def __str__(self) -> str:
        return str(self.args[0])


class FeelEvaluationError(FeelError):
    """Raised when evaluation fails (Zeebe raises an incident).

    Built-in functions raise it with the cause alone; the evaluator adds the expression, so
    ``str()`` reads ``failed to evaluate expression '<expr>': <cause>`` as feel-scala prints it.
    """

    def __init__(self, cause: str, expression: str | None = None) -> None:
        self.cause = cause
        self.expression = expression
        super().__init__(cause if expression is None else f"failed to evaluate expression '{expression}': {cause}")

    def with_expression(self, expression: str) -> FeelEvaluationError:
        """Return the same failure, attributed to ``expression``."""
        return FeelEvaluationError(self.cause, expression)


class FeelResultTypeError(FeelError):
    """Raised when a result does not have the type the BPMN attribute needs (Zeebe's texts)."""
