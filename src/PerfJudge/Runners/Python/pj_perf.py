"""Efficiency grader of one task ("perf" request): generated inputs per level, references and
samples measured in the same worker, interleaved round by round, each round in fresh processes.
Layer 4 (graders): imports pj_run, pj_cases, pj_meters."""
import marshal

from pj_cases import check_output, generate_cases, load_checker, warmup_inputs
from pj_meters import estimator, pin
from pj_run import run_program


def judge_task(request, source):
    pin(request)
    protocol = request.get("protocol") or {}
    if protocol.get("gc") is False:
        request["limits"] = dict(request["limits"], gc=False)
    estimate = estimator(protocol.get("estimator"))
    task_wide = protocol.get("limit_scope") == "task"
    call_only = protocol.get("window") == "call"
    overhead_runs = []
    cases = generate_cases(request)
    warmups = warmup_inputs(request) if protocol.get("warmup") == "level" else None
    check = load_checker(request)  # checkers may use the prompt's helpers (poly in HumanEval/32)
    meter = request.get("meter") or "cpu"
    rounds = max(1, int(request.get("rounds", 1)))
    alpha = float(request.get("alpha", 2.0))
    refs = request["references"]
    samples = request["samples"]
    ref_runs = [[] for _ in refs]
    limiting = request.get("limit_references") or len(refs)  # the first ones set the limits
    scored = set(protocol.get("scored_levels") or [])  # the levels that carry hardness
    sample_runs = [[] for _ in samples]
    answers = None
    case_limits = None
    for rnd in range(rounds):
        for r, program in enumerate(refs):
            run = run_program(source, program, request, cases, answers, check, None, meter, warmups)
            if run.get("verdict") != "passed" or None in run["times"]:
                return {"verdict": "sandbox_error",
                        "detail": "reference %d failed: %s %s" % (r, run.get("verdict"), run.get("detail")),
                        "references": [run]}
            if answers is None:
                answers = run.pop("outputs")
                # A reference must agree with the task's checker on its own outputs.
                for i, (_, args) in enumerate(cases):
                    if not check_output(check, args, answers[i], answers[i]):
                        return {"verdict": "sandbox_error",
                                "detail": "the checker rejects the reference's output on case %d" % i}
            else:
                run.pop("outputs", None)
            ref_runs[r].append(run)
        if call_only:
            # The cost of a call that does no work: decoding the same arguments and encoding an
            # output equal to the answer, measured like any program (ENAMEL times the call alone).
            run = run_program(source, null_program(request["entry_point"], answers, call_order(cases, warmups)),
                              request, cases, None, check, None, meter, warmups)
            if run.get("verdict") == "passed" and None not in run["times"]:
                overhead_runs.append(run)  # a round it fails in (a busy machine) only loses precision
        if case_limits is None:
            # Only the first limit_references references (default: all) set the limits.
            case_limits = limits_from(cases, ref_runs[:limiting], alpha, request["limits"],
                                      scored if task_wide else None)
        for s, program in enumerate(samples):
            if sample_runs[s] and sample_runs[s][-1].get("verdict") != "passed":
                continue  # a failed sample is not measured again
            sample_runs[s].append(run_program(source, program, request, cases, answers, check,
                                              case_limits, meter, warmups))
    # Without one measured null run the window stays the round trip (the reply says so).
    overhead = summarize(overhead_runs, estimate)["times"] if overhead_runs else None
    references = [summarize(runs, estimate, overhead) for runs in ref_runs]
    # The limits that score (T per level) come from the references' estimates over all rounds;
    # the first round's limits above only set how long a case may run before it is stopped.
    level_limits = limits_from(cases, [[r] for r in references[:limiting]], alpha, request["limits"],
                               scored if task_wide else None)
    return {"verdict": "passed", "cases": len(cases), "window": "call" if overhead else "round-trip",
            "case_levels": [level for level, _ in cases],
            "level_limits": [level_limits[lv][0] for lv in range(len(request["levels"]))],
            "references": references,
            "samples": [summarize(runs, estimate, overhead) for runs in sample_runs]}


FLOOR = 1e-6  # a call's cost after the overhead is taken off is at least this (1 us)


def call_order(cases, warmups):
    """The case whose answer each call of run_program returns, in call order: the first warm-up
    on case 0, then each case, preceded by its level's warm-up (answered like the level's first case)."""
    order, warmed = [0], set()
    for i, (level, _) in enumerate(cases):
        if warmups and level in warmups and level not in warmed:
            warmed.add(level)
            order.append(i)
        order.append(i)
    return order


def null_program(entry_point, answers, order):
    """A trusted program whose entry point returns, on its k-th call, the answer of case order[k],
    and does nothing else."""
    blob = marshal.dumps([answers[i] for i in order]).hex()
    return ("import marshal\n_answers = marshal.loads(bytes.fromhex(%r))\n_calls = [0]\n\n\n"
            "def %s(*args):\n    i = _calls[0]\n    _calls[0] = i + 1\n"
            "    return _answers[min(i, len(_answers) - 1)]\n" % (blob, entry_point))


def limits_from(cases, ref_runs, alpha, limits, scored=None):
    """Per level: (CPU limit T, wall limit for one case). T = alpha x the slowest reference case
    on the level; with scored (the levels that carry hardness; ENAMEL's protocol) one T for the
    whole task: alpha x the slowest reference case over those levels."""
    levels = {}
    for runs in ref_runs:
        for run in runs:
            for (level, _), t in zip(cases, run["times"]):
                levels[level] = max(levels.get(level, 0.0), t or 0.0)
    if scored and any(lv in levels for lv in scored):
        slowest = max(t for lv, t in levels.items() if lv in scored)
        levels = {lv: slowest for lv in levels}
    out = {}
    for level, slowest in levels.items():
        cpu_limit = alpha * slowest
        out[level] = (cpu_limit, min(limits["wall_seconds"], max(0.5, 10 * cpu_limit)))
    return out


def summarize(runs, estimate, overhead=None):
    """Estimated time per case (median or Hodges-Lehmann) over the rounds that reached it, less
    the case's overhead when given (at least FLOOR); the verdict of the last round."""
    last = runs[-1]
    times = []
    for i in range(len(last["times"])):
        values = [r["times"][i] for r in runs if r["times"][i] is not None]
        t = estimate(values) if values else None
        times.append(max(FLOOR, t - overhead[i]) if t is not None and overhead else t)
    exceeded = [r["exceeded_level"] for r in runs if r["exceeded_level"] is not None]
    return {"verdict": last.get("verdict"), "detail": last.get("detail"), "times": times,
            "rounds": len(runs), "exceeded_level": min(exceeded) if exceeded else None,
            "max_rss_kb": max(r.get("max_rss_kb", 0) for r in runs),
            "load_cpu_s": max((r["load_cpu_s"] for r in runs if r.get("load_cpu_s") is not None), default=None),
            "cpu_s": sum(r.get("cpu_user_s", 0) + r.get("cpu_sys_s", 0) for r in runs)}
