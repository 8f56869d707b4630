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
from pj_process import CandidateGone, Known, NotPlainResult, reply_value
from pj_verdicts import ended_verdict, finalize, load_program, stray_processes

FAR_OVER = 5.0  # a case this many times over its level's CPU limit stops the program early
RESOURCE_ERRORS = ("MemoryError", "OverflowError")


def far_over(case_limits, level, cost):
    """Whether a scored case ran so far over its level's CPU limit that the program is stopped."""
    return bool(case_limits) and level > 0 and cost is not None and cost > FAR_OVER * case_limits[level][0]


def censors_resource_errors(request):
    """ENAMEL's protocol: a MemoryError or OverflowError on a scored level censors it (the sample
    keeps its earlier levels and passes) instead of failing the sample."""
    return (request.get("protocol") or {}).get("resource_errors") == "censor"


def batch_outputs(value, calls):
    """The reply to a batch: a list of one output per call."""
    if type(value) is not list or len(value) != calls:
        raise NotPlainResult("a batch of %d calls answered with something else than %d outputs" % (calls, calls))
    return value


def split_window(request):
    """The split window (docs/measurement.md): each case's cost is read in three parts: decoding the
    arguments, the call alone, and encoding and sending the reply."""
    return (request.get("protocol") or {}).get("window") == "split"


def run_program(source, program, request, cases, answers, check, case_limits, meter_name, warmups=None,
                batches=None, batch_answers=None, known=None, keep_frames=False):
    """Runs every case in one fresh process. Returns a dict: verdict, detail, times (seconds per
    case, None after the program stopped), outputs (when answers is None), exceeded_level, and
    what finalize adds. The first case is also run once before, unmeasured (warm-up); with
    warmups ({level: args}, inputs that are not among the cases), one unmeasured call on the
    level's warm-up input precedes its first case. With batches ({case: [args, ...]}, more
    inputs of the case's level), the case is called on its own input and those, one after the
    other in one window, and its times are per call (window / calls); their outputs are checked
    against batch_answers, or returned as batch_outputs when batch_answers is None.
    known: per case, the frame a trusted reference replied with on this very call (the run's
    "frames", returned with keep_frames); a reply equal to it byte for byte
    is that reference's output, so it is neither decoded nor checked again (pj_process.Known)."""
    limits = request["limits"]
    cand = source.spawn()
    result = {"times": [None] * len(cases), "exceeded_level": None}
    split = split_window(request)
    if batches:
        result["batch_sizes"] = [1 + len(batches.get(i, ())) for i in range(len(cases))]
    frames = [] if keep_frames else None
    if frames is not None:
        result["frames"] = frames
    if split:
        result["decode_times"] = [None] * len(cases)
        result["encode_times"] = [None] * len(cases)
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
            marks = {}
            extra = batches.get(i) if batches else None
            same = None
            if known is not None and answers is not None and (not extra or batch_answers is not None):
                same = known[i]
            try:
                reply = cand.call([args] + extra if extra else args, started + wall_limit,
                                  (lambda kind: marks.setdefault(kind, meter())) if split else None, bool(extra), same)
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
            if split:
                # Three phases: decoding the arguments, the call, encoding and sending the reply.
                # A step the candidate did not announce falls into the call.
                start = marks.get("decoded") if marks.get("decoded") is not None else before
                end = marks.get("returned") if marks.get("returned") is not None else after
                cost = end - start
                result["decode_times"][i] = start - before
                result["encode_times"][i] = after - end
            calls = 1 + len(extra) if extra else 1
            cost /= calls
            if split:
                result["decode_times"][i] /= calls
                result["encode_times"][i] /= calls
            result["times"][i] = cost
            if frames is not None:
                frames.append(cand.last_frame)
            if type(reply) is Known:
                # Byte for byte a reference's reply, whose outputs the checker accepted.
                if far_over(case_limits, level, cost):
                    result["exceeded_level"] = level
                    break
                continue
            try:
                output = reply_value(reply)
                if extra:
                    output = batch_outputs(output, calls)
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
            if extra:
                output, more = output[0], output[1:]
                if batch_answers is None:
                    result.setdefault("batch_outputs", {})[i] = more
                elif not all(check_output(check, a, batch_answers[i][k], out)
                             for k, (a, out) in enumerate(zip(extra, more))):
                    result.update({"verdict": "failed", "detail": "case %d (level %d): wrong output on a batched input" % (i, level)})
                    return finalize(result, cand, limits)
            if answers is None:
                outputs.append(output)
            elif not check_output(check, args, answers[i], output):
                result.update({"verdict": "failed", "detail": "case %d (level %d): wrong output" % (i, level)})
                return finalize(result, cand, limits)
            # Whether a level exceeds its limit is decided on the medians over rounds (by the
            # engine); only a case far over the limit stops the program early, to save time.
            if far_over(case_limits, level, cost):
                result["exceeded_level"] = level
                break
        result["verdict"] = "passed"
        if answers is None:
            result["outputs"] = outputs
        return finalize(result, cand, limits)
    except BaseException:
        finalize(result, cand, limits)
        raise
