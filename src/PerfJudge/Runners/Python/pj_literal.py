"""Python literals of argument tuples: the form in which a suite carries literal inputs and the
stress search writes the inputs it selects. Layer 0 (wire and literals): imports nothing of the
harness.

`dumps` is canonical: the same value always gives the same text (sets sorted by their elements'
text, dicts in insertion order, floats by their shortest round-trip repr), and
`ast.literal_eval(dumps(v)) == v` with the same types.
"""
import ast
import math


class NotLiteral(Exception):
    """The value has no Python literal form (an object, a NaN, a frozenset ...)."""


def dumps(value, depth=0):
    if depth > 100:
        raise NotLiteral("nested deeper than 100 levels")
    t = type(value)
    if value is None or t is bool or t is int or t is str or t is bytes:
        return repr(value)
    if t is float:
        if not math.isfinite(value):
            raise NotLiteral("a non-finite float")
        return repr(value)
    if t is list:
        return "[" + ", ".join(dumps(v, depth + 1) for v in value) + "]"
    if t is tuple:
        if len(value) == 1:
            return "(" + dumps(value[0], depth + 1) + ",)"
        return "(" + ", ".join(dumps(v, depth + 1) for v in value) + ")"
    if t is dict:
        return "{" + ", ".join(dumps(k, depth + 1) + ": " + dumps(v, depth + 1)
                               for k, v in value.items()) + "}"
    if t is set:
        if not value:
            return "set()"
        return "{" + ", ".join(sorted(dumps(v, depth + 1) for v in value)) + "}"
    raise NotLiteral("a %s" % t.__name__)


def parse_args(text):
    """The argument tuple a literal input stands for."""
    value = ast.literal_eval(text)
    if type(value) is not tuple:
        raise ValueError("a literal input must be a tuple of arguments")
    return value
