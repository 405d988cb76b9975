"""Deploy-time transformation, cached by content so an applier never parses a resource twice."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from pytest_zeebe.engine.clock import DEFAULT_START
from pytest_zeebe.feel import FeelEnv, FixedClock
from pytest_zeebe.model import ResourceKind, TransformedResource, transform_resource

_CACHE_SIZE = 256
_cache: OrderedDict[tuple[bytes, ResourceKind], TransformedResource] = OrderedDict()

_REPLAY_CLOCK = FixedClock(DEFAULT_START)
"""`now()` for a resource transformed again on replay, long after its deployment was validated."""


def digest_of(content: bytes) -> bytes:
    """The digest Zeebe compares to find duplicate deployments (MD5 of the resource bytes)."""
    return hashlib.md5(content, usedforsecurity=False).digest()


def transform_cached(content: bytes, kind: ResourceKind, env: FeelEnv = _REPLAY_CLOCK) -> TransformedResource:
    """transform_resource, remembered for the last few hundred distinct resources.

    `env` is the engine clock the deployment is validated with (timer start expressions may call
    `now()`); a resource that passed validation is remembered whatever the time.
    """
    key = (content, kind)
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    transformed = transform_resource(content, kind, env=env)
    _cache[key] = transformed
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return transformed
