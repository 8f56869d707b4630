"""Run under valgrind's callgrind by the stress search (pj_cgcount): loads a program, calls its
entry point once on the warm-up input (unmeasured, like pj_run), then once on each input, with a
call of the marker os.getppid before every measured call and after the last one. Callgrind is
started with --dump-before=os_getppid, so it writes one profile dump per marker: dump k + 1 holds
exactly the instructions executed between marker k and marker k + 1, i.e. input k's call.
With `stop_at` (a scale ladder of a trusted reference) it stops after the first call that
costs more than that, and each call's count starts at os.getpid (--zero-before).
Reads request.json ({program, entry_point, warm, inputs}: literals of argument tuples) from the
work dir; prints nothing. Stand-alone: imports nothing of the harness."""
import ast
import json
import os


def main():
    with open("request.json", encoding="utf-8") as f:
        request = json.load(f)
    # Parse every input before the first marker: parsing is not the call's cost.
    inputs = [ast.literal_eval(text) for text in request["inputs"]]
    warm = ast.literal_eval(request["warm"]) if request.get("warm") else None
    namespace = {"__name__": "__candidate__"}
    exec(compile(request["program"], "<candidate>", "exec"), namespace)
    fn = namespace[request["entry_point"]]
    if warm is not None:
        fn(*warm)
    mark = os.getppid
    stop_at = request.get("stop_at")
    for k, args in enumerate(inputs):
        mark()
        if stop_at is not None:
            # Trusted references only (a scale ladder): stop once a call is over the budget. The
            # dump of the previous call is on disk now; reading it costs instructions, which
            # os.getpid (--zero-before) then clears from the next call's count.
            if k and _summary("cg.out.%d" % (k + 1)) > stop_at:
                return
            os.getpid()
        fn(*args)
    mark()


def _summary(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("summary:"):
                return int(line.split(":")[1])
    return 0


if __name__ == "__main__":
    main()
