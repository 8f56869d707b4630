"""Efficiency judging of one task: generated inputs per level, references and samples measured
in the same worker, interleaved round by round, each round in fresh processes.

Cost of one case = on-CPU time of the candidate process (all its threads, exited ones too: the
process CPU clock, pj_checker.cpu_ns) from just before its arguments are sent until its whole
reply has arrived, read by this trusted process. It includes unmarshalling the arguments and encoding the result, which references pay
alike; it excludes everything before and after, so work hidden in those phases is still counted.
Each round runs in new processes, so nothing computed for one repetition helps the next.
"""
import hashlib
import json
import os
import random
import time

from pj_checker import CandidateGone, NotPlainResult, cpu_ns, ended_verdict, finalize, reply_value
import pj_counters
import pj_enamel_helpers
import pj_literal

_inputs = {}
FAR_OVER = 5.0


def generate_cases(request):
    """[(level, args)] for the task, generated once per (task, seed, generator, levels) and kept.
    A level that carries literal inputs (Python literals of argument tuples) uses them as they are."""
    key = (request["task_id"], request["seed"],
           hashlib.sha256(request["generator"].encode()).hexdigest(),
           hashlib.sha256(json.dumps(request["levels"], sort_keys=True).encode()).hexdigest())
    cases = _inputs.get(key)
    if cases is not None:
        return cases
    generate = None
    if request["generator"]:
        ns = pj_enamel_helpers.namespace()
        exec_prompt(request, ns)  # generators may use the prompt's helpers (encode_cyclic, ...)
        exec(compile(request["generator"], "<generator>", "exec"), ns)
        generate = ns["generate_input"]
    cases = []
    for lid, level in enumerate(request["levels"]):
        if level.get("inputs") is not None:
            cases.extend((lid, pj_literal.parse_args(text)) for text in level["inputs"])
            continue
        for cid in range(level["count"]):
            random.seed("%s/%s/%d/%d" % (request["seed"], request["task_id"], lid, cid))
            args = generate(level["size"], lid, cid)
            cases.append((lid, args if type(args) is tuple else (args,)))
    if len(_inputs) > 16:
        _inputs.clear()
    _inputs[key] = cases
    return cases


def exec_prompt(request, ns):
    try:
        exec(compile(request.get("prompt") or "", "<prompt>", "exec"), ns)
    except Exception:
        pass  # a prompt that is not a complete program only lacks its helpers


def run_program(source, program, request, cases, answers, check, case_limits, meter_name):
    """Runs every case in one fresh process. Returns a dict: verdict, detail, times (seconds per
    case, None after the program stopped), outputs (when answers is None), exceeded_level."""
    limits = request["limits"]
    cand = source.spawn()
    result = {"times": [None] * len(cases), "exceeded_level": None}
    try:
        meter = make_meter(meter_name, cand)  # before the program is loaded
        deadline = time.monotonic() + limits["wall_seconds"]
        failure = cand.load(program, request["entry_point"], limits, deadline)
        if failure is not None:
            result.update(failure)
            return finalize(result, cand, limits)
        outputs = []
        if cases:
            # Warm-up on the first (level-0, unscored) case: the first call in a fresh process
            # pays for cold code paths.
            try:
                cand.call(cases[0][1], deadline)
            except CandidateGone as gone:
                result.update(ended_verdict(cand, str(gone), limits))
                return finalize(result, cand, limits)
        for i, (level, args) in enumerate(cases):
            wall_limit = case_limits[level][1] if case_limits else limits["wall_seconds"]
            before = meter()
            started = time.monotonic()
            try:
                reply = cand.call(args, started + wall_limit)
            except CandidateGone as gone:
                if str(gone) == "timeout" and case_limits and level > 0:
                    result["exceeded_level"] = level  # too slow: this and later levels score 0
                    break
                result.update(ended_verdict(cand, str(gone), limits))
                return finalize(result, cand, limits)
            cost = meter() - before
            result["times"][i] = cost
            try:
                output = reply_value(reply)
            except NotPlainResult as bad:
                result.update({"verdict": "failed", "detail": "case %d: %s" % (i, bad)})
                return finalize(result, cand, limits)
            except Exception as exc:
                name, message = getattr(exc, "perfjudge_raised", (type(exc).__name__, str(exc)))
                result.update({"verdict": "error", "detail": "case %d: %s: %s" % (i, name, message)})
                return finalize(result, cand, limits)
            if answers is None:
                outputs.append(output)
            elif not check_output(check, args, answers[i], output):
                result.update({"verdict": "failed", "detail": "case %d (level %d): wrong output" % (i, level)})
                return finalize(result, cand, limits)
            # Whether a level exceeds its limit is decided on the medians over rounds (by the
            # engine); only a case far over the limit stops the program early, to save time.
            if case_limits and level > 0 and cost is not None and cost > FAR_OVER * case_limits[level][0]:
                result["exceeded_level"] = level
                break
        result["verdict"] = "passed"
        if answers is None:
            result["outputs"] = outputs
        return finalize(result, cand, limits)
    except BaseException:
        finalize(result, cand, limits)
        raise


def check_output(check, args, answer, output):
    try:
        return bool(check(args, answer, output))
    except Exception:
        return False


def make_meter(name, cand):
    """A function returning the candidate's cost so far, in the meter's unit: seconds for
    cpu/wall/task-clock, instructions for instructions."""
    if name in pj_counters.EVENTS:
        fd = pj_counters.open_counter(name, cand.pid)
        cand.extra_fds.append(fd)
        scale = 1e-9 if name == "task-clock" else 1.0
        return lambda: pj_counters.read_counter(fd)[0] * scale
    if name == "wall":
        return lambda: time.monotonic_ns() * 1e-9
    return lambda: (cpu_ns(cand.pid) or 0) * 1e-9


def pin(request):
    """Measured programs of this worker all run on the worker's own core."""
    cpu = os.environ.get("PERFJUDGE_CPU")
    if cpu is not None and cpu.isdigit():
        request["limits"]["pin_cpu"] = int(cpu)


def judge_task(request, source):
    pin(request)
    cases = generate_cases(request)
    ns = {"__name__": "__checker__"}
    exec_prompt(request, ns)  # checkers may use the prompt's helpers (poly in HumanEval/32)
    exec(compile(request["checker"], "<checker>", "exec"), ns)
    check = ns["__check"]
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
    """Median time per case over rounds; the verdict of the last round."""
    last = runs[-1]
    times = []
    for i in range(len(last["times"])):
        values = sorted(r["times"][i] for r in runs if r["times"][i] is not None)
        times.append(values[len(values) // 2] if values else None)
    exceeded = [r["exceeded_level"] for r in runs if r["exceeded_level"] is not None]
    return {"verdict": last.get("verdict"), "detail": last.get("detail"), "times": times,
            "rounds": len(runs), "exceeded_level": min(exceeded) if exceeded else None,
            "max_rss_kb": max(r.get("max_rss_kb", 0) for r in runs),
            "cpu_s": sum(r.get("cpu_user_s", 0) + r.get("cpu_sys_s", 0) for r in runs)}


def measure_program(request, source):
    """Measures one or more programs on one explicit input: `rounds` repetitions, each in a fresh
    process, alternating between the programs (A B A B ...) so that drift cancels in their ratio.
    Returns the per-repetition costs (seconds) of each program and its first output."""
    pin(request)
    meter = request.get("meter") or "cpu"
    args = request["args"]
    cases = [(0, tuple(args) if type(args) is list else (args,))]
    programs = request.get("programs") or [request["program"]]
    times = [[] for _ in programs]
    outputs = [None] * len(programs)
    rss = 0
    memory = meter == "peak-memory"  # cost = peak RSS (KiB) of the repetition's process
    for _ in range(max(1, int(request.get("rounds", 1)))):
        for p, program in enumerate(programs):
            run = run_program(source, program, request, cases, None, None, None, "cpu" if memory else meter)
            if run.get("verdict") != "passed":
                return {"verdict": run.get("verdict"), "detail": "program %d: %s" % (p, run.get("detail"))}
            times[p].append(float(run.get("max_rss_kb", 0)) if memory else run["times"][0])
            rss = max(rss, run.get("max_rss_kb", 0))
            if outputs[p] is None:
                outputs[p] = repr(run["outputs"][0])[:200]
    return {"verdict": "passed", "times": times, "max_rss_kb": rss, "outputs": outputs}
