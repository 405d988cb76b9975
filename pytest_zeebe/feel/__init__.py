"""FEEL as Zeebe 0.25/0.26 evaluates it (feel-scala 1.12): parse once, evaluate many times.

Leniencies and differences from feel-scala are listed in ``docs/feel.md``.
"""

from .api import (
    CompiledExpression,
    Expression,
    FeelEnv,
    FixedClock,
    StaticValue,
    compile_expression,
    parse_attribute,
)
from .convert import to_variable_value
from .errors import FeelError, FeelEvaluationError, FeelResultTypeError, FeelSyntaxError
from .typed import (
    evaluate_any,
    evaluate_array,
    evaluate_boolean,
    evaluate_correlation_key,
    evaluate_date_time,
    evaluate_interval,
    evaluate_long,
    evaluate_object,
    evaluate_string,
    result_type,
)

__all__ = [
    "CompiledExpression",
    "Expression",
    "FeelEnv",
    "FeelError",
    "FeelEvaluationError",
    "FeelResultTypeError",
    "FeelSyntaxError",
    "FixedClock",
    "StaticValue",
    "compile_expression",
    "evaluate_any",
    "evaluate_array",
    "evaluate_boolean",
    "evaluate_correlation_key",
    "evaluate_date_time",
    "evaluate_interval",
    "evaluate_long",
    "evaluate_object",
    "evaluate_string",
    "parse_attribute",
    "result_type",
    "to_variable_value",
]
