"""The stress search's decision rule on the deterministic meter (docs/stress.md, "Decided on
time far from a threshold, on counts near it"): every decision compares a cost (or a ratio of
costs) with a threshold. The native CPU time decides when it is far from the threshold, by more
than a margin that covers both the machine's timing noise under load and how far a program's
instructions per second stray from RATE; inside the margin the decision is taken again on
callgrind's instruction counts. Either way the outcome is the one the counts would give, so two
runs take the same decisions, while valgrind (~100x) runs only for the few decisions near a
threshold. Layer 2: pure, imports nothing of the harness.

COST_MARGIN applies to a single cost converted to instructions (seconds x RATE); RATIO_MARGIN
to the growth of a cost between the fuzzing probes (pj_hybrid.resolve_growth)."""

RATE = 4e9           # instructions per CPU second, Python code natively here: median 3.4e9 on the
# HumanEval+ runs, but 4.4e5-2.8e10 at the extremes while the timed cost was the round trip
# (moving arguments and results, which the count leaves out); since stop 28 it is the call alone
# (pj_refcosts.Context.timed_request), and C-level work still runs above RATE (docs/stress.md)
COST_MARGIN = 4.0    # a cost estimated from time must be 4x away from its threshold
RATIO_MARGIN = 3.0   # a growth from times must be 3x above its threshold to decide (pj_hybrid)

ABOVE, BELOW, INSIDE = 1, -1, 0


def instructions(seconds):
    """A CPU time as an estimated instruction count."""
    return seconds * RATE


def budget_side(seconds, rates, budget):
    """Where a timed cost lies against the budget, in instructions: ABOVE only when it is over
    COST_MARGIN x budget even at the task's own lowest counted rate (rates: counts / CPU seconds
    of its counted steps; RATE when lower or none), BELOW when under budget / COST_MARGIN at RATE,
    else INSIDE (count it). A task whose Python runs at a fraction of RATE (HumanEval/42: 8.3e8
    per second on lists of fresh ints) is then counted near the budget instead of being declared
    over it on a slow timing under load."""
    if side(seconds * min([RATE] + list(rates)), budget, COST_MARGIN) == ABOVE:
        return ABOVE
    return BELOW if side(instructions(seconds), budget, COST_MARGIN) == BELOW else INSIDE


def side(value, threshold, margin):
    """ABOVE when value > threshold * margin, BELOW when value < threshold / margin, else INSIDE
    (the decision needs a count)."""
    if value > threshold * margin:
        return ABOVE
    if value < threshold / margin:
        return BELOW
    return INSIDE
