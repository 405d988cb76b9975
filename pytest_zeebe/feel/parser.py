"""Text -> :mod:`.ast`: feel-scala 1.12.4's ``FeelParser``, rule for rule.

Zeebe 0.26 parses every expression at deployment and rejects the resource with the parser's
verdict, so which inputs parse and what a failure says must be 1.12's. Each method below is the
rule of the same name in ``FeelParser.scala`` (its grammar number is given), written with the
combinators of :mod:`.combinators`, whose behaviour is scala-parser-combinators 1.1.2's. It
builds our tree instead of 1.12's. Consequences worth knowing: ``x+`` fails with ``end of input
expected`` at ``+``; ``if x then 1`` is an ``error`` (the parser committed after ``then``);
``order.items[1].price`` and ``[1 + 1]`` do not parse; ``then``, ``else``, ``between``,
``instance`` and ``of`` are no names.

Results depend only on the position, so the rules tried repeatedly at one position are memoised:
inputs 1.12 backtracks over exponentially (nested parentheses are parsed as an interval, then
again as a parenthesis) stay linear here. Nesting is capped at MAX_NESTING.
"""

from __future__ import annotations

import re
import sys
import threading
from bisect import bisect_right
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, Final

from . import ast
from .combinators import CUT, PLAIN, NoSuccess, Parsers, Result, Rule, java_word_char
from .errors import FeelSyntaxError, FeelValidationError

#: Longer input is refused before parsing, so that no expression takes long to parse.
MAX_EXPRESSION_LENGTH: Final = 100_000
#: Deepest nesting of expressions (parentheses, brackets, if/for/...) the parser follows.
MAX_NESTING: Final = 120
#: Python frames one nesting level may take (about 33 measured); the recursion limit is raised so.
_FRAMES_PER_LEVEL: Final = 40

_EXTERNAL_FUNCTIONS_DISABLED: Final = (
    "External functions are disabled. Use the FunctionProvider SPI (recommended) or enable external "
    "function in the configuration."
)

_STRING: Final = re.compile(r'"(?:[^"\x00-\x1f\x7f]|\\u[a-fA-F0-9]{4})*"')
_STRING_SHOWN: Final = r'"([^"\x00-\x1F\x7F]|\\u[a-fA-F0-9]{4})*"'
_NUMBER: Final = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|[0-9]*\.[0-9]+)")
_NUMBER_SHOWN: Final = r"(-?(\d+(\.\d+)?|\d*\.\d+))"
_ESCAPED_NAME: Final = re.compile(r"""(?:[^`"\x00-\x1f\x7f\\]|\\[\\'"bfnrt]|\\u[a-fA-F0-9]{4})*""")
_ESCAPED_NAME_SHOWN: Final = r"""([^`"\x00-\x1F\x7F\\]|\\[\\'"bfnrt]|\\u[a-fA-F0-9]{4})*"""

_RESERVED: Final = ("null", "true", "false", "function", "if", "then", "else", "for", "between", "instance", "of")
_BUILTIN_NAMES: Final = (
    "date and time",
    "years and months duration",
    "string length",
    "upper case",
    "lower case",
    "substring before",
    "substring after",
    "starts with",
    "ends with",
    "list contains",
    "insert before",
    "index of",
    "distinct values",
    "get entries",
    "get value",
    "is defined",
    "day of year",
    "day of week",
    "month of year",
    "week of year",
)
#: Java's line terminators, where ``.`` stops matching.
_JAVA_LINE_END: Final = re.compile(r"[\n\r\x85\u2028\u2029]")
_PARAMETER_NAMES: Final = ("start position", "grouping separator", "decimal separator")
_TEMPORAL_FUNCTIONS: Final = ("date", "time", "date and time", "duration")
_COMPARISONS: Final = ("<=", ">=", "<", ">", "!=", "=")


class _TooDeep(Exception):
    """Raised when the input nests deeper than MAX_NESTING."""


def parse(text: str) -> ast.Node:
    """Parse ``text`` (without the leading ``=``) into a syntax tree, or raise FeelSyntaxError.

    As 1.12's ``FeelEngine.parseExpression`` does, a tree holding an external Java function is
    then refused with its validator's text (:class:`FeelValidationError`).
    """
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise FeelSyntaxError(text, f"[1.1] failure: expression longer than {MAX_EXPRESSION_LENGTH} characters")
    parser = _FeelParser(text)
    try:
        with _HEADROOM:
            result = parser.phrase()
    except (_TooDeep, RecursionError):
        raise FeelSyntaxError(text, f"[1.1] failure: expression nested deeper than {MAX_NESTING} levels") from None
    if type(result) is NoSuccess:
        raise FeelSyntaxError(text, parser.report(result))
    if parser.external and any(isinstance(node, ast.ExternalFunction) for node in ast.walk(result[0])):
        raise FeelValidationError(text, _EXTERNAL_FUNCTIONS_DISABLED)
    tree: ast.Node = result[0]
    return tree


class _RecursionHeadroom:
    """Raises Python's recursion limit while any thread parses, and restores it after the last.

    The parser recurses some 33 frames per nesting level, more than the default limit allows at
    MAX_NESTING. Since Python 3.11 pure-Python recursion does not grow the C stack, so a higher
    limit is safe; parses in several threads share one raise.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._saved = 0

    def __enter__(self) -> None:
        with self._lock:
            if self._active == 0:
                self._saved = sys.getrecursionlimit()
                sys.setrecursionlimit(self._saved + MAX_NESTING * _FRAMES_PER_LEVEL)
            self._active += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._active -= 1
            if self._active == 0:
                sys.setrecursionlimit(self._saved)


_HEADROOM: Final = _RecursionHeadroom()


def _path(names: Sequence[str]) -> ast.Node:
    """1.12's ``Ref(a :: b :: c)``: a variable and the path below it."""
    node: ast.Node = ast.Name(names[0])
    for key in names[1:]:
        node = ast.Path(node, key)
    return node


def _logic(operator: str, left: ast.Node, right: ast.Node) -> ast.Node:
    return ast.Logic(operator, left, right)


def _mapped(result: Result, build: Callable[[Any], object]) -> Result:
    """``p ^^ build``."""
    return result if type(result) is NoSuccess else (build(result[0]), result[1])


class _FeelParser(Parsers):
    """One parse of one text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.external = False  # whether an external function was parsed
        self._parentheses: tuple[list[int], list[int], list[int]] | None = None
        # The alternatives of each choice in 1.12's order; a nested choice stays nested, since an
        # error ends only the choice it occurs in. Guards skip alternatives that cannot start.
        guarded = self.guarded
        self._textual = (
            guarded("f", self.function_definition, "function"),
            guarded("f", self.for_expression, "for"),
            guarded("i", self.if_expression, "if"),
            guarded("se", self.quantified, "every"),
            self.disjunction,
        )
        self._comparisons = (self.simple_comparison, self.between, self.in_tests, self.in_test, self.no_comparison)
        # A built-in name, or a `t`, where not(dateTimeLiteral) may fail first.
        builtin_leads = "".join({name[0] for name in _BUILTIN_NAMES}) + "t"
        self._invocations = (
            self.function_invocation,
            guarded(builtin_leads, self.builtin_invocation, _BUILTIN_NAMES[-1]),
            self.filtered,
        )
        self._parameter_lists = (
            lambda p: _mapped(self.sequence(p, ("(", ")")), lambda _: ((), None)),
            self.some_parameters,
        )
        self._argument_kinds = (
            lambda p: self.rep1sep(self.named_parameter, p),
            lambda p: self.rep1sep(self.expression, p),
        )
        self._parameter_names: tuple[Rule, ...] = (lambda p: self.words(p, _PARAMETER_NAMES), self.name)
        self._lists: tuple[Rule, ...] = (
            lambda p: _mapped(self.sequence(p, ("[", "]")), lambda _: ast.ListLit(())),
            self.items_list,
        )
        self._boxed: tuple[Rule, ...] = (lambda p: self.first(p, self._lists), self.function_definition, self.context)
        self._primaries = (
            self.reference,
            guarded('ntfd"-.0123456789', self.literal, _NUMBER_SHOWN, regex=True),
            guarded("?", self.input_value, "?"),
            self.unary_test_on_input,
            guarded("(", lambda p: _mapped(self.sequence(p, ("(", self.expression, ")")), lambda v: v[1]), "("),
            guarded("[f{", lambda p: self.first(p, self._boxed), "{"),
        )
        self._literals = (lambda p: _mapped(self.lit("null", p), lambda _: ast.Const(None)), self.simple_literal)
        self._simple_literals = (
            lambda p: _mapped(self.words(p, ("true", "false")), lambda word: ast.Const(word == "true")),
            self.temporal_literal,
            lambda p: _mapped(self.string(p), ast.Const),
            lambda p: _mapped(self.regex(_NUMBER, _NUMBER_SHOWN, p), lambda text: ast.Const(Decimal(text))),
        )
        self._temporals: tuple[Rule, ...] = (
            *(partial(self.temporal, function=name) for name in _TEMPORAL_FUNCTIONS),
            self.no_temporal,
        )
        self._names = (self.escaped_name, lambda p: self.lit("time offset", p), self.identifier)
        self._positive_unary_tests = (
            lambda p: _mapped(self.lit("null", p), lambda _: ast.UnaryTest("=", ast.Const(None))),
            self.simple_positive_unary_test,
            lambda p: _mapped(self.expression(p), lambda node: ast.UnaryTest("expr", node)),
        )
        self._simple_positive_unary_tests: tuple[Rule, ...] = (
            *(partial(self.compare_input, operator=operator) for operator in ("<", "<=", ">", ">=")),
            self.interval,
            lambda p: _mapped(self.simple_value(p), lambda node: ast.UnaryTest("=", node)),
        )
        self._endpoints = (self.simple_value, self.expression)
        self._simple_values = (self.simple_literal, self.value_name, self.input_value)
        self._function_bodies = (self.external_function, self.expression)
        self._keys = (self.name, self.string)
        self._iterator_sources = (self.range, self.expression)

    def phrase(self) -> Result:
        """``parseAll(expression, text)``: the expression, then only whitespace."""
        result = self.expression(0)
        if type(result) is NoSuccess:
            return result
        end = self.skip(result[1])
        return result if end == self.end else NoSuccess("end of input expected", end)

    # --- expressions (2) -----------------------------------------------------------------------

    def expression(self, position: int) -> Result:
        """2a textualExpression: function | for | if | quantified | disjunction."""
        return self.memoised(self._textual_expression, position)

    def _textual_expression(self, position: int) -> Result:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _TooDeep
        try:
            return self.first(position, self._textual)
        finally:
            self.depth -= 1

    def disjunction(self, position: int) -> Result:
        """49: ``chainl1(expression3, "or")``."""
        return self.chainl1(self.conjunction, ("or",), _logic, position)

    def conjunction(self, position: int) -> Result:
        """50: ``chainl1(expression4, "and")``."""
        return self.chainl1(self.comparison, ("and",), _logic, position)

    def comparison(self, position: int) -> Result:
        """2d: ``expression5 >> optionalComparison`` (51)."""
        left = self.arithmetic(position)
        if type(left) is NoSuccess:
            return left
        start = self.skip(left[1])
        if start == self.end or self.text[start] not in "<>!=bi":
            return left  # each comparison fails at its first literal: success(x)
        return self.first(left[1], self._comparisons, left[0])

    def simple_comparison(self, position: int, value: ast.Node) -> Result:
        """``("<=" | ">=" | "<" | ">" | "!=" | "=") ~! expression5``."""
        result = self.sequence(position, (_COMPARISONS, CUT, self.arithmetic))
        return _mapped(result, lambda v: ast.Compare(v[0], value, v[1]))

    def between(self, position: int, value: ast.Node) -> Result:
        """``"between" ~! expression5 ~! "and" ~! expression5``."""
        result = self.sequence(position, ("between", CUT, self.arithmetic, "and", self.arithmetic))
        return _mapped(result, lambda v: ast.Between(value, v[1], v[3]))

    def in_tests(self, position: int, value: ast.Node) -> Result:
        """``"in" ~ "(" ~! positiveUnaryTests <~ ")"``."""
        tests = partial(self.rep1sep, self.positive_unary_test)
        result = self.sequence(position, ("in", "(", CUT, tests, PLAIN, ")"))
        return _mapped(result, lambda v: ast.In(value, tuple(v[2])))

    def in_test(self, position: int, value: ast.Node) -> Result:
        """``"in" ~! positiveUnaryTest``."""
        result = self.sequence(position, ("in", CUT, self.positive_unary_test))
        return _mapped(result, lambda v: ast.In(value, (v[1],)))

    @staticmethod
    def no_comparison(position: int, value: ast.Node) -> Result:
        """``success(x)``."""
        return (value, position)

    # --- arithmetic (4) ------------------------------------------------------------------------

    def arithmetic(self, position: int) -> Result:
        """4a (expression5): ``chainl1(arithmeticExpression2, "+" | "-")``."""
        return self.chainl1(self.arithmetic2, ("+", "-"), ast.Arith, position)

    def arithmetic2(self, position: int) -> Result:
        return self.chainl1(self.arithmetic3, ("*", "/"), ast.Arith, position)

    def arithmetic3(self, position: int) -> Result:
        return self.chainl1(self.arithmetic4, ("**",), ast.Arith, position)

    def arithmetic4(self, position: int) -> Result:
        """4d: ``opt("-") ~ expression6`` (one minus only)."""
        minus = self.lit("-", position)
        if type(minus) is NoSuccess:
            return self.instance_of(position)
        return _mapped(self.instance_of(minus[1]), ast.Negate)

    def instance_of(self, position: int) -> Result:
        """2f (expression6): ``expression7`` then ``opt("instance" ~ "of" ~! typeName)``."""
        result = self.path_expression(position)
        if type(result) is NoSuccess:
            return result
        value, position = result
        type_name = self.sequence(position, ("instance", "of", CUT, self.qualified_name))
        if type(type_name) is NoSuccess:
            return type_name if type_name.error else result
        return (ast.InstanceOf(value, ".".join(type_name[0][2])), type_name[1])

    # --- paths, filters, calls (40-45, 52) -----------------------------------------------------

    def path_expression(self, position: int) -> Result:
        """45 (expression7): ``chainl1(expression8, name, ".") ~ opt("[" ~> expression <~ "]")``."""
        return self.memoised(self._path_expression, position)

    def _path_expression(self, position: int) -> Result:
        result = self.first(position, self._invocations)
        if type(result) is NoSuccess:
            return result
        node, position = result
        while type(key := self.sequence(position, (".", self.name))) is not NoSuccess:
            node, position = ast.Path(node, key[0][1]), key[1]
        condition = self.sequence(position, ("[", self.expression, "]"))
        if type(condition) is NoSuccess:
            return condition if condition.error else (node, position)
        return (ast.Filter(node, condition[0][1]), condition[1])

    def filtered(self, position: int) -> Result:
        """52: ``expression9 ~ opt("[" ~! expression <~ "]")``."""
        result = self.primary(position)
        if type(result) is NoSuccess:
            return result
        condition = self.sequence(result[1], ("[", CUT, self.expression, PLAIN, "]"))
        if type(condition) is NoSuccess:
            return condition if condition.error else result
        return (ast.Filter(result[0], condition[0][1]), condition[1])

    def function_invocation(self, position: int) -> Result:
        """40: ``not(dateTimeLiteral) ~> qualifiedName ~ parameters``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        result = self.sequence(position, (self.qualified_name, self.parameters))
        if type(result) is NoSuccess:
            return result
        (*path, name), arguments = result[0]
        return (ast.Call(_path(path) if path else None, name, *arguments), result[1])

    def builtin_invocation(self, position: int) -> Result:
        """``not(dateTimeLiteral) ~> builtinFunctionName ~ parameters``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        result = self.sequence(position, (_BUILTIN_NAMES, self.parameters))
        return _mapped(result, lambda v: ast.Call(None, v[0], *v[1]))

    def parameters(self, position: int) -> Result:
        """41: ``"(" ~> ")" | "(" ~> (namedParameters | positionalParameters) <~ ")"``."""
        return self.first(position, self._parameter_lists)

    def some_parameters(self, position: int) -> Result:
        result = self.sequence(position, ("(", lambda p: self.first(p, self._argument_kinds), ")"))
        if type(result) is NoSuccess:
            return result
        values = result[0][1]
        if type(values[0]) is tuple:  # named: a map, so a repeated name keeps its last value
            return (((), tuple(dict(values).items())), result[1])
        return ((tuple(values), None), result[1])

    def named_parameter(self, position: int) -> Result:
        """42: ``parameterName ~ ":" ~! expression``, the name 43: a built-in one or a name."""
        name = partial(self.first, alternatives=self._parameter_names)
        result = self.sequence(position, (name, ":", CUT, self.expression))
        return _mapped(result, lambda v: (v[0], v[2]))

    # --- primaries (2i) and literals (33-37, 62) -----------------------------------------------

    def primary(self, position: int) -> Result:
        """2i (expression9): name | literal | "?" | simplePositiveUnaryTest | "(" e ")" | boxed."""
        return self.memoised(self._primary, position)

    def _primary(self, position: int) -> Result:
        return self.first(position, self._primaries)

    def reference(self, position: int) -> Result:
        """``not(dateTimeLiteral) ~> name ^^ Ref``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        return _mapped(self.name(position), ast.Name)

    def input_value(self, position: int) -> Result:
        """``"?" ^^^ ConstInputValue``: the tested value, which Zeebe never sets."""
        return _mapped(self.lit("?", position), lambda _: ast.Name("cellInput"))

    def unary_test_on_input(self, position: int) -> Result:
        """A simple positive unary test standing alone tests the input value ``?``."""
        result = self.simple_positive_unary_test(position)
        if type(result) is NoSuccess:
            return result
        test: ast.UnaryTest = result[0]
        node = test.operand if test.op == "interval" else ast.In(ast.Name("cellInput"), (test,))
        return (node, result[1])

    def literal(self, position: int) -> Result:
        """33: ``"null" | simpleLiteral``."""
        return self.first(position, self._literals)

    def simple_literal(self, position: int) -> Result:
        """34: ``booleanLiteral | dateTimeLiteral | stringLiteraL | numericLiteral`` (37)."""
        return self.first(position, self._simple_literals)

    def string(self, position: int) -> Result:
        """``stringLiteralWithQuotes``: no escape processing, the quotes removed."""
        return _mapped(self.regex(_STRING, _STRING_SHOWN, position), lambda text: text.replace('"', ""))

    def temporal_literal(self, position: int) -> Result:
        """62: ``date("…")``, ``time("…")``, ``date and time("…")``, ``duration("…")``, folded at
        parse time in 1.12; here a call of that built-in. Tried up to four times per operand."""
        return self.memoised(self._temporal_literal, position)

    def _temporal_literal(self, position: int) -> Result:
        start = self.skip(position)
        if start < self.end and self.text[start] in "dt":
            return self.first(position, self._temporals)
        # Each literal fails after the whitespace, failure(...) where the whitespace starts.
        return NoSuccess("expected date time literal", position) if start == position else self.lit("duration", start)

    def temporal(self, position: int, function: str) -> Result:
        result = self.sequence(position, (function, "(", self.string, ")"))
        return _mapped(result, lambda v: ast.Call(None, function, (ast.Const(v[2]),), None))

    @staticmethod
    def no_temporal(position: int) -> Result:
        """``failure("expected date time literal")``."""
        return NoSuccess("expected date time literal", position)

    # --- names (20, 27) ------------------------------------------------------------------------

    def qualified_name(self, position: int) -> Result:
        """20: ``rep1sep(name, ".")``."""
        return self.rep1sep(self.name, position, ".")

    def name(self, position: int) -> Result:
        """27: ``escapedIdentifier | "time offset" | identifier`` (tried several times per operand)."""
        return self.memoised(self._name, position)

    def _name(self, position: int) -> Result:
        return self.first(position, self._names)

    def escaped_name(self, position: int) -> Result:
        """``"`" ~> regex <~ "`"``: the regex skips whitespace too; escapes stay as written."""
        escaped = partial(self.regex, _ESCAPED_NAME, _ESCAPED_NAME_SHOWN)
        return _mapped(self.sequence(position, ("`", escaped, "`")), lambda v: v[1])

    def identifier(self, position: int) -> Result:
        """``not(reservedWord) ~> ident``: a Java identifier that is not a reserved word.

        ``reservedWord`` is ``null\\b | true\\b | ...``; Java's ``\\b`` sees fewer word characters
        than an identifier may hold, so ``null$x`` starts with a reserved word.
        """
        result = self.ident(position)
        if type(result) is NoSuccess or not result[0].startswith(_RESERVED):
            return result
        start = result[1] - len(result[0])
        for word in _RESERVED:
            after = start + len(word)
            if self.text.startswith(word, start) and (after == self.end or not java_word_char(self.text[after])):
                return NoSuccess("Expected failure", position)
        return result

    # --- unary tests (7, 8, 15, 18, 19) --------------------------------------------------------

    def positive_unary_test(self, position: int) -> Result:
        """15: ``"null" | simplePositiveUnaryTest | expression``."""
        return self.first(position, self._positive_unary_tests)

    def simple_positive_unary_test(self, position: int) -> Result:
        """7: ``< e``, ``<= e``, ``> e``, ``>= e``, an interval, or a simple value (equality)."""
        return self.first(position, self._simple_positive_unary_tests)

    def compare_input(self, position: int, operator: str) -> Result:
        """``"<" ~> endpoint`` and the like."""
        return _mapped(self.sequence(position, (operator, self.endpoint)), lambda v: ast.UnaryTest(operator, v[1]))

    def interval(self, position: int) -> Result:
        """8: ``("(" | "]" | "[") ~ endpoint ~ ".." ~! endpoint ~! (")" | "[" | "]")``."""
        result = self.sequence(position, (("(", "]", "["), self.endpoint, "..", CUT, self.endpoint, (")", "[", "]")))
        return _mapped(result, lambda v: ast.UnaryTest("interval", ast.Interval(v[0] != "[", v[1], v[3], v[4] != "]")))

    def endpoint(self, position: int) -> Result:
        """18: ``simpleValue | expression``."""
        return self.first(position, self._endpoints)

    def simple_value(self, position: int) -> Result:
        r"""19: ``simpleLiteral | not(".+\(.*\)") ~> qualifiedName ^^ Ref | "?"``."""
        return self.first(position, self._simple_values)

    def value_name(self, position: int) -> Result:
        r"""``not(".+\(.*\)") ~> qualifiedName``: refused where a call follows on the same line."""
        if self._call_ahead(self.skip(position)):
            return NoSuccess("Expected failure", position)
        return _mapped(self.qualified_name(position), _path)

    def _call_ahead(self, start: int) -> bool:
        r"""Whether the Java pattern ``.+\(.*\)`` matches at ``start``: a ``(`` after the first
        character, then a ``)``, before Java's next line terminator (where ``.`` stops)."""
        if self._parentheses is None:
            text = self.text
            self._parentheses = (
                [match.start() for match in _JAVA_LINE_END.finditer(text)],
                [index for index, char in enumerate(text) if char == "("],
                [index for index, char in enumerate(text) if char == ")"],
            )
        line_ends, openings, closings = self._parentheses
        later = bisect_right(line_ends, start - 1)
        line_end = line_ends[later] if later < len(line_ends) else self.end
        opening = bisect_right(openings, start)
        if opening == len(openings) or openings[opening] >= line_end:
            return False
        closing = bisect_right(closings, line_end - 1) - 1
        return closing >= 0 and closings[closing] > openings[opening]

    # --- boxed expressions (56-61) -------------------------------------------------------------

    def items_list(self, position: int) -> Result:
        """56: ``"[" ~> rep1sep(expression7, ",") <~ "]"``: items are paths, not any expression."""
        items = partial(self.rep1sep, self.path_expression)
        return _mapped(self.sequence(position, ("[", items, "]")), lambda v: ast.ListLit(tuple(v[1])))

    def function_definition(self, position: int) -> Result:
        """57: ``"function" ~ "(" ~> repsep(formalParameter, ",") ~! ")" ~! (external | expression)``."""
        parameters = partial(self.repsep, partial(self.first, alternatives=self._parameter_names))
        body = partial(self.first, alternatives=self._function_bodies)
        result = self.sequence(position, ("function", "(", parameters, CUT, ")", body))
        return _mapped(result, lambda v: ast.FunctionDef(tuple(v[2]), v[4]))

    def external_function(self, position: int) -> Result:
        """``external {java: {class: "…", method signature: "m(a.B)"}}``, parsed only to be refused."""
        arguments = partial(self.repsep, self.qualified_name)
        result = self.sequence(
            position,
            (
                *("external", "{", "java", ":", "{", "class", CUT, ":", PLAIN, self.string, ",", "method signature"),
                *(CUT, ":", '"', PLAIN, self.name, CUT, "(", arguments, PLAIN, ")", CUT, '"', PLAIN, "}", "}"),
            ),
        )
        if type(result) is not NoSuccess:
            self.external = True
        return _mapped(result, lambda _: ast.ExternalFunction())

    def context(self, position: int) -> Result:
        """59: ``"{" ~> repsep(contextEntry, ",") <~ "}"``."""
        entries = partial(self.repsep, self.context_entry)
        return _mapped(self.sequence(position, ("{", entries, "}")), lambda v: ast.ContextLit(tuple(v[1])))

    def context_entry(self, position: int) -> Result:
        """60, 61: ``key ~ ":" ~! expression``, the key a name or a string."""
        key = partial(self.first, alternatives=self._keys)
        return _mapped(self.sequence(position, (key, ":", CUT, self.expression)), lambda v: (v[0], v[2]))

    # --- for, if, some/every (46-48) -----------------------------------------------------------

    def for_expression(self, position: int) -> Result:
        """46: ``"for" ~> rep1sep(listIterator, ",") ~! "return" ~! expression``."""
        iterators = partial(self.rep1sep, self.iterator)
        result = self.sequence(position, ("for", iterators, CUT, "return", self.expression))
        return _mapped(result, lambda v: ast.Iteration("for", tuple(v[1]), v[3]))

    def iterator(self, position: int) -> Result:
        """``name ~ "in" ~! (range | expression)``, the range ``expression ~ ".." ~ expression``."""
        source = partial(self.first, alternatives=self._iterator_sources)
        return _mapped(self.sequence(position, (self.name, "in", CUT, source)), lambda v: (v[0], v[2]))

    def range(self, position: int) -> Result:
        result = self.sequence(position, (self.expression, "..", self.expression))
        return _mapped(result, lambda v: ast.Range(v[0], v[2]))

    def if_expression(self, position: int) -> Result:
        """47: ``"if" ~> expression ~ "then" ~! expression ~ "else" ~! expression``; after ``~!``
        the sequence is a ``OnceParser``, so a missing ``else`` is an error too."""
        result = self.sequence(position, ("if", self.expression, "then", CUT, self.expression, "else", self.expression))
        return _mapped(result, lambda v: ast.If(v[1], v[3], v[5]))

    def quantified(self, position: int) -> Result:
        """48: ``("some" | "every") ~ rep1sep(listIterator, ",") ~ "satisfies" ~! expression``."""
        iterators = partial(self.rep1sep, self.iterator)
        result = self.sequence(position, (("some", "every"), iterators, "satisfies", CUT, self.expression))
        return _mapped(result, lambda v: ast.Iteration(v[0], tuple(v[1]), v[3]))
