"""Cost-guided fuzzing for tasks without an input generator.

A *mutation recipe* takes one of the task's test inputs and mutates one typed argument, scaled:
a sequence grows to `scale` elements (fresh values, more of its own values, or the sequence
tiled), then stays as it is, is sorted or reversed; a string grows to `scale` characters
(tiled, fresh letters, one repeated character), then as it is, sorted or reversed; an integer
becomes `scale` or is multiplied by it. Only when no such recipe gives an input every reference
answers (a string of words from a vocabulary, as "three one five"), the *word* recipes are tried:
the string grows to `scale` words drawn from its own words, joined by single spaces, then as it
is, sorted or reversed by word (word_recipes). Every recipe is tried at the probe scale and at 16x it;
the first recipe whose slow / fast cost ratio (the slow reference's cost per unit of size, the
fast reference's cost standing for the size) grows at least 4x is chosen (choose_recipe).
Inputs on which a reference raises,
disagrees, times out or runs out of memory are discarded. The chosen recipe then serves as the
task's input generator for the scale search and the selection (pj_stress).
Layer 4 (graders): imports pj_refcosts.

Why recipes rather than a free-running evolution of mutants: an evolution decides hundreds of
times on measured costs which mutant survives and which is a parent, and any one of those
comparisons flipping on noise sends two runs with the same seed apart. Here the measured costs
decide only which recipe is chosen, by a threshold that stressing and non-stressing recipes sit
far from, and the scale (doubling, then bisection); the inputs themselves are a function of
(seed, task, recipe, scale, case).
"""
import random
import string

import pj_hybrid
from pj_margin import instructions
from pj_refcosts import measure_batch, timed_batch

MARGIN = 1.5
GROWTH = 16          # the second probe scale is GROWTH x the first
GROWTH_NEEDED = 4.0  # a ratio growing this much over GROWTH x the size marks a stressing recipe
SEQ_GROWTH = ("fresh", "same", "tile")
STR_GROWTH = ("tile", "fresh", "one-char")
ORDERS = ("as-is", "sorted", "reversed")
INT_OPS = ("set", "times")


def recipes(originals):
    """Every (test input k, argument i, growth, order) in a fixed order."""
    out = []
    for k, args in enumerate(originals):
        for i, value in enumerate(args):
            t = type(value)
            if t in (list, tuple):
                growth = SEQ_GROWTH if value else ("fresh",)
                out.extend((k, i, g, o) for g in growth for o in ORDERS)
            elif t is str:
                out.extend((k, i, g, o) for g in STR_GROWTH for o in ORDERS)
            elif t is int:
                out.extend((k, i, op, "as-is") for op in INT_OPS)
    return out


def word_recipes(originals):
    """The fallback recipes: every (test input k, string argument i with a word, "words", order)."""
    return [(k, i, "words", o) for k, args in enumerate(originals) for i, value in enumerate(args)
            if type(value) is str and value.split() for o in ORDERS]


def grow_words(text, scale):
    words = text.split()
    return words + [words[random.randrange(len(words))] for _ in range(max(0, scale - len(words)))]


def describe(recipe):
    k, i, growth, order = recipe
    return "test input %d, argument %d: %s%s" % (k, i, growth, "" if order == "as-is" else ", " + order)


def fresh_values(sample, count, existing):
    """count new values like sample (drawn from the seeded `random`), distinct from each other
    and from the existing ints."""
    t = type(sample)
    if t is int:
        top = max([abs(v) for v in existing if type(v) is int] + [0])
        return random.sample(range(top + 1, top + 1 + 4 * count + 8), count)
    if t is float:
        return [random.uniform(-1e6, 1e6) for _ in range(count)]
    if t is bool:
        return [random.random() < 0.5 for _ in range(count)]
    if t is str:
        width = max(1, len(sample))
        return ["".join(random.choice(string.ascii_lowercase) for _ in range(width)) for _ in range(count)]
    return [sample] * count


def grow_sequence(items, growth, scale):
    items = list(items)
    need = max(0, scale - len(items))
    if growth == "fresh":
        return items + fresh_values(items[0] if items else 0, need, items)
    if growth == "same":
        return items + [items[random.randrange(len(items))] for _ in range(need)]
    return (items * (scale // len(items) + 1))[:max(scale, len(items))]


def grow_string(text, growth, scale):
    if growth == "fresh":
        return "".join(random.choice(string.ascii_lowercase) for _ in range(scale))
    if growth == "one-char":
        return (text[:1] or "a") * scale
    base = text or "a"
    return (base * (scale // len(base) + 1))[:scale]


def reorder(value, order):
    if order == "as-is":
        return value
    if order == "reversed":
        items = list(value)[::-1]
    else:
        try:
            items = sorted(value)
        except TypeError:  # unorderable elements: left in their order
            items = list(value)
    return "".join(items) if type(value) is str else type(value)(items)


def generator(originals, recipe):
    """The recipe as an input generator: generate_input(scale, lid, cid) -> argument tuple."""
    k, i, growth, order = recipe
    base_args = originals[k]

    def generate_input(scale, lid, cid):
        value = base_args[i]
        t = type(value)
        if t is int:
            new = scale if growth == "set" else value * scale if value else scale
        elif growth == "words":
            new = " ".join(reorder(grow_words(value, scale), order))
        elif t is str:
            new = reorder(grow_string(value, growth, scale), order)
        else:
            new = reorder(type(value)(grow_sequence(value, growth, scale)), order)
        return base_args[:i] + (new,) + base_args[i + 1:]

    return generate_input


def choose_recipe(ctx, originals, generate_case):
    """(recipe, trace). Every recipe is measured at the probe scale and at GROWTH times it; the
    first recipe (in enumeration order) whose slow / fast ratio grows at least GROWTH_NEEDED
    times is chosen: the slow reference's cost per unit of size then rises with the size, which
    is what the search is after, and a quadratic-vs-linear pair (growth ~GROWTH) is far from the
    threshold, as is a pair of the same complexity (growth ~1), so noise rarely changes the
    choice. When no recipe grows that much, the largest ratio at the larger scale wins (ties
    within MARGIN to the first). The word recipes are the fallback: tried only when no other
    recipe gives inputs every reference answers, so they never change a choice made without them.
    (None, trace) when no recipe gives inputs every reference answers."""
    trace = []
    for stage in (recipes(originals), word_recipes(originals)):
        recipe, tried = _choose_from(ctx, stage, originals, generate_case)
        trace.extend(tried)
        if recipe is not None:
            return recipe, trace
    return None, trace


def _choose_from(ctx, candidates, originals, generate_case):
    small = ctx.cfg["fuzz_probe_scale"]
    large = small * GROWTH
    trace, probes, seen = [], [], set()
    for recipe in candidates:
        entry = {"recipe": describe(recipe)}
        trace.append(entry)
        gen = generator(originals, recipe)
        made = []
        for scale in (small, large):
            args, literal = generate_case(gen, scale, 0)
            if args is None:
                entry["discarded"] = literal
                break
            made.append((args, literal))
        else:
            if made[1][1] in seen:
                entry["discarded"] = "same input as an earlier recipe"
                continue
            seen.add(made[1][1])
            probes.append((recipe, entry, made[0][0], made[1][0]))
    # The deterministic meter looks at CPU times first (pj_hybrid); one reference's cost then
    # stands as its estimated instructions, so that counted and timed values share a unit.
    batch = (lambda inputs: timed_batch(ctx, inputs, ctx.cfg["rounds"])) if ctx.deterministic else (
        lambda inputs: measure_batch(ctx, inputs))
    smalls = batch([p[2] for p in probes])
    larges = batch([p[3] for p in probes])
    unit = instructions if ctx.deterministic and len(ctx.refs) == 1 else (lambda v: v)
    measured, handles = [], {id(p[1]): (p[2], p[3]) for p in probes}
    for (recipe, entry, _, _), (cost_s, why_s), (cost_l, why_l) in zip(probes, smalls, larges):
        if cost_s is None or cost_l is None:
            reason = why_s or why_l
            ctx.discard(reason)
            entry["discarded"] = reason
            continue
        entry["ratios"] = [unit(ratio(cost_s)), unit(ratio(cost_l))]
        entry["growth"] = entry["ratios"][1] / entry["ratios"][0]
        measured.append((recipe, entry))
    if not measured:
        return None, trace
    # One reference: its own cost must grow faster than the size (GROWTH x) by the same factor,
    # which a superlinear reference does (~GROWTH^2) and a linear one does not (<= GROWTH).
    needed = GROWTH_NEEDED if len(ctx.refs) > 1 else GROWTH_NEEDED * GROWTH
    if ctx.deterministic:
        return _decide_on_margins(ctx, measured, needed, pj_hybrid.recounter(ctx, handles, ratio)), trace
    growing = [(r, e) for r, e in measured if e["growth"] >= needed]
    if growing:
        recipe, entry = growing[0]
        entry["chosen"] = "first recipe whose %s grows %gx or more" % (
            "ratio" if len(ctx.refs) > 1 else "reference cost", needed)
    else:
        best = max(e["ratios"][1] for _, e in measured)
        recipe, entry = next((r, e) for r, e in measured if e["ratios"][1] * MARGIN >= best)
        entry["chosen"] = "none grows %gx: the largest at scale %d" % (needed, large)
    return recipe, trace


def ratio(costs):
    """Slow / fast with several references; with one, its cost (growth is then its own growth)."""
    return costs[-1] / max(costs[0], 1e-12) if len(costs) > 1 else costs[0]


def _decide_on_margins(ctx, measured, needed, recount):
    """choose_recipe's rule on the deterministic meter: times decide far from the thresholds,
    counts near them (pj_hybrid)."""
    got = pj_hybrid.resolve_growth(ctx, measured, needed, recount)
    if got is not None:
        got[1]["chosen"] = "first recipe whose %s grows %gx or more" % (
            "ratio" if len(ctx.refs) > 1 else "reference cost", needed)
        return got[0]
    recipe, entry = pj_hybrid.resolve_largest(measured, MARGIN)
    entry["chosen"] = "none grows %gx: the largest at scale %d" % (needed, ctx.cfg["fuzz_probe_scale"] * GROWTH)
    return recipe
