"""A plan as JSON bytes, each frozen item of it serialised once and then reused.

The planner shares frozen steps, exclusions and advice between answers (see
planning/dosing.py), so most of a plan's JSON has been written before. On bench/web.py's
64 plan answers (26 KB each, 2026-11-23) ``model_dump_json`` took 60 µs, as long as the
planning itself; with the items' JSON reused, the same bytes take a few µs. The bytes
are pydantic's own for every item (orjson only joins them), and a test checks the whole
answer equals ``model_dump_json`` for any valid request.
"""

import orjson
from pydantic import BaseModel

from rollcoach.models.plan_response import PlanResponse

CACHE_SIZE = 8192  # items; about 1.5 KB of JSON each, so some 12 MB at most

# id(item) -> (item, its JSON). Holding the item keeps its id from being reused while
# the entry lives; the ``is`` check below makes that explicit.
_written: dict[int, tuple[BaseModel, orjson.Fragment]] = {}


def plan_json(plan: PlanResponse) -> bytes:
    """The same bytes as ``plan.model_dump_json()``, faster when items repeat."""
    return orjson.dumps({name: _encoded(getattr(plan, name)) for name in PlanResponse.model_fields})


def _encoded(value: object) -> object:
    """A field's value for orjson; a list is all models or none (its field's type says which)."""
    if isinstance(value, list):
        if value and isinstance(value[0], BaseModel):
            return [_written_once(item) for item in value]
        return value  # of str: orjson writes these as pydantic does
    if isinstance(value, BaseModel):
        return _written_once(value)
    return value  # str, int or None


def _written_once(item: BaseModel) -> orjson.Fragment:
    """The item's JSON as pydantic writes it; remembered only if the item is frozen."""
    hit = _written.get(id(item))
    if hit is not None and hit[0] is item:
        return hit[1]
    fragment = orjson.Fragment(item.__pydantic_serializer__.to_json(item))
    if not item.model_config.get("frozen"):
        return fragment
    if len(_written) >= CACHE_SIZE:
        _written.clear()
    _written[id(item)] = (item, fragment)
    return fragment
