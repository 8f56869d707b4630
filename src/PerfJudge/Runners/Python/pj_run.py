"""One program over a list of cases in one fresh candidate process, each call measured: what the
efficiency grader, the measure request and the stress search all run. Layer 4 (graders, lowest):
imports pj_cgroup, pj_process, pj_verdicts, pj_meters, pj_cases.

Cost of one case = the meter's reading (default: on-CPU time of the candidate process, all its
threads, exited ones too: pj_meters.cpu_ns) from just before its arguments are sent until its whole
reply has arrived, read by this trusted process. It includes unmarshalling the arguments and
encoding the result, which references pay alike; it excludes everything before and after, so work
hidden in those phases is still counted. Each run is a new process, so nothing computed for one
repetition helps the next.
"""
import time

import pj_cgroup
from pj_cases import check_output
from pj_meters import make_meter
from pj_process import CandidateGone, NotPlainResult, reply_value
from pj_verdicts import ended_verdict, finalize, load_program, stray_processes

FAR_OVER = 5.0  # a case this many times over its level's CPU limit stops the program early
RESOURCE_ERRORS = ("MemoryError", "OverflowError")


def censors_resource_errors(request):
    """ENAMEL's protocol: a MemoryError or OverflowError on a scored level censors it (the sample
    keeps its earlier levels and passes) instead of failing the sample."""
    return (request.get("protocol") or {}).get("resource_errors") == "censor"


def run_program(source, program, request, cases, answers, check, case_limits, meter_name, warmups=None):
    """Runs every case in one fresh process. Returns a dict: verdict, detail, times (seconds per
    case, None after the program stopped), outputs (when answers is None), exceeded_level, and
    what finalize adds. The first case is also run once before, unmeasured (warm-up); with
    warmups ({level: args}, inputs that are not among the cases), one unmeasured call on the
    level's warm-up input precedes its first case."""
    limits = request["limits"]
    cand = source.spawn()
    result = {"times": [None] * len(cases), "exceeded_level": None}
    try:
        meter = make_meter(meter_name, cand)  # before the program is loaded
        deadline = time.monotonic() + limits["wall_seconds"]
        failure = load_program(cand, program, request["entry_point"], limits, deadline)
        if failure is not None:
            result.update(failure)
            return finalize(result, cand, limits)
        outputs = []
        # Import is not measured (ENAMEL's protocol) but bounded (deadline, RLIMIT_CPU) and reported.
        load_ns = pj_cgroup.cpu_since(cand.cgroup_mark)
        result["load_cpu_s"] = load_ns * 1e-9 if load_ns is not None else None
        stray = stray_processes(cand, "after loading")
        if stray is not None:
            result.update(stray)
            return finalize(result, cand, limits)
        if cases:
            # Warm-up on the first (level-0, unscored) case: the first call in a fresh process
            # pays for cold code paths.
            try:
                cand.call(cases[0][1], deadline)
            except CandidateGone as gone:
                result.update(ended_verdict(cand, str(gone), limits))
                return finalize(result, cand, limits)
            stray = stray_processes(cand, "after the warm-up call")
            if stray is not None:
                result.update(stray)
                return finalize(result, cand, limits)
        warmed = set()
        for i, (level, args) in enumerate(cases):
            wall_limit = case_limits[level][1] if case_limits else limits["wall_seconds"]
            if warmups and level in warmups and level not in warmed:
                warmed.add(level)
                try:
                    cand.call(warmups[level], time.monotonic() + wall_limit)
                except CandidateGone as gone:
                    if str(gone) == "timeout" and case_limits and level > 0:
                        result["exceeded_level"] = level
                        break
                    result.update(ended_verdict(cand, str(gone), limits))
                    return finalize(result, cand, limits)
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
            after = meter()
            stray = stray_processes(cand, "after case %d" % i)
            if stray is None and (before is None or after is None):
                stray = {"verdict": "crashed", "detail": "the measured process ended during case %d" % i}
            if stray is not None:
                result.update(stray)
                return finalize(result, cand, limits)
            cost = after - before
            result["times"][i] = cost
            try:
                output = reply_value(reply)
            except NotPlainResult as bad:
                result.update({"verdict": "failed", "detail": "case %d: %s" % (i, bad)})
                return finalize(result, cand, limits)
            except CandidateGone as gone:  # a reply that is no reply: this program only
                result.update(ended_verdict(cand, str(gone), limits))
                return finalize(result, cand, limits)
            except Exception as exc:
                name, message = getattr(exc, "perfjudge_raised", (type(exc).__name__, str(exc)))
                if name in RESOURCE_ERRORS and censors_resource_errors(request) and case_limits and level > 0:
                    result["exceeded_level"] = level  # ENAMEL: out of memory or range ends the level, like a timeout
                    break
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
