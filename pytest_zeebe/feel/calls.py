"""Function calls: built-ins, user functions (``function(a) ...``) and ``is defined``.

Resolution follows feel-scala 1.12: functions bound in enclosing context literals come first, then
the built-ins; among those, the first whose parameters fit the call (by count, or by names for
named arguments) is invoked. Names that 1.12 does not know (``string join``, ``round up`` and the
other later additions) therefore fail with ``no function found with name ...``.

Arguments are evaluated first. feel-scala passes a failed argument to the function, and most 1.12
built-ins answer with that error, so here a failing argument fails the call; the built-ins whose
1.12 cases accept any value (``not``, ``list contains``, ``index of``, Zeebe's ``appendTo``, and
the variadic aggregates, which collect failures into their list) receive it as ``ops.ErrVal``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Final, TypeAlias

from . import ast, ops
from .builtins import BUILTINS, Builtin
from .errors import FeelEvaluationError
from .scope import Evaluator, Frame, Scope, local_values, root_of, snapshot, spend

if TYPE_CHECKING:
    from .compiler import Compiler

#: Failures of a built-in's implementation that mean "illegal arguments", hence null.
_ILLEGAL_ARGUMENTS: Final = (
    TypeError,
    ValueError,
    ArithmeticError,
    OverflowError,
    re.error,
    IndexError,
    KeyError,
    InvalidOperation,
)

Function: TypeAlias = "Builtin | ops.FeelFunction"


def compile_call(compiler: Compiler, node: ast.Call) -> Evaluator:
    """An evaluator for a call node."""
    if node.target is None and node.name == "is defined":
        return _is_defined(compiler, node)
    positional = tuple(compiler.compile(arg) for arg in node.args)
    named = None if node.named is None else tuple((name, compiler.compile(value)) for name, value in node.named)
    name = node.name
    if node.target is not None:
        target = compiler.compile(node.target)

        def qualified(scope: Scope) -> object:
            context = target(scope)
            if type(context) is not dict:
                raise FeelEvaluationError(f"expect Context but found '{ops.describe(context)}'")
            candidate = context.get(name)
            found = [candidate] if isinstance(candidate, ops.FeelFunction) else []
            return _invoke(scope, _select(name, found, positional, named), positional, named)

        return qualified
    builtins = BUILTINS.get(name, ())
    if not compiler.local:
        function = _select(name, list(builtins), positional, named)
        return lambda scope: _invoke(scope, function, positional, named)

    def call(scope: Scope) -> object:
        local = [f for f in local_values(scope, name) if isinstance(f, ops.FeelFunction)]
        function = _select(name, [*local, *builtins], positional, named)
        return _invoke(scope, function, positional, named)

    return call


def _is_defined(compiler: Compiler, node: ast.Call) -> Evaluator:
    arguments = node.args if node.named is None else tuple(value for key, value in node.named if key == "value")
    if len(arguments) != 1 or (node.named is not None and len(node.named) != 1):
        count = len(node.args) if node.named is None else len(node.named)
        message = _not_found("is defined", count, None if node.named is None else node.named)
        return lambda scope: _raise(message)
    argument = compiler.compile(arguments[0])

    def is_defined(scope: Scope) -> object:
        try:
            argument(scope)
        except FeelEvaluationError:
            return False
        return True

    return is_defined


def _raise(message: str) -> object:
    raise FeelEvaluationError(message)


def _not_found(name: str, count: int, named: Sequence[tuple[str, object]] | None) -> str:
    if named is None:
        return f"no function found with name '{name}' and {count} parameters"
    return f"no function found with name '{name}' and parameters: {','.join(k for k, _ in named)}"


def _params(function: Function) -> tuple[str, ...]:
    return function.params


def _select(
    name: str,
    candidates: Sequence[Function],
    positional: tuple[Evaluator, ...],
    named: tuple[tuple[str, Evaluator], ...] | None,
) -> Function | str:
    """The first candidate fitting the call, or the failure text when none does."""
    for function in candidates:
        params = _params(function)
        variadic = isinstance(function, Builtin) and function.variadic
        if named is None:
            count = len(positional)
            if len(params) == count or (variadic and len(params) < count):
                return function
        else:
            keys = {key for key, _ in named}
            if keys <= set(params):
                return function
    return _not_found(name, len(positional), named)


def _invoke(
    scope: Scope,
    function: Function | str,
    positional: tuple[Evaluator, ...],
    named: tuple[tuple[str, Evaluator], ...] | None,
) -> object:
    if isinstance(function, str):
        raise FeelEvaluationError(function)
    evaluate = _evaluate_or_error if getattr(function, "accepts_errors", False) else _evaluate
    if named is None and isinstance(function, Builtin) and function.collects_errors:
        fixed = len(function.params) - 1
        args = [evaluate(argument, scope) for argument in positional[:fixed]]
        args += [_evaluate_or_error(argument, scope) for argument in positional[fixed:]]
    elif named is None:
        args = [evaluate(argument, scope) for argument in positional]
    else:
        given = {key: evaluate(value, scope) for key, value in named}
        args = [given.get(param) for param in _params(function)]
    if isinstance(function, ops.FeelFunction):
        return function.invoke(args)
    if function.variadic and named is None:
        fixed = len(function.params) - 1
        rest = args[fixed:]
        collected = rest[0] if fixed == 0 and len(rest) == 1 and type(rest[0]) is list else rest
        args = [*args[:fixed], collected]
    if function.needs_env:
        env = root_of(scope).env
        if env is None:
            raise FeelEvaluationError(
                f"function '{function.name}' needs a clock, but the evaluation has no environment"
            )
        args = [env, *args]
    try:
        return function.impl(*args)
    except _ILLEGAL_ARGUMENTS:
        return None


def _evaluate(argument: Evaluator, scope: Scope) -> object:
    return argument(scope)


def _evaluate_or_error(argument: Evaluator, scope: Scope) -> object:
    """For built-ins that inspect failures (``not``, ``appendTo``): a failure as a value."""
    try:
        return argument(scope)
    except FeelEvaluationError as error:
        return ops.ErrVal(error.cause)


def compile_function_def(compiler: Compiler, node: ast.FunctionDef, cost: int) -> Evaluator:
    """An evaluator producing a user function value that closes over its defining scope."""
    body = compiler.compile_local(node.body)
    params = node.params

    def define(scope: Scope) -> object:
        captured = snapshot(scope)

        def invoke(args: list[object]) -> object:
            spend(captured, cost)
            return body(Frame(captured, dict(zip(params, args, strict=False))))

        return ops.FeelFunction(params, invoke)

    return define
