"""The stress search's decision rule on the deterministic meter (docs/stress.md, "Decided on
time far from a threshold, on counts near it"): every decision compares a cost (or a ratio of
costs) with a threshold. The native CPU time decides when it is far from the threshold, by more
than a margin that covers both the machine's timing noise under load and how far a program's
instructions per second stray from RATE; inside the margin the decision is taken again on
callgrind's instruction counts. Either way the outcome is the one the counts would give, so two
runs take the same decisions, while valgrind (~100x) runs only for the few decisions near a
threshold. Layer 2: pure, imports nothing of the harness.

COST_MARGIN applies to a single cost converted to instructions (seconds x RATE); RATIO_MARGIN
to a ratio of two costs of the same program measured in one process (the rate cancels, mostly)."""

RATE = 4e9           # instructions per CPU second, Python code natively here (measured 2.6e9-7e9)
COST_MARGIN = 4.0    # a cost estimated from time must be 4x away from its threshold
RATIO_MARGIN = 3.0   # a growth or slow/fast ratio from times must be 3x above its threshold,
GROWTH_LOW_MARGIN = 8.0  # or 8x below it for a growth: timed growth between the fuzzing probes
# runs ~4x below the counted one (the small probe's time is mostly the call's fixed cost;
# HumanEval/0-1: count / time growth 2.7-4.5 on 79 recipes), so "below" needs more room

ABOVE, BELOW, INSIDE = 1, -1, 0


def instructions(seconds):
    """A CPU time as an estimated instruction count."""
    return seconds * RATE


def side(value, threshold, margin, low_margin=None):
    """ABOVE when value > threshold * margin, BELOW when value < threshold / low_margin (default:
    margin), else INSIDE (the decision needs a count)."""
    if value > threshold * margin:
        return ABOVE
    if value < threshold / (low_margin or margin):
        return BELOW
    return INSIDE
