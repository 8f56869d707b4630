"""EvalPlus's rules (HumanEval+ and MBPP+), written from the EvalPlus papers and documentation:
how a task's JSON inputs become argument tuples, how its contract becomes a precondition, and
how a candidate's output is compared with the canonical solution's. Layer 3 (cases): imports
nothing of the harness.

Comparison (per input): the output must equal the expected one; where the expected value is a
float or a non-empty sequence of floats, or the task gives an `atol`, a mismatch is forgiven
when the types and lengths agree and every element is within atol + 1e-7 * |expected|
(numpy.allclose's rule). A few tasks have special oracles (below)."""
import ast
import json
import math
import textwrap

# MBPP+ tasks whose output is only checked for being None or not (the canonical returns a
# regular-expression match object), and tasks compared as sets of their elements.
MBPP_NOT_NONE = frozenset(("check_str", "text_match_three", "text_starta_endb"))
MBPP_SET_EQ = frozenset(("similar_elements", "find_char_long", "common_in_nested_lists",
                         "extract_singly", "larg_nnum", "intersection_array", "find_dissimilar",
                         "Diff"))


def _tup(x):
    return tuple(x)


def _deep_tuple(x):
    return tuple(_deep_tuple(v) for v in x) if type(x) is list else x


# MBPP+ stores tuples, sets and complex numbers as JSON lists and strings; EvalPlus turns them
# back per task when it loads the data set. Task number -> conversion of one argument list.
_SHAPES = {
    "each_arg_tuple": ([2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579,
                        596, 616, 630, 726, 740, 744, 809],
                       lambda a: [_tup(x) for x in a]),
    "each_arg_items_tuple": ([63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614,
                              780],
                             lambda a: [[_tup(y) for y in x] for x in a]),
    "first_items_tuple": ([75, 413, 444, 753], lambda a: [[_tup(y) for y in a[0]], a[1]]),
    "second_tuple": ([106, 750], lambda a: [a[0], _tup(a[1])]),
    "sets": ([115], lambda a: [[set(y) if type(y) is list and y else {} for y in a[0]]]),
    "float_complex": ([124], lambda a: [float(a[0]), complex(a[1])]),
    "first_tuple": ([250, 405, 446, 617, 720, 763, 808], lambda a: [_tup(a[0]), a[1]]),
    "tuple_of_tuples": ([259, 401, 445], lambda a: [tuple(_tup(y) for y in x) for x in a]),
    "first_nested_tuple": ([278], lambda a: [tuple(_tup(y) if type(y) is list else y
                                                   for y in a[0])]),
    "first_tuple_3": ([307], lambda a: [_tup(a[0]), a[1], a[2]]),
    "dict_values_tuple": ([722], lambda a: [{k: _tup(v) for k, v in a[0].items()}] + a[1:]),
    "complex": ([252], lambda a: [complex(a[0])]),
    "all_tuples": ([580, 615, 791], _deep_tuple),
}
_BY_TASK = {n: f for numbers, f in _SHAPES.values() for n in numbers}


def load_inputs(dataset, task_id, text):
    """The argument tuples of a task from its inputs' JSON text (a list of argument lists)."""
    inputs = json.loads(text)
    convert = None
    if dataset == "mbpp":
        try:
            convert = _BY_TASK.get(int(task_id.rsplit("/", 1)[-1]))
        except ValueError:
            convert = None
    return [tuple(convert(a) if convert else a) for a in inputs]


def contract_source(program, entry_point, contract):
    """Source of `__pj_contract(<the entry point's parameters>)`, which raises when the contract
    rejects the arguments and returns True otherwise; None when there is no contract."""
    if not contract or not contract.strip():
        return None
    tree = ast.parse(program)
    fn = next((n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
               and n.name == entry_point), None)
    if fn is None:
        return None
    body = textwrap.indent(textwrap.dedent(contract.strip("\n")), "    ")
    return "def __pj_contract(%s):\n%s\n    return True\n" % (ast.unparse(fn.args), body)


class Opaque:
    """Stands for an output that is not plain data (it cannot be None)."""


def _is_floats(x):
    t = type(x)
    if t is float:
        return True
    return (t is list or t is tuple) and len(x) > 0 and all(type(v) is float for v in x)


def _close(out, exp, atol):
    """numpy.allclose(out, exp, rtol=1e-7, atol=atol) for plain numbers and nested sequences."""
    if type(exp) in (list, tuple):
        return type(out) in (list, tuple) and len(out) == len(exp) and \
            all(_close(o, e, atol) for o, e in zip(out, exp))
    numeric = (int, float, bool, complex)
    if type(out) not in numeric or type(exp) not in numeric:
        return False
    if any(isinstance(v, float) and math.isnan(v) for v in (out, exp)):
        return False
    if any(isinstance(v, float) and math.isinf(v) for v in (out, exp)):
        return out == exp
    return abs(out - exp) <= atol + 1e-7 * abs(exp)


def _surface_area(base_edge, height):
    # Mbpp/581: the height is the pyramid's perpendicular height.
    slant = math.sqrt((base_edge / 2) ** 2 + height ** 2)
    return round(base_edge ** 2 + 2 * base_edge * slant)


def _digit_distance(a, b):
    # Mbpp/558: both numbers padded with zeros to the same length.
    x, y = str(a), str(b)
    width = max(len(x), len(y))
    return sum(abs(int(p) - int(q)) for p, q in zip(x.zfill(width), y.zfill(width)))


def _poly(xs, x):
    return sum(c * math.pow(x, i) for i, c in enumerate(xs))


def accepts(dataset, entry_point, args, out, exp, atol):
    """True when `out` is a right output for `args` (expected `exp`, the canonical's)."""
    try:
        return _accepts(dataset, entry_point, args, out, exp, atol)
    except Exception:  # an output the rules cannot even compare is wrong
        return False


def _accepts(dataset, entry_point, args, out, exp, atol):
    if dataset == "humaneval" and entry_point == "find_zero":
        return abs(_poly(*args, out)) <= atol
    exact = type(out) is not Opaque and out == exp
    if dataset == "mbpp":
        if entry_point == "are_equivalent":
            exact = True
        elif entry_point == "sum_div":
            exact = exact or out == 0
        elif entry_point == "surface_Area":
            exact = exact or abs(out - _surface_area(*args)) <= atol
        elif entry_point == "digit_distance_nums":
            exact = exact or out == _digit_distance(*args)
        elif entry_point in MBPP_SET_EQ:
            exact = set(out) == set(exp)
        elif entry_point in MBPP_NOT_NONE:
            exact = out == exp if type(out) is bool else exp == (out is not None)
    tolerance = 1e-6 if atol == 0 and _is_floats(exp) else atol
    if exact or tolerance == 0:
        return bool(exact)
    return type(out) is type(exp) and _close(out, exp, tolerance)
