"""The "mutants" request: simple mutants of a reference program, for the audit's weak-test check.
Layer 4 (graders): imports nothing of the harness. Runs in the trusted checker: it only parses and
rewrites the reference's text with the ast module, never runs it.

Operators (each applied at one site of the entry point's function, one mutant per site):
arithmetic swaps (+ -, * //, / *, % //), comparison flips (< <=, > >=, == !=, < >, in / not in,
is / is not), and/or swap, `not` removed, integer constants off by one (n+1, n-1), and
True/False swapped. Mutants whose text equals the reference's are dropped; at most `max` are kept,
spread evenly over the sites in source order (deterministic: no randomness)."""
import ast

_BINOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
           ast.Div: ast.Mult, ast.Mod: ast.FloorDiv}
_CMPOPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
           ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
           ast.IsNot: ast.Is}
_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/", ast.Mod: "%",
            ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
            ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
            ast.And: "and", ast.Or: "or"}


def _sites(fn):
    """(node, index, description, apply) for every mutation site in fn, in source order."""
    sites = []
    for node in ast.walk(fn):
        line = getattr(node, "lineno", 0)
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOPS:
            new = _BINOPS[type(node.op)]
            sites.append((line, "%s -> %s" % (_SYMBOLS[type(node.op)], _SYMBOLS[new]),
                          lambda n=node, new=new: setattr(n, "op", new())))
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _CMPOPS:
                    new = _CMPOPS[type(op)]
                    sites.append((line, "%s -> %s" % (_SYMBOLS[type(op)], _SYMBOLS[new]),
                                  lambda n=node, i=i, new=new: n.ops.__setitem__(i, new())))
                    if type(op) in (ast.Lt, ast.Gt):
                        flip = ast.Gt if type(op) is ast.Lt else ast.Lt
                        sites.append((line, "%s -> %s" % (_SYMBOLS[type(op)], _SYMBOLS[flip]),
                                      lambda n=node, i=i, f=flip: n.ops.__setitem__(i, f())))
        elif isinstance(node, ast.BoolOp):
            new = ast.Or if isinstance(node.op, ast.And) else ast.And
            sites.append((line, "%s -> %s" % (_SYMBOLS[type(node.op)], _SYMBOLS[new]),
                          lambda n=node, new=new: setattr(n, "op", new())))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            sites.append((line, "not removed", lambda n=node: setattr(n, "op", ast.UAdd())))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            sites.append((line, "%r -> %r" % (node.value, not node.value),
                          lambda n=node: setattr(n, "value", not n.value)))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            for delta in (1, -1):
                sites.append((line, "%d -> %d" % (node.value, node.value + delta),
                              lambda n=node, d=delta: setattr(n, "value", n.value + d)))
    sites.sort(key=lambda s: s[0])
    return sites


def _spread(count, keep):
    if count <= keep:
        return list(range(count))
    return sorted({round(i * (count - 1) / (keep - 1)) for i in range(keep)}) if keep > 1 else [0]


def mutants(program, entry_point, keep):
    """[(line, description, source)] of up to `keep` mutants of program's entry point."""
    tree = ast.parse(program)
    fns = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
           and n.name == entry_point]
    if not fns:
        return []
    original = ast.unparse(tree)
    count = len(_sites(fns[-1]))
    out = []
    for index in _spread(count, keep):
        copy = ast.parse(program)  # a fresh tree per mutant: the apply functions change nodes in place
        fn = [n for n in copy.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
              and n.name == entry_point][-1]
        line, description, apply = _sites(fn)[index]
        apply()
        source = ast.unparse(ast.fix_missing_locations(copy))
        if source != original:
            out.append((line, description, source))
    return out


def mutants_request(request, source):
    """Reply: {"verdict": "passed", "mutants": [{"line", "mutation", "program"}]}; a reference that
    does not parse is "failed"."""
    try:
        found = mutants(request["program"], request["entry_point"], int(request.get("max", 20)))
    except SyntaxError as exc:
        return {"verdict": "failed", "detail": "the reference does not parse: %s" % exc}
    return {"verdict": "passed",
            "mutants": [{"line": line, "mutation": d, "program": p} for line, d, p in found]}
