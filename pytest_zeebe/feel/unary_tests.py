"""``x in <tests>``: feel-scala 1.12's positive unary tests.

The tested value is bound to ``cellInput`` (what ``?`` reads) while the tests run. The kinds:

* ``< e``, ``<= e``, ``> e``, ``>= e``: ordering against the endpoint (null gives false);
* a simple value (literal or qualified name): equality, so ``x in l`` with ``l`` a list is a
  type failure, exactly as in 1.12;
* an interval ``[a..b]``: bounds checked, null anywhere gives false;
* any other expression: true if it is ``true``, equal to the value, or a list containing it.

Several tests in parentheses hold if any holds (three-valued, like ``or``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import ast, ops
from .errors import FeelEvaluationError
from .scope import Evaluator, Frame, Scope

if TYPE_CHECKING:
    from .compiler import Compiler

Test = Callable[[Scope, object], bool]


def compile_tests(compiler: Compiler, value: Evaluator, tests: tuple[ast.UnaryTest, ...]) -> Evaluator:
    """An evaluator for ``value in (tests...)``."""
    compiled = tuple(_compile_test(compiler, test) for test in tests)

    if len(compiled) == 1:
        single = compiled[0]

        def one(scope: Scope) -> object:
            tested = value(scope)
            return single(Frame(scope, {"cellInput": tested}), tested)

        return one

    def any_of(scope: Scope) -> object:
        tested = value(scope)
        frame = Frame(scope, {"cellInput": tested})
        undecided = False
        for test in compiled:
            try:
                result = test(frame, tested)
            except FeelEvaluationError:
                undecided = True
                continue
            if result is True:
                return True
        return None if undecided else False

    return any_of


def _guarded(evaluator: Evaluator, scope: Scope) -> object:
    try:
        return evaluator(scope)
    except FeelEvaluationError as error:
        return ops.ErrVal(error.cause)


def _compile_test(compiler: Compiler, test: ast.UnaryTest) -> Test:
    if test.op == "interval":
        assert isinstance(test.operand, ast.Interval)
        return _interval(compiler, test.operand)
    operand = compiler.compile_local(test.operand)
    if test.op == "=":
        return lambda scope, tested: ops.equals(tested, _guarded(operand, scope))
    if test.op == "expr":
        return lambda scope, tested: _matches(tested, operand(scope))
    op = test.op
    return lambda scope, tested: ops.compare(op, tested, _guarded(operand, scope))


def _matches(tested: object, expected: object) -> bool:
    if expected is True:
        return True
    try:
        if ops.equals(tested, expected):
            return True
    except FeelEvaluationError:
        pass
    if type(expected) is list:
        return any(ops.equal_or_false(tested, item) for item in expected)
    return False


def _interval(compiler: Compiler, interval: ast.Interval) -> Test:
    start, end = compiler.compile_local(interval.start), compiler.compile_local(interval.end)
    start_open, end_open = interval.start_open, interval.end_open

    def within(scope: Scope, tested: object) -> bool:
        low, high = _guarded(start, scope), _guarded(end, scope)
        if tested is None or low is None or high is None:
            return False
        for operand in (tested, low, high):
            if not ops.is_comparable(operand):
                raise FeelEvaluationError(f"{ops.describe(operand)} is not comparable")
        for bound in (low, high):
            if ops.kind(bound) != ops.kind(tested):
                raise FeelEvaluationError(f"{ops.describe(tested)} can not be compared to {ops.describe(bound)}")
        above, below = ops.order(tested, low), ops.order(tested, high)
        assert above is not None
        assert below is not None
        return (above > 0 if start_open else above >= 0) and (below < 0 if end_open else below <= 0)

    return within
