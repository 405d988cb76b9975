"""Text -> :mod:`.ast`: the lark LALR parser and feel-scala-shaped syntax errors.

The parser is built once at import. A transformer runs inline with the LALR parser, so building the
tree is not recursive (deep input cannot overflow the stack here; :mod:`.compiler` caps nesting).
Syntax errors are reported in the shape of Scala's parser combinators, which Zeebe puts into its
deployment rejection: ``[<line>.<col>] failure: <reason>`` followed by the line and a caret.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from . import ast
from .errors import FeelSyntaxError

#: Longer input is refused before parsing, so that no expression takes long to parse.
MAX_EXPRESSION_LENGTH = 100_000

#: Type names ``instance of`` accepts as multi-word spellings, mapped to feel-scala's names.
_TYPE_ALIASES = {
    "date time": "date time",
    "year-month-duration": "year-month-duration",
    "years and months duration": "year-month-duration",
    "day-time-duration": "day-time-duration",
    "days and time duration": "day-time-duration",
}


def _name(tree_or_token: Any) -> str:
    """The text of a ``name`` (backticks removed; their content is taken literally, as 1.12 does)."""
    token = tree_or_token.children[0] if not isinstance(tree_or_token, Token) else tree_or_token
    text = str(token)
    if token.type == "BACKTICK_NAME":
        return text[1:-1]
    return text


def _present(items: tuple[Any, ...]) -> list[Any]:
    """Drop the ``None`` placeholders lark puts in for an empty optional list."""
    return [item for item in items if item is not None]


@v_args(inline=True)
class _ToAst(Transformer[Token, ast.Node]):
    """Builds :mod:`.ast` nodes; each method is one grammar alternative (see ``grammar.lark``)."""

    def number(self, token: Token) -> ast.Node:
        return ast.Const(Decimal(str(token)))

    def string(self, token: Token) -> ast.Node:
        return ast.Const(str(token)[1:-1])

    def true(self) -> ast.Node:
        return ast.Const(True)

    def false(self) -> ast.Node:
        return ast.Const(False)

    def null(self) -> ast.Node:
        return ast.Const(None)

    def input(self) -> ast.Node:
        return ast.Name("cellInput")

    def ref(self, name: Any) -> ast.Node:
        return ast.Name(_name(name))

    def paren(self, inner: ast.Node) -> ast.Node:
        return ast.Paren(inner)

    def path(self, base: ast.Node, name: Any) -> ast.Node:
        return ast.Path(base, _name(name))

    def filter(self, base: ast.Node, condition: ast.Node) -> ast.Node:
        return ast.Filter(base, condition)

    def call(self, name: Token, arguments: Any) -> ast.Node:
        return ast.Call(None, str(name), *arguments)

    def qualified_call(self, base: ast.Node, name: Any, arguments: Any) -> ast.Node:
        return ast.Call(base, _name(name), *arguments)

    def positional(self, *args: ast.Node | None) -> Any:
        return (tuple(_present(args)), None)

    def named(self, *args: tuple[str, ast.Node]) -> Any:
        return ((), tuple(args))

    def named_argument(self, name: Any, value: ast.Node) -> Any:
        return (_name(name), value)

    def entry(self, key: Any, value: ast.Node) -> Any:
        if isinstance(key, Token) and key.type == "STRING":
            return (str(key)[1:-1], value)
        return (_name(key), value)

    def list(self, *items: ast.Node | None) -> ast.Node:
        return ast.ListLit(tuple(_present(items)))

    def context(self, *entries: Any) -> ast.Node:
        return ast.ContextLit(tuple(_present(entries)))

    def interval_oo(self, start: ast.Node, end: ast.Node) -> ast.Node:
        return ast.Interval(True, start, end, True)

    def interval_oc(self, start: ast.Node, end: ast.Node) -> ast.Node:
        return ast.Interval(True, start, end, False)

    def interval_co(self, start: ast.Node, end: ast.Node) -> ast.Node:
        return ast.Interval(False, start, end, True)

    def interval_cc(self, start: ast.Node, end: ast.Node) -> ast.Node:
        return ast.Interval(False, start, end, False)

    def add(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Arith("+", left, right)

    def sub(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Arith("-", left, right)

    def mul(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Arith("*", left, right)

    def div(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Arith("/", left, right)

    def pow(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Arith("**", left, right)

    def neg(self, operand: ast.Node) -> ast.Node:
        return ast.Negate(operand)

    def instance_of(self, value: ast.Node, type_name: str) -> ast.Node:
        return ast.InstanceOf(value, type_name)

    def type_name(self, *tokens: Token) -> str:
        text = ".".join(str(token) for token in tokens)
        return _TYPE_ALIASES.get(text, text)

    def null_type(self) -> str:
        return "null"

    def compare(self, left: ast.Node, op: Token, right: ast.Node) -> ast.Node:
        return ast.Compare(str(op), left, right)

    def between(self, value: ast.Node, low: ast.Node, high: ast.Node) -> ast.Node:
        return ast.Between(value, low, high)

    def in_one(self, value: ast.Node, test: ast.UnaryTest) -> ast.Node:
        return ast.In(value, (test,))

    def in_many(self, value: ast.Node, *tests: ast.UnaryTest) -> ast.Node:
        return ast.In(value, tests)

    def in_paren_compare(self, value: ast.Node, op: Token, operand: ast.Node) -> ast.Node:
        return ast.In(value, (self.unary_compare(op, operand),))

    def unary_compare(self, op: Token, operand: ast.Node) -> ast.UnaryTest:
        return ast.UnaryTest("=" if str(op) == "=" else str(op), operand)

    def unary_value(self, operand: ast.Node) -> ast.UnaryTest:
        if isinstance(operand, ast.Interval):
            return ast.UnaryTest("interval", operand)
        if _is_simple_value(operand):
            return ast.UnaryTest("=", operand)
        return ast.UnaryTest("expr", operand)

    def and_expr(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Logic("and", left, right)

    def or_expr(self, left: ast.Node, right: ast.Node) -> ast.Node:
        return ast.Logic("or", left, right)

    def if_expr(self, condition: ast.Node, then: ast.Node, otherwise: ast.Node) -> ast.Node:
        return ast.If(condition, then, otherwise)

    def iterators(self, *iterators: tuple[str, ast.Node]) -> tuple[tuple[str, ast.Node], ...]:
        return iterators

    def iterator(self, name: Any, source: ast.Node) -> tuple[str, ast.Node]:
        return (_name(name), source)

    def range_iterator(self, name: Any, start: ast.Node, end: ast.Node) -> tuple[str, ast.Node]:
        return (_name(name), ast.Range(start, end))

    def for_expr(self, iterators: tuple[tuple[str, ast.Node], ...], body: ast.Node) -> ast.Node:
        return ast.Iteration("for", iterators, body)

    def quantified(self, kind: Token, iterators: tuple[tuple[str, ast.Node], ...], body: ast.Node) -> ast.Node:
        return ast.Iteration(str(kind), iterators, body)

    def function_def(self, *children: Any) -> ast.Node:
        *params, body = children
        return ast.FunctionDef(tuple(_name(p) for p in params if p is not None), body)


def _is_simple_value(node: ast.Node) -> bool:
    """feel-scala's ``simpleValue``: a literal or a qualified name, tested by equality."""
    while isinstance(node, ast.Paren):
        node = node.inner
    if isinstance(node, ast.Const):
        return node.value is not None
    if isinstance(node, ast.Negate):
        return isinstance(node.operand, ast.Const) and isinstance(node.operand.value, Decimal)
    while isinstance(node, ast.Path):
        node = node.base
    return isinstance(node, ast.Name)


_PARSER = Lark.open(
    "grammar.lark",
    rel_to=__file__,
    parser="lalr",
    # The contextual lexer lets words such as `and` be names where no operator can follow.
    lexer="contextual",
    # Inline transformation: no parse tree is built and no recursion happens.
    transformer=_ToAst(),
    maybe_placeholders=True,
)


def parse(text: str) -> ast.Node:
    """Parse ``text`` (without the leading ``=``) into a syntax tree, or raise FeelSyntaxError."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise FeelSyntaxError(text, f"[1.1] failure: expression longer than {MAX_EXPRESSION_LENGTH} characters")
    try:
        result: ast.Node = _PARSER.parse(text)  # type: ignore[assignment]
    except UnexpectedInput as error:
        raise FeelSyntaxError(text, _describe(text, error)) from None
    except RecursionError:
        raise FeelSyntaxError(text, "[1.1] failure: expression nested too deeply") from None
    return result


def _describe(text: str, error: UnexpectedInput) -> str:
    """Scala parser-combinator style: ``[line.col] failure: reason``, the line, a caret."""
    wanted = _wanted(error)
    if isinstance(error, UnexpectedEOF) or (isinstance(error, UnexpectedToken) and error.token.type == "$END"):
        line, column = _end_position(text)
        reason = "unexpected end of input" if wanted is None else f"'{wanted}' expected but end of source found"
    else:
        line, column = error.line, error.column
        found = text[_offset(text, line, column)]
        if _parses(text[: _offset(text, line, column)]):
            reason = "end of input expected"
        elif wanted is not None:
            reason = f"'{wanted}' expected but '{found}' found"
        else:
            reason = f"'{found}' unexpected"
    line_text = text.split("\n")[line - 1] if text else ""
    caret = "".join(c if c == "\t" else " " for c in line_text[: column - 1]) + "^"
    return f"[{line}.{column}] failure: {reason}\n\n{line_text}\n{caret}"


#: Where an operand must start, the last alternative 1.12's parser tries is a context literal, so
#: it reports ``'{' expected but '!' found`` (Zeebe 0.26's ``TimerValidationTest`` expects this text
#: for ``!``). After a complete operand it reports the closing bracket or keyword it tried last.
_OPERAND_START = "LBRACE"
_CLOSERS = {
    "RSQB": "]",  # before ")": an interval end ``[1..2`` tries "]" last
    "RPAR": ")",
    "RBRACE": "}",
    "THEN": "then",
    "ELSE": "else",
    "RETURN": "return",
    "SATISFIES": "satisfies",
    "COLON": ":",
    "IN": "in",  # only ever alone after ``for i`` / ``some i``: elsewhere a closer comes first
}


def _wanted(error: UnexpectedInput) -> str | None:
    """The literal 1.12 would name in ``'<x>' expected but ... found``, when it is clear which."""
    interactive = getattr(error, "interactive_parser", None)
    if interactive is not None:
        expected = set(interactive.accepts())
    else:
        expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
    if _OPERAND_START in expected:
        return "{"
    for terminal, literal in _CLOSERS.items():
        if terminal in expected:
            return literal
    return None


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def _parses(prefix: str) -> bool:
    """Whether ``prefix`` is a complete expression (then the rest is 'end of input expected')."""
    if not prefix.strip():
        return False
    try:
        _PARSER.parse(prefix)
    except (UnexpectedInput, RecursionError):
        return False
    return True
