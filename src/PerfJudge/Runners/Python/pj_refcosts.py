"""The stress search's measurements: the costs of a task's references on inputs, and whether
every reference answers them. Layer 4 (graders): imports pj_run, pj_cases, pj_meters; used by
pj_fuzz and pj_stress."""
from pj_cases import check_output, load_checker
from pj_meters import median
from pj_run import run_program

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
        self.check = load_checker(request)
        self.warm = None
        self.discarded = {}
        self.notes = []

    def discard(self, reason):
        self.discarded[reason] = self.discarded.get(reason, 0) + 1


def measure_inputs(ctx, inputs, rounds):
    """(median cost per reference per input ([ref][input]), None, None), or (None, reason,
    detail). Each reference runs all inputs in one fresh process per round, after an unmeasured
    warm-up call on ctx.warm."""
    cases = [(0, ctx.warm)] + [(1, args) for args in inputs]
    costs = [[[] for _ in inputs] for _ in ctx.refs]
    answers = None
    for _ in range(rounds):
        for r, program in enumerate(ctx.refs):
            run = run_program(ctx.source, program, ctx.request, cases, answers, ctx.check,
                              None, ctx.meter)
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
