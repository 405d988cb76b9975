"""FEEL evaluation throughput: pre-compiled expressions evaluated per second.

Run from the repository root:  python benchmarks/bench_feel.py [--seconds S]

Measured in the same run on the same machine:
- baseline: a plain Python ``lambda v: v["x"] > 5`` (as a def; the floor any evaluator
  pays for a call);
- ``x > 5`` compiled once, evaluated with full feel-scala 1.12 null/error semantics, through the
  public ``CompiledExpression.evaluate`` (what the engine calls for a gateway condition), and
  through the typed layer ``evaluate_boolean``;
- a 10-entry context literal, the shape Zeebe compiles a task's input mappings into;
- parsing + compiling ``x > 5`` (deployment cost, for comparison).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable

from pytest_zeebe.feel import compile_expression, evaluate_boolean
from pytest_zeebe.feel.api import compile_expression as cached_compile

VARIABLES: dict[str, object] = {
    "x": 7,
    "orderId": "A-1",
    "amount": 120.5,
    "customer": {"name": "Paul", "tier": "gold", "address": {"city": "Berlin"}},
    "items": [{"sku": "a", "price": 5}, {"sku": "b", "price": 20}],
    "express": True,
}

MAPPINGS = (
    "{orderId: orderId, total: amount, name: customer.name, tier: customer.tier, "
    "city: customer.address.city, firstSku: items[1].sku, count: 2, express: express, "
    'priority: if express then 1 else 5, label: "order-" + orderId}'
)


def rate(label: str, seconds: float, call: Callable[[], object]) -> float:
    """Calls per second of ``call``: best of three runs of about ``seconds`` / 3 each."""
    batch = 1000
    best = 0.0
    for _ in range(3):
        done = 0
        started = time.perf_counter()
        deadline = started + seconds / 3
        while time.perf_counter() < deadline:
            for _ in range(batch):
                call()
            done += batch
        best = max(best, done / (time.perf_counter() - started))
    print(f"{label:<52} {best:>12,.0f} /s")
    return best


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"nproc={os.cpu_count()}, CPU={model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    seconds = parser.parse_args().seconds

    print(machine())
    greater = compile_expression("x > 5")
    context = compile_expression(MAPPINGS)
    assert greater.evaluate(VARIABLES) is True
    assert len(context.evaluate(VARIABLES)) == 10  # type: ignore[arg-type]

    def baseline(v: dict[str, object]) -> bool:
        return v["x"] > 5  # type: ignore[operator]

    rate('baseline: lambda v: v["x"] > 5', seconds, lambda: baseline(VARIABLES))
    rate("FEEL x > 5 (CompiledExpression.evaluate)", seconds, lambda: greater.evaluate(VARIABLES))
    rate("FEEL x > 5 (evaluate_boolean)", seconds, lambda: evaluate_boolean(greater, VARIABLES))
    rate("FEEL 10-mapping context literal", seconds, lambda: context.evaluate(VARIABLES))

    def compile_uncached() -> object:
        cached_compile.cache_clear()
        return compile_expression("x > 5")

    rate("parse + compile x > 5 (uncached)", seconds, compile_uncached)


if __name__ == "__main__":
    main()
