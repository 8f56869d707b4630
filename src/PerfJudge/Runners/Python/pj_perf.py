"""Efficiency grader of one task ("perf" request): generated inputs per level, references and
samples measured in the same worker, interleaved round by round, each round in fresh processes.
Layer 4 (graders): imports pj_run, pj_cases, pj_meters."""
from pj_cases import check_output, generate_cases, load_checker
from pj_meters import median, pin
from pj_run import run_program


def judge_task(request, source):
    pin(request)
    cases = generate_cases(request)
    check = load_checker(request)  # checkers may use the prompt's helpers (poly in HumanEval/32)
    meter = request.get("meter") or "cpu"
    rounds = max(1, int(request.get("rounds", 1)))
    alpha = float(request.get("alpha", 2.0))
    refs = request["references"]
    samples = request["samples"]
    ref_runs = [[] for _ in refs]
    sample_runs = [[] for _ in samples]
    answers = None
    case_limits = None
    for rnd in range(rounds):
        for r, program in enumerate(refs):
            run = run_program(source, program, request, cases, answers, check, None, meter)
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
        if case_limits is None:
            # Only the first limit_references references (default: all) set the limits.
            case_limits = limits_from(cases, ref_runs[:request.get("limit_references") or len(refs)],
                                      alpha, request["limits"])
        for s, program in enumerate(samples):
            if sample_runs[s] and sample_runs[s][-1].get("verdict") != "passed":
                continue  # a failed sample is not measured again
            sample_runs[s].append(run_program(source, program, request, cases, answers, check,
                                              case_limits, meter))
    return {"verdict": "passed", "cases": len(cases),
            "case_levels": [level for level, _ in cases],
            "level_limits": [case_limits[lv][0] for lv in range(len(request["levels"]))],
            "references": [summarize(runs) for runs in ref_runs],
            "samples": [summarize(runs) for runs in sample_runs]}


def limits_from(cases, ref_runs, alpha, limits):
    """Per level: (CPU limit = alpha x slowest reference case, wall limit for one case)."""
    levels = {}
    for runs in ref_runs:
        for run in runs:
            for (level, _), t in zip(cases, run["times"]):
                levels[level] = max(levels.get(level, 0.0), t or 0.0)
    out = {}
    for level, slowest in levels.items():
        cpu_limit = alpha * slowest
        out[level] = (cpu_limit, min(limits["wall_seconds"], max(0.5, 10 * cpu_limit)))
    return out


def summarize(runs):
    """Median time per case over the rounds that reached it; the verdict of the last round."""
    last = runs[-1]
    times = []
    for i in range(len(last["times"])):
        values = [r["times"][i] for r in runs if r["times"][i] is not None]
        times.append(median(values) if values else None)
    exceeded = [r["exceeded_level"] for r in runs if r["exceeded_level"] is not None]
    return {"verdict": last.get("verdict"), "detail": last.get("detail"), "times": times,
            "rounds": len(runs), "exceeded_level": min(exceeded) if exceeded else None,
            "max_rss_kb": max(r.get("max_rss_kb", 0) for r in runs),
            "load_cpu_s": max((r["load_cpu_s"] for r in runs if r.get("load_cpu_s") is not None), default=None),
            "cpu_s": sum(r.get("cpu_user_s", 0) + r.get("cpu_sys_s", 0) for r in runs)}
