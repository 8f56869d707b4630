"""Cost-guided fuzzing for tasks without an input generator: start from the task's test inputs,
mutate typed arguments, keep the mutants that raise the slowest reference's cost per input size.

Mutations (on one argument of the tuple, chosen at random): sequences grow (with fresh values or
more of their own), duplicate, sort, reverse; integers widen; strings repeat their characters or grow. Every random
choice comes from one generator seeded with (seed, task); which mutants survive depends on
measured costs, so two runs agree only as far as those comparisons agree (docs/stress.md).
"""
import random

import pj_literal

TOLERANCE = 0.25  # drop in fitness allowed as measurement noise
NOISE = 3.0       # costs below NOISE x the cost of a call itself are noise


def fresh_like(rng, sample, count, used):
    """count new values of sample's type, unlikely to equal existing ones."""
    t = type(sample)
    if t is int:
        top = max(abs(v) for v in used if type(v) is int) if used else 0
        return [top + 1 + rng.randrange(4 * count + 8) for _ in range(count)]
    if t is float:
        return [rng.uniform(-1e6, 1e6) for _ in range(count)]
    if t is str:
        letters = "abcdefghijklmnopqrstuvwxyz"
        width = max(1, len(sample))
        return ["".join(rng.choice(letters) for _ in range(width)) for _ in range(count)]
    return [sample for _ in range(count)]


def mutate_seq(rng, seq):
    t = type(seq)
    items = list(seq)
    op = rng.choice(("grow", "grow", "grow-same", "grow-same", "duplicate", "sort", "reverse"))
    if not items:
        op = "grow"
    extra = max(1, len(items) * rng.choice((1, 3)))
    if op == "grow":
        sample = items[rng.randrange(len(items))] if items else 0
        items = items + fresh_like(rng, sample, extra, items)
    elif op == "grow-same":  # more of the values already there (keeps them in the task's range)
        items = items + [items[rng.randrange(len(items))] for _ in range(extra)]
    elif op == "duplicate":
        items = items + items
    elif op == "sort":
        try:
            items = sorted(items)
        except TypeError:
            items.reverse()
    else:
        items.reverse()
    return op, (items if t is list else tuple(items))


def mutate_str(rng, text):
    op = rng.choice(("repeat", "grow", "double-chars"))
    if op == "repeat" or not text:
        return op, (text or "a") * 2
    if op == "double-chars":
        return op, "".join(c + c for c in text)
    return op, text + "".join(rng.choice(text) for _ in range(len(text) * rng.choice((1, 3))))


def mutate(rng, args):
    """(description, mutated argument tuple), or None when no argument can be mutated."""
    positions = [i for i, a in enumerate(args) if type(a) in (list, tuple, str, int)]
    if not positions:
        return None
    i = rng.choice(positions)
    value = args[i]
    t = type(value)
    if t is int:
        op = rng.choice(("widen", "double"))
        new = value * 2 if op == "double" else value + (abs(value) + 1) * rng.randrange(1, 4)
    elif t is str:
        op, new = mutate_str(rng, value)
    else:
        op, new = mutate_seq(rng, value)
    return "%s arg %d" % (op, i), args[:i] + (new,) + args[i + 1:]


def fitness(costs):
    """The slow (last) reference's cost per unit of input size, with the size measured as the
    fast (first) reference's cost on the same input: for a linear fast reference that cost grows
    with the input, includes the same per-call overhead, and sees the same machine state, so the
    ratio is far less noisy than cost per byte (which divides noise by a small size)."""
    return costs[-1] / max(costs[0], 1e-12)


def fuzz(ctx, originals):
    """(pool of candidates, trace). Each candidate: origin, args, literal, costs.

    A mutant survives when every reference answers it correctly within the limits, the slow
    reference stays within the budget, it grew or raised the slow reference's cost, and its
    fitness did not drop by more than TOLERANCE (measurement noise)."""
    cfg = ctx.cfg
    rng = random.Random("fuzz/%s/%s" % (cfg["seed"], ctx.request["task_id"]))
    pool, trace, seen = [], [], set()
    for k, args in enumerate(originals):
        literal = pj_literal.dumps(args)
        costs, _, _ = measure_one(ctx, args)
        if costs is not None:
            pool.append({"origin": "test input %d" % k, "args": args, "literal": literal,
                         "costs": costs, "fit": fitness(costs)})
            seen.add(literal)
    # Below NOISE x the cost of a call itself, costs are noise: there, bigger inputs are better.
    floor = NOISE * min((min(c["costs"]) for c in pool), default=0.0)
    for gen in range(cfg["fuzz_generations"]):
        if not pool or max(c["costs"][-1] for c in pool) >= cfg["budget"] / 2:
            break
        parents = pick_parents(pool, cfg["fuzz_parents"], floor)
        batch = make_batch(ctx, rng, parents, seen)
        added = 0
        for child, (costs, reason) in zip(batch, measure_batch(ctx, [c["args"] for c in batch])):
            parent = child.pop("parent")
            if costs is None:
                ctx.discard(reason)
                continue
            if max(costs) > cfg["budget"]:
                ctx.discard("over budget")
                continue
            fit = fitness(costs)
            grew = len(child["literal"]) > len(parent["literal"])
            gain = grew or costs[-1] > parent["costs"][-1]
            if gain and parent["costs"][-1] > floor:  # below the floor, fitness is only noise
                gain = fit >= parent["fit"] * (1 - TOLERANCE)
            if not gain:
                ctx.discard("no cost gain")
                continue
            child.update(costs=costs, fit=fit)
            pool.append(child)
            added += 1
        best = max(pool, key=lambda c: c["costs"][-1])
        trace.append({"generation": gen, "mutants": len(batch), "added": added, "pool": len(pool),
                      "best_cost": best["costs"][-1], "best_bytes": len(best["literal"]),
                      "best_fit": max(c["fit"] for c in pool)})
    # The costliest survivors and the fittest (all within the budget) go on to the
    # discriminative selection.
    chosen = sorted(pick_parents(pool, cfg["candidates"], floor, indices=True))
    return [pool[i] for i in chosen], trace


def pick_parents(pool, count, floor, indices=False):
    """Half the costliest members (for the slow reference), half the fittest. Fitness alone
    would keep choosing a tiny input whose one noisy measurement looked fit, and its mutants
    rarely look as fit: growth would stall. Below the noise floor, size stands for both."""
    def cost(i):
        c = pool[i]["costs"][-1]
        return (1, c) if c > floor else (0, len(pool[i]["literal"]))

    def fit(i):
        return (1, pool[i]["fit"]) if pool[i]["costs"][-1] > floor else (0, len(pool[i]["literal"]))

    by_cost = sorted(range(len(pool)), key=lambda i: (cost(i), -i), reverse=True)
    by_fit = sorted(range(len(pool)), key=lambda i: (fit(i), -i), reverse=True)
    chosen = []
    for a, b in zip(by_cost, by_fit):
        for i in (a, b):
            if i not in chosen and len(chosen) < count:
                chosen.append(i)
    return chosen if indices else [pool[i] for i in chosen]


def make_batch(ctx, rng, parents, seen):
    """Up to fuzz_batch new mutants of the parents. A mutant whose slow-reference cost, grown
    quadratically with its size from its parent's, would pass 4x the budget is not measured."""
    cfg = ctx.cfg
    batch = []
    for _ in range(4 * cfg["fuzz_batch"]):  # attempts: some mutants repeat earlier ones
        if len(batch) == cfg["fuzz_batch"]:
            break
        parent = parents[rng.randrange(len(parents))]
        mutated = mutate(rng, parent["args"])
        if mutated is None:
            continue
        try:
            literal = pj_literal.dumps(mutated[1])
        except pj_literal.NotLiteral:
            continue
        if literal in seen:
            continue
        seen.add(literal)
        if len(literal) > cfg["max_input_bytes"]:
            ctx.discard("input over size cap")
            continue
        growth = len(literal) / max(len(parent["literal"]), 1)
        if parent["costs"][-1] * growth * growth > 4 * cfg["budget"]:
            ctx.discard("over budget (predicted)")
            continue
        batch.append({"origin": "%s <- %s" % (mutated[0], parent["origin"]), "args": mutated[1],
                      "literal": literal, "parent": parent})
    return batch


def measure_one(ctx, args):
    import pj_stress
    return pj_stress.evaluate(ctx, args, 1)


def measure_batch(ctx, inputs):
    """[(costs per reference, None) or (None, reason)] per input: the whole batch in one process
    per reference; when a reference fails on the batch, each input again alone, to find which."""
    import pj_stress
    if not inputs:
        return []
    costs, _, _ = pj_stress.measure_inputs(ctx, inputs, 1)
    if costs is not None:
        return [([c[i] for c in costs], None) for i in range(len(inputs))]
    return [measure_one(ctx, args)[:2] for args in inputs]
