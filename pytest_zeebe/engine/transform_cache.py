"""Deploy-time transformation, cached by content so an applier never parses a resource twice."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from pytest_zeebe.model import ResourceKind, TransformedResource, transform_resource


def digest_of(content: bytes) -> bytes:
    """The digest Zeebe compares to find duplicate deployments (MD5 of the resource bytes)."""
    return hashlib.md5(content, usedforsecurity=False).digest()


@lru_cache(maxsize=256)
def transform_cached(content: bytes, kind: ResourceKind) -> TransformedResource:
    """transform_resource, remembered for the last few hundred distinct resources."""
    return transform_resource(content, kind)
