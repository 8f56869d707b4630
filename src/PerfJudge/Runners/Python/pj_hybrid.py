"""The stress search's steps on the deterministic meter: native CPU time first, instruction counts
(callgrind) only for the decisions that land inside the margin of pj_margin. Used by pj_stress
(scale ladder, candidate references) and pj_fuzz (recipe choice). Layer 4 (graders): imports
pj_refcosts, pj_cgcount, pj_margin.

Every decision's outcome is the one a search decided wholly on counts would take (as long as the
margin holds: docs/stress.md gives the rates measured), and the report says per step what decided
it ("decided": "time" or "count")."""
from pj_cgcount import Censored
from pj_margin import ABOVE, RATIO_MARGIN, budget_side, side
from pj_refcosts import count_batch, timed_batch, timed_costs

REF_CAP = 10  # a reference's count on a candidate input is censored at this many times the budget


def over_budget(ctx, args, seconds, step):
    """True when the costliest reference is over the budget on args: on the CPU seconds when they
    are far from it, else on counts (step records which, and the counts)."""
    budget = ctx.cfg["budget"]
    where = budget_side(max(seconds), ctx.rates, budget)
    step["seconds"] = seconds
    if where != 0:
        step["decided"] = "time"
        ctx.decided["time"] += 1
        return where == ABOVE
    counts, why = count_batch(ctx, [args], cap=REF_CAP * budget)
    ctx.decided["count"] += 1
    step["decided"] = "count"
    if counts is None:
        step["detail"] = why
        return None
    step["costs"] = [c[0] for c in counts]
    ctx.rates.extend(c / t for c, t in zip(step["costs"], seconds)
                     if t > 0 and not isinstance(c, Censored))
    return max(step["costs"]) > budget


def ladder_search(ctx, gen, generate):
    """The scale search on the deterministic meter: candidate 0 at doubling scales, each step run
    natively (correctness and CPU time), counted only when its time is within the margin of the
    budget. Stops at the first step over the budget, failing or at a cap."""
    cfg = ctx.cfg
    search, good, scale = [], None, cfg["min_scale"]
    while True:
        args, literal = generate(ctx, gen, scale, 0)
        step = {"scale": scale}
        search.append(step)
        if args is None:
            step["stop"] = literal
            return good, search
        costs, reason, detail = timed_costs(ctx, [args], 1)
        if costs is None:
            step.update(stop=reason, detail=detail)
            return good, search
        over = over_budget(ctx, args, [c[0] for c in costs], step)
        if over is None:
            step["stop"] = "callgrind failed"
            return good, search
        if over:
            step["stop"] = "over budget"
            return good, search
        good = scale
        if scale >= cfg["max_scale"]:
            step["stop"] = "scale cap"
            return good, search
        scale = min(scale * 2, cfg["max_scale"])


def measure_pool(ctx, pool):
    """The candidates' reference costs (instructions) for the selection: each candidate runs
    natively (correctness, CPU time); one far over the budget on its time is discarded without a
    count; the others are counted (censored at REF_CAP x budget), and those over the budget are
    discarded too. So the budget binds every kept input, not only the scale search's candidate 0."""
    budget = ctx.cfg["budget"]
    timed = timed_batch(ctx, [c["args"] for c in pool], 1)
    todo = []
    for cand, (seconds, reason) in zip(pool, timed):
        if seconds is None:
            ctx.discard(reason)
            continue
        cand["seconds"] = seconds
        if budget_side(max(seconds), ctx.rates, budget) == ABOVE:
            ctx.decided["time"] += 1
            ctx.discard("over budget")
            continue
        todo.append(cand)
    if not todo:
        return []
    counts, why = count_batch(ctx, [c["args"] for c in todo], cap=REF_CAP * budget)
    ctx.decided["count"] += len(todo)
    if counts is None:
        ctx.notes.append("candidates not counted: %s" % why)
        for _ in todo:
            ctx.discard("callgrind failed")
        return []
    measured = []
    for k, cand in enumerate(todo):
        costs = [c[k] for c in counts]
        if any(isinstance(c, Censored) or c > budget for c in costs):
            ctx.discard("over budget")
            continue
        cand["costs"] = costs
        measured.append(cand)
    return measured


CHUNK = 8  # recipes counted per callgrind run while looking for the first that grows


def resolve_growth(ctx, measured, needed, recount):
    """pj_fuzz's recipe choice on the deterministic meter. measured: [(recipe, entry)] in order,
    entries with timed "ratios" (small, large probe) and "growth". Returns the first (recipe,
    entry) whose growth reaches `needed`, or None. A timed growth far above `needed` decides
    (time underestimates growth: the small probe's time is mostly the call's fixed cost, so a
    timed growth over RATIO_MARGIN x needed is a counted one over needed); below, time decides
    nothing (HumanEval/3: a recipe timed at 4.1x counts 272x), so the recipes before such a one
    are counted, CHUNK at a time in order, stopping at the first that grows. A counted recipe
    whose large probe ran past the cap (REF_CAP x budget) grows: its counted growth is only a
    lower bound, and treating it as exact let time and counts disagree (HumanEval/32: timed 193x
    decided "grows", the same recipe counted 6.4e6 -> cap, 46.5x, "does not")."""
    pending = []
    for k, (recipe, entry) in enumerate(measured):
        above = side(entry["growth"], needed, RATIO_MARGIN) == ABOVE
        if not above:
            pending.append((recipe, entry))
        if pending and (above or len(pending) == CHUNK or k == len(measured) - 1):
            recount(pending)
            for got in pending:
                if got[1]["growth"] >= needed or got[1].get("past_cap"):
                    return got
            pending = []
        if above:
            entry["decided"] = "time"
            ctx.decided["time"] += 1
            return recipe, entry
    return None


def resolve_largest(measured, tie):
    """The fallback of pj_fuzz's choice, when no recipe grows enough (resolve_growth has then
    counted every one): the first recipe whose large-probe value is within `tie` of the largest."""
    best = max(e["ratios"][1] for _, e in measured)
    return next((r, e) for r, e in measured if e["ratios"][1] * tie >= best)


def recounter(ctx, probes, ratio):
    """recount for resolve_growth / resolve_largest: counts the small and large probes of the
    given (recipe, entry) pairs (probes: id(entry) -> (small args, large args)) in one callgrind
    run per reference and replaces their ratios and growth with counted ones."""
    def recount(items):
        if not items:
            return
        inputs = [a for _, e in items for a in probes[id(e)]]
        counts, why = count_batch(ctx, inputs, cap=REF_CAP * ctx.cfg["budget"])
        ctx.decided["count"] += len(items)
        for k, (_, entry) in enumerate(items):
            entry["decided"] = "count"
            entry["timed_ratios"], entry["timed_growth"] = entry["ratios"], entry["growth"]
            if counts is None:
                entry.update(ratios=[1.0, 0.0], growth=0.0, detail=why)
                continue
            small = ratio([c[2 * k] for c in counts])
            large = ratio([c[2 * k + 1] for c in counts])
            if isinstance(counts[-1][2 * k + 1], Censored):  # the slow (or only) reference
                entry["past_cap"] = True
            entry["ratios"] = [small, large]
            entry["growth"] = large / max(small, 1e-12)
    return recount
