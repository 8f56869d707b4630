"""Efficiency grader of one task ("perf" request): generated inputs per level, references and
samples measured in the same worker, interleaved round by round, each round in fresh processes.
Layer 4 (graders): imports pj_run, pj_cases, pj_meters."""
import marshal
import time

from pj_cases import batch_inputs, check_output, generate_cases, load_checker, warmup_inputs
from pj_meters import estimator, pin
from pj_run import run_program


def judge_task(request, source):
    pin(request)
    protocol = request.get("protocol") or {}
    if protocol.get("gc") is False:
        request["limits"] = dict(request["limits"], gc=False)
    estimate = estimator(protocol.get("estimator"))
    task_wide = protocol.get("limit_scope") == "task"
    split = protocol.get("window") == "split"  # the only other window is the whole round trip
    batches = batch_answers = None
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
    known = None  # the first reference's reply frames (pj_run.run_program)
    case_limits = None
    more = extra_rounds(protocol, rounds, len(refs) + len(samples) + (1 if split else 0))
    rnd, second = 0, None
    null = None
    while rnd < rounds or (more(rnd, second) and any(runs[-1].get("verdict") == "passed" for runs in sample_runs)):
        if rnd == 1:
            second = time.monotonic()
        for r, program in enumerate(refs):
            run = run_program(source, program, request, cases, answers, check, None, meter, warmups,
                              batches, batch_answers, known, keep_frames=answers is None)
            if run.get("verdict") != "passed" or None in run["times"]:
                return reference_failed(r, run)
            if answers is None:
                answers = run.pop("outputs")
                # A reference must agree with the task's checker on its own outputs.
                for i, (_, args) in enumerate(cases):
                    if not check_output(check, args, answers[i], answers[i]):
                        return {"verdict": "sandbox_error",
                                "detail": "the checker rejects the reference's output on case %d" % i}
                batches = batch_plan(request, cases, run, scored) if split else None
                known = run.pop("frames", None)
                if batches:
                    # That run only calibrated: the first reference answers the batched inputs too,
                    # and this run is its measurement of the round.
                    run = run_program(source, program, request, cases, answers, check, None, meter, warmups, batches,
                                      keep_frames=True)
                    if run.get("verdict") != "passed" or None in run["times"]:
                        return reference_failed(r, run)
                    batch_answers = run.pop("batch_outputs", {})
                    known = run.pop("frames", None)
                    if not all(check_output(check, a, out, out) for i, outs in batch_answers.items()
                               for a, out in zip(batches[i], outs)):
                        return {"verdict": "sandbox_error",
                                "detail": "the checker rejects the reference's output on a batched input"}
            else:
                run.pop("outputs", None)
            ref_runs[r].append(run)
        if split:
            # The cost of a call that does no work: decoding the same arguments and encoding an
            # output equal to the answer, measured like any program (ENAMEL times the call alone).
            if null is None:  # the same every round: built once
                null = null_program(request["entry_point"], null_answers(cases, warmups, answers, batches, batch_answers))
            run = run_program(source, null, request, cases, answers, check, None, meter, warmups, batches, batch_answers, known)
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
                                              case_limits, meter, warmups, batches, batch_answers, known))
        rnd += 1
    # Without one measured null run the window stays the round trip (the reply says so).
    phases = split_overhead(overhead_runs, estimate)
    overhead = summarize(overhead_runs, estimate)["times"] if phases else None
    references = [summarize(runs, estimate, overhead, phases) for runs in ref_runs]
    # The limits that score (T per level) come from the references' estimates over all rounds;
    # the first round's limits above only set how long a case may run before it is stopped.
    level_limits = limits_from(cases, [[r] for r in references[:limiting]], alpha, request["limits"],
                               scored if task_wide else None)
    return {"verdict": "passed", "cases": len(cases), "window": "split" if phases else "round-trip",
            "batched_cases": len(batches) if batches else 0,
            "case_levels": [level for level, _ in cases],
            "level_limits": [level_limits[lv][0] for lv in range(len(request["levels"]))],
            "references": references,
            "samples": [summarize(runs, estimate, overhead, phases) for runs in sample_runs]}


FLOOR = 1e-6  # a call's cost after the overhead is taken off is at least this (1 us)
# Split window: decoding the arguments and encoding the reply are charged where they exceed the
# null program's same phase on the same case by more than this factor and slack (work hidden there
# by a candidate that patched the harness; below that, noise between processes).
PHASE_MARGIN = 0.5
PHASE_SLACK = 20e-6


# Split window: a scored level whose reference calls all take less than BATCH_BELOW in the
# calibrating run (raw call windows, the ~20-90 us hand-over included), and whose arguments and
# reply take less than BATCH_TRANSFER_BELOW to decode and send, is measured in batches of
# BATCH_CALLS calls per window, each on a different input of the level (the case's own and
# BATCH_CALLS - 1 more, pj_cases.batch_inputs): a window of one call of a few microseconds is
# mostly the hand-over's noise, which ENAMEL's in-process timer does not pay. Different inputs,
# so a program that remembers answers gains nothing.
BATCH_BELOW = 200e-6
BATCH_TRANSFER_BELOW = 1e-3
BATCH_CALLS = 64


def extra_rounds(protocol, rounds, programs):
    """Whether to measure one more round after `rnd` rounds, the second of which started at
    `second` (monotonic): with the protocol's round budget (seconds per measured program) and
    max_rounds, while the rounds after the first (which also calibrates and generates batches)
    have taken less than the budget and one more round at their mean pace still fits. So a task
    whose rounds are cheap gets more of them, and one whose rounds are costly keeps `rounds`."""
    budget = float(protocol.get("round_budget") or 0) * programs
    most = int(protocol.get("max_rounds") or 0)

    def more(rnd, second):
        if budget <= 0 or rnd >= most or second is None or rnd < 2:
            return False
        spent = time.monotonic() - second
        return spent + spent / (rnd - 1) <= budget
    return more


def batch_plan(request, cases, run, scored):
    """{case: [more inputs]} for the cases on the scored generated levels the calibrating
    reference run found fast enough to batch, or None."""
    slowest, transfer = {}, {}
    for i, (level, _) in enumerate(cases):
        slowest[level] = max(slowest.get(level, 0.0), run["times"][i] or 0.0)
        # Decoding the arguments and sending the reply: a level with large inputs or outputs is
        # not batched (generating 63 more inputs and sending 64 outputs back would cost more than
        # the noise the batch removes).
        moved = sum(run[key][i] or 0.0 for key in PHASES)
        transfer[level] = max(transfer.get(level, 0.0), moved)
    levels = {lv for lv, t in slowest.items()
              if lv in scored and t < BATCH_BELOW and transfer[lv] < BATCH_TRANSFER_BELOW
              and request["levels"][lv].get("inputs") is None}
    if not levels or not request["generator"]:
        return None
    return batch_inputs(request, cases, levels, BATCH_CALLS - 1)


def reference_failed(r, run):
    return {"verdict": "sandbox_error",
            "detail": "reference %d failed: %s %s" % (r, run.get("verdict"), run.get("detail")),
            "references": [run]}


def null_answers(cases, warmups, answers, batches=None, batch_answers=None):
    """The answers in the order run_program calls the entry point: the warm-up on case 0, then
    each case (preceded by its level's warm-up, answered like the level's first case), a batched
    case followed by its batch's other inputs."""
    out, warmed = [answers[0]], set()
    for i, (level, _) in enumerate(cases):
        if warmups and level in warmups and level not in warmed:
            warmed.add(level)
            out.append(answers[i])
        out.append(answers[i])
        if batches and i in batches:
            out.extend(batch_answers[i])
    return out


def null_program(entry_point, answers):
    """A trusted program whose entry point returns, on its k-th call, answers[k] (the last one
    after that), and does nothing else."""
    blob = marshal.dumps(answers).hex()
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


def per_case(runs, key, estimate):
    """Per case, the estimate over the runs that measured it (None where none did)."""
    if not runs or key not in runs[-1]:
        return None
    out = []
    for i in range(len(runs[-1][key])):
        values = [r[key][i] for r in runs if r.get(key) and r[key][i] is not None]
        out.append(estimate(values) if values else None)
    return out


def hidden_work(phase, null_phase, calls=1):
    """The part of a case's decoding or encoding phase charged to the program: what exceeds the
    null program's same phase by more than the margin (0 when either is unknown). Phases of a batch
    are per call, so the slack (per window) is shared by its calls."""
    if phase is None or null_phase is None:
        return 0.0
    return max(0.0, phase - (1 + PHASE_MARGIN) * null_phase - PHASE_SLACK / calls)


PHASES = ("decode_times", "encode_times")


def split_overhead(null_runs, estimate):
    """The null program's per-case estimates of the phases around the call, or None when the
    window is not split (or no null run measured them)."""
    out = {key: per_case(null_runs, key, estimate) for key in PHASES}
    return out if all(v and None not in v for v in out.values()) else None


def summarize(runs, estimate, overhead=None, phases=None):
    """Estimated time per case (median or Hodges-Lehmann) over the rounds that reached it, less
    the case's overhead when given (at least FLOOR), plus, in the split window, the decoding and
    encoding time beyond the null program's margin (hidden_work); the verdict of the last round."""
    last = runs[-1]
    times = []
    mine = {key: per_case(runs, key, estimate) for key in PHASES} if phases else None
    sizes = last.get("batch_sizes")
    charged = 0.0
    for i in range(len(last["times"])):
        values = [r["times"][i] for r in runs if r["times"][i] is not None]
        t = estimate(values) if values else None
        calls = sizes[i] if sizes else 1  # per-call times; the floor and slack are per window
        if t is not None and overhead:
            t = max(FLOOR / calls, t - overhead[i])
        if t is not None and mine:
            extra = sum(hidden_work(mine[k][i] if mine[k] else None, phases[k][i], calls) for k in PHASES)
            charged += extra
            t += extra
        times.append(t)
    exceeded = [r["exceeded_level"] for r in runs if r["exceeded_level"] is not None]
    out = {"verdict": last.get("verdict"), "detail": last.get("detail"), "times": times,
           "rounds": len(runs), "exceeded_level": min(exceeded) if exceeded else None,
           "max_rss_kb": max(r.get("max_rss_kb", 0) for r in runs),
           "load_cpu_s": max((r["load_cpu_s"] for r in runs if r.get("load_cpu_s") is not None), default=None),
           "cpu_s": sum(r.get("cpu_user_s", 0) + r.get("cpu_sys_s", 0) for r in runs)}
    if mine:
        out["hidden_charged_s"] = charged
    return out
