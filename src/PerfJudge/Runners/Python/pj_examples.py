"""The examples a task's prompt gives (`>>>` doctest lines, MBPP-style `assert` lines), run in the
trusted checker against the candidate's proxy: the audit's check that a prompt's examples agree with
the canonical solution. Layer 3 (cases and checkers): imports pj_process.

An example is (kind, source, expected):
- "doctest": `source` is what follows `>>>` (continuation lines joined with newlines); `expected`
  is the text doctest would compare against. An expression is evaluated and its value compared
  with `expected` read as a Python literal (an empty text is None, as doctest prints nothing for
  None; a text that is no literal is compared with the value's repr, doctest's own rule).
  An expression compared with `==` (or another comparison) and no output shown is read as the
  assertion it is meant to be: it must be True. A statement (`x = 3`) is executed, so later
  examples can use its names. An expected traceback is not checked.
- "assert": `source` is an assert statement; it fails when the assertion does.
- "free": a prose example, `f(args) ==> shown` (also `==`, `=>`, `->`, the arrow sign, `returns`,
  `should return`): `source` is the call, `expected` the shown text. Checked only when every
  argument and the shown output are Python literals (a final full stop dropped): prose writes
  `is_happy(abcd) => True` or `=> true`, which are no code.

An example that uses a standard module the prompt does not import (MBPP's
`assert math.isclose(volume_sphere(10), 4188.79..., rel_tol=0.001)`) gets it imported, as the
task's own test code does. An example that raises by itself (a malformed example: `f(x) [1, 2]` indexes the result) is a
disagreement named with its exception. What the candidate raises, and a candidate that times out or
dies, propagates: it ends the check with the grader's verdict for that.
"""
import ast
import importlib
import math
import sys

from pj_process import NotPlainResult, NotShippable

NOT_CHECKED = "not checked: "

_TOLERANCE = 1e-6


def same(got, want):
    """Equal values; numbers where either is a float within an absolute and relative 1e-6 (prompts
    print rounded floats); lists and tuples element by element, of the same type."""
    if isinstance(got, bool) or isinstance(want, bool):
        return type(got) is type(want) and got == want
    numbers = (int, float)
    if isinstance(got, numbers) and isinstance(want, numbers) and (isinstance(got, float) or isinstance(want, float)):
        if math.isnan(got) or math.isnan(want):
            return math.isnan(got) and math.isnan(want)
        return math.isclose(got, want, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)
    if isinstance(got, (list, tuple)) and isinstance(want, (list, tuple)):
        return type(got) is type(want) and len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    return got == want


def _short(text, limit=120):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _doctest(namespace, source, expected):
    """None when the example agrees (or is not checked), else why not."""
    if expected.lstrip().startswith("Traceback (most recent call last)"):
        return None
    try:
        code = compile(source, "<example>", "eval")
    except SyntaxError:
        exec(compile(source, "<example>", "exec"), namespace)
        return None
    got = eval(code, namespace)
    text = expected.strip()
    if not text and isinstance(code_tree(source), ast.Compare):
        return None if got is True else "a comparison shown without output, got %s" % _short(repr(got))
    try:
        want = ast.literal_eval(text) if text else None
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None if repr(got) == text else "expected %s, got %s" % (_short(text), _short(repr(got)))
    return None if same(got, want) else "expected %s, got %s" % (_short(text), _short(repr(got)))


def code_tree(source):
    """The expression's top node."""
    return ast.parse(source, mode="eval").body


def _literal(text):
    """(True, value) when text is a Python literal (a final full stop allowed), else (False, None)."""
    for candidate in (text, text[:-1] if text.endswith(".") else None):
        if candidate:
            try:
                return True, ast.literal_eval(candidate)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                pass
    return False, None


def _free(namespace, source, expected):
    try:
        call = code_tree(source)
    except SyntaxError:
        return None
    if not isinstance(call, ast.Call) or call.keywords:
        return None
    for arg in call.args:
        try:
            ast.literal_eval(arg)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    ok, want = _literal(expected.strip())
    if not ok:
        return None
    got = eval(compile(source, "<example>", "eval"), namespace)
    return None if same(got, want) else "shown %s, got %s" % (_short(expected.strip()), _short(repr(got)))


def _run(namespace, kind, source, expected):
    if kind == "free":
        return _free(namespace, source, expected)
    if kind == "assert":
        try:
            exec(compile(source, "<example>", "exec"), namespace)
        except AssertionError:
            return "the assertion fails"
        return None
    return _doctest(namespace, source, expected)


def _run_importing(namespace, kind, source, expected):
    try:
        return _run(namespace, kind, source, expected)
    except NameError as exc:
        name = getattr(exc, "name", None)
        if name not in getattr(sys, "stdlib_module_names", ()) or name in namespace:
            raise
    namespace[name] = importlib.import_module(name)
    return _run(namespace, kind, source, expected)


def check_examples(namespace, examples, entry_point=None, candidate=None):
    """Runs every example in order, with `entry_point` bound to `candidate` in a copy of `namespace`
    (the test's own `check` would otherwise hide an entry point of that name, MBPP's Mbpp/56);
    raises AssertionError naming each example that disagrees. Examples whose result cannot cross
    the process boundary as plain data (a Counter, a re.Match) are not checked: when nothing
    disagrees and some were not checked, the AssertionError's text starts with NOT_CHECKED."""
    namespace = dict(namespace)
    if entry_point is not None:
        namespace[entry_point] = candidate
    bad, unchecked = [], []
    for number, (kind, source, expected) in enumerate(examples, 1):
        try:
            why = _run_importing(namespace, kind, source, expected)
        except NotPlainResult as exc:
            unchecked.append("example %d: %s" % (number, _short(exc)))
            continue
        except NotShippable:
            raise
        except Exception as exc:  # noqa: BLE001 (the candidate's own exceptions are re-raised)
            if getattr(exc, "perfjudge_raised", None) is not None:
                raise
            why = "the example raises %s: %s" % (type(exc).__name__, _short(exc))
        if why is not None:
            bad.append("example %d `%s`: %s" % (number, _short(source, 80), why))
    if bad:
        raise AssertionError("%d of %d prompt examples disagree: %s" % (len(bad), len(examples), "; ".join(bad)))
    if unchecked:
        raise AssertionError(NOT_CHECKED + "%d of %d prompt examples: %s" % (len(unchecked), len(examples), "; ".join(unchecked)))
