"""The "measure" request: one or more programs on one explicit input. Layer 4 (graders): imports
pj_run, pj_meters."""
from pj_meters import pin
from pj_run import run_program


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
