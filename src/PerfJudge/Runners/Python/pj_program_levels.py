"""Efficiency of whole programs ("program_perf" request, docs/wire.md): the task's input generator
runs here, on the trusted side, and makes the stdin of every case of every level; the first
reference's stdout is each case's expected output; the references and every distinct sample are
then run on every case, interleaved round by round (a fresh sandboxed process per case and
round), each case's cost read from the kernel (wait4 rusage of that process, or its wall time).
The reply has the shape of a "perf" reply, so the engine scores it with the same code (eff@k,
DPS, speedup). Layer 4 (graders): imports pj_cases, pj_checkers, pj_perf, pj_program.

A level's CPU limit is alpha x the slowest limiting reference's worst case on it (as pj_perf);
a sample's case that ends over FAR_OVER x that limit, or by the wall limit, stops the sample's
round there with exceeded_level set (a level past its limit scores 0, and so do later ones)."""
import hashlib
import json
import random

from pj_cases import compiled
from pj_checkers import builtin
from pj_meters import estimator
from pj_perf import summarize
from pj_program import Runnable, judge_output, peak_memory, resource_verdict

FAR_OVER = 5.0
_inputs = {}


def generate_inputs(request):
    """[(level, stdin text)], made once per (task, seed, generator, levels) and kept. A level with
    literal inputs uses them; else case cid of level lid is generate_input(size, lid, cid) with
    random seeded by "seed/task_id/lid/cid" (as the function suites); it must return a str."""
    key = (request["task_id"], request["seed"], hashlib.sha256(request["generator"].encode()).hexdigest(),
           hashlib.sha256(json.dumps(request["levels"], sort_keys=True).encode()).hexdigest())
    cases = _inputs.get(key)
    if cases is not None:
        return cases
    generate = None
    if request["generator"]:
        ns = {"__name__": "__generator__"}
        exec(compiled(request["generator"], "<input_generator>"), ns)
        generate = ns["generate_input"]
    cases = []
    for lid, level in enumerate(request["levels"]):
        if level.get("inputs") is not None:
            cases.extend((lid, text) for text in level["inputs"])
            continue
        for cid in range(level["count"]):
            random.seed("%s/%s/%d/%d" % (request["seed"], request["task_id"], lid, cid))
            text = generate(level["size"], lid, cid)
            if type(text) is not str:
                raise TypeError("generate_input(%d, %d, %d) returned %s, not the str of a stdin"
                                % (level["size"], lid, cid, type(text).__name__))
            cases.append((lid, text))
    if len(_inputs) > 16:
        _inputs.clear()
    _inputs[key] = cases
    return cases


def level_limits(cases, ref_runs, alpha, wall_seconds):
    """Per level: (CPU limit = alpha x slowest limiting reference case, wall limit of one case)."""
    slowest = {}
    for runs in ref_runs:
        for run in runs:
            for (level, _), t in zip(cases, run["times"]):
                slowest[level] = max(slowest.get(level, 0.0), t or 0.0)
    return {level: (alpha * t, min(wall_seconds, max(2.0, 10 * alpha * t))) for level, t in slowest.items()}


def run_cases(source, program, cases, answers, checker, case_limits, meter):
    """One round of one program over every case, a fresh process per case. Returns the round's
    dict: verdict, detail, times, exceeded_level, max_rss_kb, peak_memory_bytes, cpu_user_s, and
    outputs (when answers is None: the expected outputs are being made)."""
    result = {"times": [None] * len(cases), "exceeded_level": None, "max_rss_kb": 0, "cpu_user_s": 0.0,
              "verdict": "passed"}
    outputs = []
    peaks = []
    for i, (level, stdin) in enumerate(cases):
        limits = program.limits
        if case_limits is not None and level in case_limits:
            cpu_limit, wall_limit = case_limits[level]
            limits = dict(limits, wall_seconds=min(limits["wall_seconds"], wall_limit),
                          cpu_seconds=min(limits["cpu_seconds"], max(1.0, FAR_OVER * cpu_limit)))
        run = program.run(source, {"input": stdin}, stdin="input", limits=limits)
        result["cpu_user_s"] += run.cpu
        result["max_rss_kb"] = max(result["max_rss_kb"], run.max_rss_kb)
        peaks.append(peak_memory(run))
        failure = resource_verdict(run, limits)
        if failure is not None:
            if failure[0] == "timeout" and case_limits is not None and level > 0:
                result["exceeded_level"] = level
                break
            result.update(verdict=failure[0], detail="level case %d (level %d): %s" % (i, level, failure[1]))
            break
        cost = run.cpu if meter == "cpu" else run.wall
        result["times"][i] = cost
        if answers is None:
            outputs.append(run.out)
        else:
            test = {"input": stdin, "output": answers[i].decode("utf-8", "surrogateescape")}
            verdict, _, detail = judge_output(source, checker, test, run.out)
            if verdict != "passed":
                result.update(verdict=verdict, detail="level case %d (level %d): %s" % (i, level, detail or verdict))
                break
        if case_limits is not None and level > 0 and cost > FAR_OVER * case_limits[level][0]:
            result["exceeded_level"] = level
            break
    if peaks:
        result["peak_memory_bytes"] = max(p["peak_memory_bytes"] for p in peaks)
        result["peak_memory"] = "rusage" if any(p["peak_memory"] == "rusage" for p in peaks) else peaks[0]["peak_memory"]
    if answers is None and result["verdict"] == "passed":
        result["outputs"] = outputs
    return result


def judge_program_task(request, source):
    """kind "program_perf": references and samples measured on the generated cases."""
    spec = request["checker"]
    checker = Runnable(source, spec, request["checker_limits"]) if type(spec) is dict else builtin(spec)
    if checker is None:
        return {"verdict": "sandbox_error", "detail": "unknown checker %r" % (spec,)}
    try:
        cases = generate_inputs(request)
    except Exception as exc:  # the suite's generator: a fault of the task, not of a sample
        return {"verdict": "sandbox_error", "detail": "input_generator failed: %s: %s" % (type(exc).__name__, exc)}
    meter = request.get("meter") or "cpu"
    rounds = max(1, int(request.get("rounds", 1)))
    refs = [Runnable(source, p, p["limits"]) for p in request["references"]]
    samples = [Runnable(source, p, p["limits"]) for p in request["samples"]]
    ref_runs = [[] for _ in refs]
    sample_runs = [[] for _ in samples]
    answers = None
    case_limits = None
    for _ in range(rounds):
        for r, program in enumerate(refs):
            run = run_cases(source, program, cases, answers, checker, None, meter)
            if run["verdict"] != "passed":
                return {"verdict": "sandbox_error", "detail": "reference %d failed: %s %s" % (r, run["verdict"], run.get("detail"))}
            if answers is None:
                answers = run.pop("outputs")
                for i, (_, stdin) in enumerate(cases):  # the checker must accept the reference's own output
                    test = {"input": stdin, "output": answers[i].decode("utf-8", "surrogateescape")}
                    if judge_output(source, checker, test, answers[i])[0] != "passed":
                        return {"verdict": "sandbox_error", "detail": "the checker rejects the reference's output on case %d" % i}
            ref_runs[r].append(run)
        if case_limits is None:
            limiting = ref_runs[:request.get("limit_references") or len(refs)]
            case_limits = level_limits(cases, limiting, float(request.get("alpha", 2.0)), request["limits"]["wall_seconds"])
        for s, program in enumerate(samples):
            if sample_runs[s] and sample_runs[s][-1]["verdict"] != "passed":
                continue  # a failed sample is not run again
            sample_runs[s].append(run_cases(source, program, cases, answers, checker, case_limits, meter))
    return {"verdict": "passed", "cases": len(cases), "case_levels": [level for level, _ in cases],
            "level_limits": [case_limits.get(lv, (0.0, 0.0))[0] for lv in range(len(request["levels"]))],
            "references": [_summary(runs) for runs in ref_runs], "samples": [_summary(runs) for runs in sample_runs]}


def _summary(runs):
    out = summarize(runs, estimator("median"))  # the median over rounds, as for functions by default
    peaks = [r for r in runs if r.get("peak_memory_bytes") is not None]
    if peaks:
        out["peak_memory_bytes"] = max(r["peak_memory_bytes"] for r in peaks)
        out["peak_memory"] = "rusage" if any(r["peak_memory"] == "rusage" for r in peaks) else peaks[0]["peak_memory"]
    return out

