"""Puts the harness modules on sys.path: PERFJUDGE_HARNESS_DIR (the xunit runner passes the
folder the engine writes), else the source folder of this checkout. Run by hand:
    python3 -m unittest discover -s tests/PerfJudge.Tests/Harness/python -v
"""
import os
import sys

HARNESS_DIR = os.environ.get("PERFJUDGE_HARNESS_DIR") or os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "src", "PerfJudge", "Runners", "Python"))
if HARNESS_DIR not in sys.path:
    sys.path.insert(0, HARNESS_DIR)
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # as harness.py sets it for the worker's processes


def modules():
    """Names of the harness's modules."""
    return sorted(f[:-3] for f in os.listdir(HARNESS_DIR) if f.endswith(".py"))


def source(module):
    with open(os.path.join(HARNESS_DIR, module + ".py"), encoding="utf-8") as f:
        return f.read()


def shape(value):
    """A value's exact types and contents, comparable with ==, NaN included."""
    t = type(value)
    if t in (list, tuple):
        return (t.__name__, [shape(v) for v in value])
    if t is dict:
        return ("dict", [(shape(k), shape(v)) for k, v in value.items()])
    if t in (set, frozenset):
        return (t.__name__, sorted(repr(shape(v)) for v in value))
    if t is float and value != value:
        return ("float", "nan")
    if t is complex:
        return ("complex", shape(value.real), shape(value.imag))
    return (t.__name__, repr(value))
