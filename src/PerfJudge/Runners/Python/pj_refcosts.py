"""The stress search's measurements: the costs of a task's references on inputs, and whether
every reference answers them. Layer 4 (graders): imports pj_run, pj_cases, pj_meters, pj_cgcount,
pj_literal; used by pj_fuzz and pj_stress.

With the deterministic meter (callgrind) every cost is an instruction count (pj_cgcount) and
correctness is still decided on the ordinary path: one native run per program, whose verdicts
(raised, wrong, caps) are functions of the program and the input, not of timing (except a
timeout, seconds away from any budget here)."""
import time

import pj_literal
from pj_cases import check_output, load_checker
from pj_cgcount import Censored, count_calls
from pj_margin import ABOVE, COST_MARGIN, instructions, side
from pj_meters import median
from pj_run import run_program

DETERMINISTIC = ("callgrind",)

VERDICT_REASONS = {"error": "reference raised", "timeout": "reference timed out",
                   "failed": "references disagree", "memory_limit": "memory cap",
                   "crashed": "reference crashed", "output_limit": "output cap"}


class Context:
    """Everything the search needs about one task."""

    def __init__(self, request, source):
        self.request, self.source = request, source
        self.cfg = request["stress"]
        self.refs = request["references"]
        self.samples = request.get("samples") or []  # optional: their cost spread guides selection
        self.meter = request.get("meter") or "cpu"
        self.deterministic = self.meter in DETERMINISTIC
        # The deterministic meter's first look times the call alone (the split window), as
        # callgrind counts it: a round trip also times encoding the result, which can grow faster
        # than the call (HumanEval/106: a list of factorials, whose decimal encoding timed a
        # recipe's growth at 163-208x where the call counts 41x), so time and count disagreed
        # beyond the margins and one run decided on time what the other counted (stop 28).
        self.timed_request = dict(request, protocol=dict(request.get("protocol") or {}, window="split")) \
            if self.deterministic else request
        self.check = load_checker(request)
        self.warm = None
        self.discarded = {}
        self.notes = []
        self.counted = 0  # deterministic meter: calls counted under callgrind, and the wall time spent
        self.callgrind_s = 0.0
        self.decided = {"time": 0, "count": 0}  # deterministic meter: decisions, by what took them
        self.rates = []  # instructions per CPU second of this task's counted ladder steps (pj_hybrid)

    def discard(self, reason):
        self.discarded[reason] = self.discarded.get(reason, 0) + 1


def measure_inputs(ctx, inputs, rounds):
    """(median cost per reference per input ([ref][input]), None, None), or (None, reason,
    detail). Each reference runs all inputs in one fresh process per round, after an unmeasured
    warm-up call on ctx.warm. With the deterministic meter: one native round (correctness), then
    the instruction counts of one callgrind run per reference."""
    if not ctx.deterministic:
        return timed_costs(ctx, inputs, rounds)
    _, reason, detail = timed_costs(ctx, inputs, 1)
    if reason is not None:
        return None, reason, detail
    literals = [pj_literal.dumps(args) for args in inputs]
    counts = []
    for r, program in enumerate(ctx.refs):
        got, why = count_calls(ctx.source, program, ctx.request["entry_point"], pj_literal.dumps(ctx.warm), literals,
                               ctx.request["limits"])
        if got is None:
            return None, "callgrind failed", "reference %d: %s" % (r, why)
        counts.append(got)
    return counts, None, None


def count_batch(ctx, inputs, cap=None):
    """Instruction counts of every reference on inputs: ([ref][input], None) or (None, detail).
    One callgrind run per reference over all of them (a count does not depend on timing); with
    `cap`, a call reaching it is Censored(cap) (pj_cgcount)."""
    counts = []
    started = time.monotonic()
    try:
        for r, program in enumerate(ctx.refs):
            got, why = count_calls(ctx.source, program, ctx.request["entry_point"], pj_literal.dumps(ctx.warm),
                                   [pj_literal.dumps(args) for args in inputs], ctx.request["limits"], cap=cap)
            if got is None:
                return None, "reference %d: %s" % (r, why)
            counts.append(got)
    finally:
        ctx.counted += len(inputs) * len(ctx.refs)
        ctx.callgrind_s += time.monotonic() - started
    return counts, None


def timed_batch(ctx, inputs, rounds):
    """measure_batch on CPU time (the deterministic meter's first look, pj_margin)."""
    if not inputs:
        return []
    costs, _, _ = timed_costs(ctx, inputs, rounds)
    if costs is not None:
        return [([c[i] for c in costs], None) for i in range(len(inputs))]
    out = []
    for args in inputs:
        got, reason, _ = timed_costs(ctx, [args], rounds)
        out.append(([c[0] for c in got], None) if got else (None, reason))
    return out


def first_failure(ctx, inputs):
    """(index, reason, detail) of the first input on which a reference fails natively (raises,
    disagrees, caps), or (None, None, None): all of them in one process per reference, one by
    one in order when that fails."""
    _, reason, detail = timed_costs(ctx, inputs, 1)
    if reason is None:
        return None, None, None
    for i, args in enumerate(inputs):
        _, reason, detail = timed_costs(ctx, [args], 1)
        if reason is not None:
            return i, reason, detail
    return None, None, None


def timed_costs(ctx, inputs, rounds, meter=None):
    """measure_inputs on a timed meter (default: the context's; cpu with the deterministic one,
    on the call alone: Context.timed_request): the report's seconds beside the counts."""
    meter = meter or ("cpu" if ctx.deterministic else ctx.meter)
    cases = [(0, ctx.warm)] + [(1, args) for args in inputs]
    costs = [[[] for _ in inputs] for _ in ctx.refs]
    answers = None
    for _ in range(rounds):
        for r, program in enumerate(ctx.refs):
            run = run_program(ctx.source, program, ctx.timed_request, cases, answers, ctx.check, None, meter)
            if run.get("verdict") != "passed" or None in run["times"]:
                verdict = run.get("verdict") or "crashed"
                detail = run.get("detail") or ""
                if verdict == "error" and "MemoryError" in detail:
                    verdict = "memory_limit"
                return None, VERDICT_REASONS.get(verdict, verdict), "reference %d: %s %s" % (r, verdict, detail)
            if answers is None:
                answers = run.pop("outputs")
                for i, (_, args) in enumerate(cases):
                    if not check_output(ctx.check, args, answers[i], answers[i]):
                        return None, "references disagree", "the checker rejects reference 0's output"
            for i in range(len(inputs)):
                costs[r][i].append(run["times"][i + 1])
    return [[median(c) for c in per_ref] for per_ref in costs], None, None


def evaluate(ctx, args, rounds):
    """Costs per reference on one input (one input per process, so one bad input costs nothing
    else), or (None, reason, detail)."""
    costs, reason, detail = measure_inputs(ctx, [args], rounds)
    return ([c[0] for c in costs] if costs else None), reason, detail


def sample_costs(ctx, args, answers, rounds):
    """Cost of every sample on one input (median over rounds, one fresh process each), None for
    a sample that is wrong, raises or crashes on it: only correct samples count in a spread. A
    sample stopped at the time limit counts with the limit (a lower bound of its cost): the
    slowest samples are what a spread is after."""
    cases = [(0, ctx.warm), (1, args)]
    out = []
    for program in ctx.samples:
        values = []
        for _ in range(rounds):
            run = run_program(ctx.source, program, ctx.request, cases, answers, ctx.check, None, ctx.meter)
            if run.get("verdict") == "timeout" and ctx.meter in ("cpu", "wall", "task-clock"):
                values = [ctx.request["limits"]["wall_seconds"]]
                break
            if run.get("verdict") != "passed" or run["times"][1] is None:
                values = None
                break
            values.append(run["times"][1])
        out.append(median(values) if values else None)
    return out


def samples_on(ctx, inputs):
    """Per input, every sample's cost on it (sample_costs). With the deterministic meter each
    sample is judged natively on all inputs at once (input by input when it fails one) and its
    instructions counted in one callgrind run over the inputs it is correct on; a sample that
    fails, or times out natively, has no cost on that input."""
    if not ctx.deterministic:
        out = []
        for args in inputs:
            answers = reference_answers(ctx, args)
            out.append(sample_costs(ctx, args, answers, ctx.cfg["rounds"]) if answers else [None] * len(ctx.samples))
        return out
    out = [[None] * len(ctx.samples) for _ in inputs]
    answers = _answers(ctx, inputs)
    if answers is None:
        return out
    cap = SAMPLE_CAP * ctx.cfg["budget"]
    for s, program in enumerate(ctx.samples):
        native = _native_costs(ctx, program, inputs, answers)
        todo = []
        for i, seconds in enumerate(native):
            if seconds == "timeout" or (seconds is not None and
                                        side(instructions(seconds), cap, COST_MARGIN) == ABOVE):
                out[i][s] = Censored(cap)  # far over the cap: what a count would report
                ctx.decided["time"] += 1
            elif seconds is not None:
                todo.append(i)
        if not todo:
            continue
        started = time.monotonic()
        counts, why = count_calls(ctx.source, program, ctx.request["entry_point"], pj_literal.dumps(ctx.warm),
                                  [pj_literal.dumps(inputs[i]) for i in todo], ctx.request["limits"], cap=cap)
        ctx.callgrind_s += time.monotonic() - started
        ctx.counted += len(todo)
        ctx.decided["count"] += len(todo)
        if counts is None:
            ctx.notes.append("sample %d not counted: %s" % (s, why))
        for i, count in zip(todo, counts or []):
            out[i][s] = count
    return out


SAMPLE_CAP = 10  # a sample's count on one input is censored at this many times the budget


def _answers(ctx, inputs):
    """Reference 0's outputs on [warm-up input] + inputs, or None."""
    cases = [(0, ctx.warm)] + [(1, args) for args in inputs]
    run = run_program(ctx.source, ctx.refs[0], ctx.request, cases, None, ctx.check, None, "cpu")
    return run.get("outputs") if run.get("verdict") == "passed" else None


def _native_costs(ctx, program, inputs, answers):
    """Per input, the program's CPU seconds when it answers correctly (natively), "timeout" when
    it runs out of time, else None: all inputs in one run when it passes them all, else one run
    per input."""
    def run(indices):
        cases = [(0, ctx.warm)] + [(1, inputs[i]) for i in indices]
        expected = [answers[0]] + [answers[i + 1] for i in indices]
        return run_program(ctx.source, program, ctx.request, cases, expected, ctx.check, None, "cpu")
    everything = list(range(len(inputs)))
    whole = run(everything)
    if whole.get("verdict") == "passed":
        return whole["times"][1:]
    out = []
    for i in everything:
        one = run([i]) if len(inputs) > 1 else whole
        verdict = one.get("verdict")
        out.append(one["times"][1] if verdict == "passed" else "timeout" if verdict == "timeout" else None)
    return out


def reference_answers(ctx, args):
    """Reference 0's outputs on [warm-up input, args] (the answers samples are checked against)."""
    run = run_program(ctx.source, ctx.refs[0], ctx.request, [(0, ctx.warm), (1, args)], None, ctx.check,
                      None, ctx.meter)
    return run.get("outputs") if run.get("verdict") == "passed" else None


def measure_batch(ctx, inputs):
    """[(costs per reference, None) or (None, reason)] per input: the whole batch in one process
    per reference and round; when a reference fails on the batch, each input again alone."""
    if not inputs:
        return []
    costs, _, _ = measure_inputs(ctx, inputs, ctx.cfg["rounds"])
    if costs is not None:
        return [([c[i] for c in costs], None) for i in range(len(inputs))]
    return [evaluate(ctx, args, ctx.cfg["rounds"])[:2] for args in inputs]
