"""Parsers are reused between parses (parser.py keeps idle ones): no parse may see another's state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pytest_zeebe.feel import FeelSyntaxError
from pytest_zeebe.feel.parser import MAX_NESTING, parse

TEXTS = [
    "x > 5",
    "if a then b else c",
    "{a: 1, b: [1, 2, 3][item > 1]}",
    "x >",  # a syntax error
    "(" * (MAX_NESTING + 5) + "1" + ")" * (MAX_NESTING + 5),  # too deep: the parse is abandoned midway
    'date("2020-01-01") + duration("P1D")',
    "some x in [1, 2] satisfies x > 1",
    "f(a: 1) between 1 and 3",
]


def _outcome(text: str) -> str:
    try:
        return repr(parse(text))
    except FeelSyntaxError as error:
        return f"error: {error}"


def test_a_parse_after_any_other_gives_what_a_first_parse_gives() -> None:
    alone = {text: _outcome(text) for text in TEXTS}
    for before in TEXTS:
        for text in TEXTS:
            _outcome(before)
            assert _outcome(text) == alone[text], (before, text)


def test_parses_in_several_threads_never_share_a_parser() -> None:
    alone = {text: _outcome(text) for text in TEXTS}
    texts = TEXTS * 40
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(_outcome, texts))
    assert outcomes == [alone[text] for text in texts]
