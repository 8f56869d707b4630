"""Stress inputs for one task (perfjudge stress): scale search over the task's input generator,
or cost-guided fuzzing of its test inputs when it has none, then discriminative selection of
the inputs on which the references' costs differ most.

Generators and mutations run here, in the trusted checker (generators in a bounded child, see
pj_bounded); references run in sandboxed candidate processes and are measured by
pj_run.run_program, like any sample (pj_refcosts). An input is kept only if every reference answers it
without raising, within the time and memory limits, and the references agree (task checker).
Layer 4 (graders, highest): imports pj_fuzz, pj_refcosts, pj_tests and the layers below.
"""
import math

import pj_fuzz
import pj_hybrid
import pj_literal
import pj_tests
from pj_bounded import run_bounded
from pj_cases import load_generator
from pj_cgcount import Censored
from pj_meters import pin
from pj_refcosts import Context, evaluate, measure_inputs, samples_on, timed_costs
from pj_verdicts import finalize

MARGIN = 1.5  # selection: ratios within this factor of the best remaining one count as equal


def capture_test_inputs(ctx):
    """The argument tuples the task's test passes to the function, recorded while the test runs
    against the first reference in a sandboxed process (which answers the calls)."""
    request = ctx.request
    if not (request.get("test") or "").strip():
        return []
    limits = request["limits"]
    recorded = []

    class Recorder(pj_tests.Proxy):
        def __call__(self, *args, **kwargs):
            if kwargs:
                args = args + tuple(kwargs.values())
            try:
                text = pj_literal.dumps(args)
                if text not in recorded:
                    recorded.append(text)
            except pj_literal.NotLiteral:
                pass
            return pj_tests.Proxy.__call__(self, *args)

    cand = ctx.source.spawn()
    try:
        result = pj_tests.run_tests(dict(request, program=ctx.refs[0]), cand, limits, Recorder)
    finally:
        finalize({}, cand, limits)
    if result.get("verdict") != "passed":
        ctx.notes.append("reference 0 does not pass the task's test: %s" % result.get("detail"))
    return [pj_literal.parse_args(text) for text in recorded]


def generate(ctx, gen, scale, cid):
    """(args, literal) of candidate cid at a scale, or (None, reason) after counting the discard."""
    seed_text = "stress/%s/%s/%d/%d" % (ctx.cfg["seed"], ctx.request["task_id"], scale, cid)
    kind, body = run_bounded(gen, (scale, ctx.cfg["level_id"], cid), seed_text,
                             ctx.cfg["generator_timeout"], ctx.request["limits"]["memory_bytes"],
                             ctx.cfg["max_input_bytes"])
    if kind == "too large" or kind == "ok" and len(body) > ctx.cfg["max_input_bytes"]:
        ctx.discard("input over size cap")
        return None, "input over size cap"
    if kind != "ok":
        reason = "generator timed out" if kind == "timeout" else "generator raised"
        ctx.discard(reason)
        if len(ctx.notes) < 8:
            ctx.notes.append("scale %d, case %d: %s (%s)" % (scale, cid, reason, body))
        return None, reason
    return pj_literal.parse_args(body), body


def probe(ctx, gen, scale, search, rounds):
    """One scale-search step on candidate 0: True when every reference is correct and within the
    budget, False when it is over the budget or a cap, None when the input cannot be made."""
    args, literal = generate(ctx, gen, scale, 0)
    step = {"scale": scale}
    search.append(step)
    if args is None:
        step["stop"] = literal
        return False
    costs, reason, detail = evaluate(ctx, args, rounds)
    if costs is None:
        step["stop"] = reason
        step["detail"] = detail
        return False
    budget = ctx.cfg["budget"]
    if not ctx.deterministic and rounds < ctx.cfg["rounds"] and budget / 2 < max(costs) <= 2 * budget:
        # Near the budget the decision needs the precise figure (one round is enough far from it).
        costs, reason, detail = evaluate(ctx, args, ctx.cfg["rounds"])
        if costs is None:
            step["stop"] = reason
            step["detail"] = detail
            return False
        step["rounds"] = ctx.cfg["rounds"]
    step["costs"] = costs
    if max(costs) > budget:
        step["stop"] = "over budget"
        return False
    return True


def scale_search(ctx, gen):
    """Largest scale (doubling, then bisecting geometrically) on which the costliest reference
    stays within the budget and every reference is correct."""
    cfg = ctx.cfg
    if ctx.deterministic and cfg["bisect_steps"] == 0:
        return pj_hybrid.ladder_search(ctx, gen, generate)
    search = []
    scale, good, bad = cfg["min_scale"], None, None
    while True:
        # Doubling steps far from the budget need no precision: one round each.
        if probe(ctx, gen, scale, search, 1):
            good = scale
            if scale >= cfg["max_scale"]:
                search[-1]["stop"] = "scale cap"
                break
            scale = min(scale * 2, cfg["max_scale"])
        else:
            bad = scale
            break
    if good is None:
        return None, search
    for _ in range(cfg["bisect_steps"] if bad is not None else 0):
        mid = int(round(math.sqrt(good * bad)))
        if mid <= good or mid >= bad:
            break
        if probe(ctx, gen, mid, search, cfg["rounds"]):
            good = mid
        else:
            bad = mid
    return good, search


def scale_candidates(ctx, gen, scale):
    pool, seen = [], set()
    for cid in range(ctx.cfg["candidates"]):
        args, literal = generate(ctx, gen, scale, cid)
        if args is not None and literal not in seen:  # a recipe without randomness repeats itself
            seen.add(literal)
            pool.append({"origin": "scale %d, case %d" % (scale, cid), "args": args, "literal": literal})
    return pool


def objective(ctx, cand):
    """What selection maximizes for a candidate: given samples, the spread of cost among the
    correct ones (slowest / fastest; needs two); else with several references the ratio slow /
    fast (last reference / first one); else the reference's cost."""
    costs = cand["costs"]
    if ctx.samples:
        correct = [c for c in cand["all_sample_costs"] if c]
        if len(correct) >= 2:
            cand["spread"] = max(correct) / max(min(correct), 1e-12)
            return cand["spread"]
    if len(costs) >= 2:
        return costs[-1] / max(costs[0], 1e-12)
    return costs[0]


def select(ctx, pool):
    """Measures every candidate (rounds, one per process) and keeps the `keep` with the largest
    objective (see objective). Candidates within a factor MARGIN of the best remaining one count
    as equal and are taken in candidate order, so that measurement noise changes the choice only
    for candidates near that margin."""
    if ctx.deterministic:
        # Natively first, counted unless far over the budget; the budget binds every candidate.
        measured = pj_hybrid.measure_pool(ctx, pool)
    else:
        measured = []
        for cand in pool:
            costs, reason = evaluate(ctx, cand["args"], ctx.cfg["rounds"])[:2]
            if costs is None:
                ctx.discard(reason)
                continue
            cand["costs"] = costs
            measured.append(cand)
    if ctx.samples:
        for cand, every in zip(measured, samples_on(ctx, [c["args"] for c in measured])):
            cand["all_sample_costs"] = every
    for cand in measured:
        cand["ratio"] = objective(ctx, cand)
    left = list(range(len(measured)))
    kept = []
    while left and len(kept) < ctx.cfg["keep"]:
        best = max(measured[i]["ratio"] for i in left)
        tier = [i for i in left if measured[i]["ratio"] * MARGIN >= best]
        kept.extend(tier[:ctx.cfg["keep"] - len(kept)])
        left = [i for i in left if i not in tier]
    return [measured[i] for i in sorted(kept)], len(measured)


def totals_ratio(costs_by_ref):
    """Total cost per reference, and slow / fast: the last reference's total over the first's
    (None with one reference)."""
    totals = [sum(c) for c in costs_by_ref]
    return totals, (totals[-1] / max(totals[0], 1e-12) if len(totals) > 1 else None)


def sample_spread(kept, count):
    """Per sample, its total cost over the kept inputs (None unless correct on all of them), and
    the spread slowest / fastest among those totals (None with fewer than two)."""
    totals = []
    for s in range(count):
        costs = [c.get("all_sample_costs", [None] * count)[s] for c in kept]
        totals.append(sum(costs) if all(x is not None for x in costs) else None)
    done = [t for t in totals if t]
    return totals, (max(done) / min(done) if len(done) >= 2 else None)


def usable_test_inputs(ctx, originals):
    """The test inputs on which every reference answers correctly, each tried alone (and as its
    own warm-up input); ctx.warm becomes the first of them."""
    good = []
    for args in originals:
        ctx.warm = args
        costs, reason, _ = timed_costs(ctx, [args], 1) if ctx.deterministic else evaluate(ctx, args, 1)
        if costs is None:
            ctx.discard("test input: " + reason)
        else:
            good.append(args)
    ctx.warm = good[0] if good else None
    if len(good) < len(originals):
        ctx.notes.append("%d of %d test inputs left out: a reference fails on them"
                         % (len(originals) - len(good), len(originals)))
    return good


def stress_task(request, source):
    pin(request)
    ctx = Context(request, source)
    if not ctx.refs:
        return {"verdict": "error", "detail": "needs a reference (the canonical solution)"}
    originals = capture_test_inputs(ctx)
    gen = load_generator(request) if request.get("generator") else None
    if originals:
        ctx.warm = originals[0]
    elif gen is not None:
        ctx.warm, _ = generate(ctx, gen, ctx.cfg["min_scale"], 0)
    if ctx.warm is None:
        detail = ("the generator gave no input at the smallest scale" if gen is not None
                  else "no test inputs to start from and no input generator")
        return {"verdict": "error", "detail": detail, "notes": ctx.notes, "discarded": ctx.discarded}
    out = {"verdict": "passed", "original_inputs": [pj_literal.dumps(a) for a in originals],
           "notes": ctx.notes, "discarded": ctx.discarded}
    # The tests' costs are reported only: CPU seconds with the deterministic meter (original_unit).
    on_tests = (lambda inputs, rounds: timed_costs(ctx, inputs, rounds)) if ctx.deterministic else (
        lambda inputs, rounds: measure_inputs(ctx, inputs, rounds))
    if originals:
        costs, reason, detail = on_tests(originals, ctx.cfg["rounds"])
        if costs is None:
            # Some test input makes a reference fail (e.g. a test that expects an exception):
            # the others are still the task's ordinary inputs.
            originals = usable_test_inputs(ctx, originals)
            if not originals:
                return {"verdict": "error", "detail": "references fail on every test input: %s" % detail,
                        "notes": ctx.notes, "discarded": ctx.discarded}
            costs, reason, detail = on_tests(originals, ctx.cfg["rounds"])
            if costs is None:
                return {"verdict": "error", "detail": "references fail on the task's test inputs: %s" % detail,
                        "notes": ctx.notes, "discarded": ctx.discarded}
        out["original_inputs"] = [pj_literal.dumps(a) for a in originals]
        out["original_costs"], out["original_ratio"] = totals_ratio(costs)
        if ctx.deterministic:
            out["original_unit"] = "s"
    if gen is not None:
        out["method"] = "scale"
    else:
        # No generator: the mutation recipe of the test inputs that stresses the slow reference
        # most becomes one (pj_fuzz).
        out["method"] = "fuzz"
        recipe, trace = pj_fuzz.choose_recipe(ctx, originals, lambda g, s, c: generate(ctx, g, s, c))
        out["recipes"] = trace
        if recipe is None:
            out.update(verdict="error", detail="no mutation of the test inputs gives an input every reference answers")
            return out
        out["recipe"] = pj_fuzz.describe(recipe)
        gen = pj_fuzz.generator(originals, recipe)
    scale, search = scale_search(ctx, gen)
    out["search"] = search
    out["decided"] = ctx.decided
    if scale is None:
        out.update(verdict="error", detail="no scale works: %s" % (search[-1].get("stop") if search else "?"))
        return out
    out["scale"] = scale
    pool = scale_candidates(ctx, gen, scale)
    out["candidates"] = len(pool)
    kept, measured = select(ctx, pool)
    if not kept:
        out.update(verdict="error", detail="no candidate input passed every reference")
        return out
    out["measured"] = measured
    out["inputs"] = [c["literal"] for c in kept]
    out["origins"] = [c["origin"] for c in kept]
    out["input_bytes"] = [len(c["literal"]) for c in kept]
    by_ref = [[c["costs"][r] for c in kept] for r in range(len(ctx.refs))]
    out["selected_costs"], out["selected_ratio"] = totals_ratio(by_ref)
    out["selected_ratios"] = [c["ratio"] for c in kept]
    out["objective"] = ("sample spread" if ctx.samples else "slow / fast" if len(ctx.refs) > 1
                        else "reference cost")
    if ctx.samples:
        out["selected_spreads"] = [c.get("spread") for c in kept]
        out["sample_costs"], out["selected_spread"] = sample_spread(kept, len(ctx.samples))
        censored = [any(isinstance(c.get("all_sample_costs", [None] * len(ctx.samples))[s], Censored) for c in kept)
                    for s in range(len(ctx.samples))]
        out["sample_censored"] = censored
        if out["selected_spread"] is not None:
            # A lower bound when the slowest sample was capped (both capped: 1.0, a bound of nothing).
            totals = out["sample_costs"]
            slowest = max((t, s) for s, t in enumerate(totals) if t)[1]
            out["selected_spread_censored"] = censored[slowest]
    if ctx.deterministic:
        out["counted_calls"], out["callgrind_s"] = ctx.counted, round(ctx.callgrind_s, 1)
        # Decided on counts; the report also gives the reference's CPU seconds on the kept inputs.
        seconds, _, detail = timed_costs(ctx, [c["args"] for c in kept], ctx.cfg["rounds"])
        out["selected_seconds"] = [sum(c) for c in seconds] if seconds else None
        if seconds is None:
            ctx.notes.append("timed costs of the kept inputs: %s" % detail)
    return out
