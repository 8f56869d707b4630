"""Whole programs (docs/wire.md, "compile" and "program"): compiles a source once inside the
sandbox, then runs the binary once per test with the test's input on stdin, and judges its stdout
on the trusted side with the task's checker (built-in, or a checker program run sandboxed).
Layer 4 (graders): imports pj_wire, pj_process, pj_verdicts, pj_checkers, pj_toolchains."""
import base64
import hashlib
import os
import select
import signal
import time

import pj_cgroup
from pj_checkers import builtin, testlib_outcome
from pj_process import kill_uid
from pj_toolchains import compile_command, run_setup, runtime_config
from pj_verdicts import describe_status
from pj_wire import send_marshal

MESSAGE_CHARS = 2000


def _trim(data, limit=MESSAGE_CHARS):
    text = data.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + "\n... (%d more characters)" % (len(text) - limit)


def _read(path, limit):
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return b""


class Run:
    """What one sandboxed process did: status, rusage, wall time, stdout, stderr (tail)."""

    def __init__(self, timed_out, status, cpu, max_rss_kb, wall, out, out_size, err, artifact=None, cgroup=None, files=None,
                 stopped=False):
        self.timed_out, self.status, self.cpu, self.max_rss_kb = timed_out, status, cpu, max_rss_kb
        self.wall, self.out, self.out_size, self.err, self.artifact = wall, out, out_size, err, artifact
        self.cgroup, self.files, self.stopped = cgroup or {}, files, stopped


def _read_prefixed(folder, prefix, count, limit):
    """Up to count + 1 files of folder whose names start with prefix (count + 1, so that the
    caller sees there were too many), each at most limit bytes."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.startswith(prefix))[:count + 1]
    except OSError:
        return {}
    return {name: _read(os.path.join(folder, name), limit) for name in names}


def _wait(pidfd, seconds, workdir, watch):
    """(timed_out, stopped): waits for the process to end, at most `seconds`; with `watch`, a
    function of the work dir called every WATCH_SECONDS that returns True to stop the run now."""
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    if watch is None:
        return not poller.poll(max(0.0, seconds) * 1000), False
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if poller.poll(max(0.0, min(left, WATCH_SECONDS)) * 1000):
            return False, False
        if watch(workdir):
            return False, True
        if left <= WATCH_SECONDS:
            return True, False


WATCH_SECONDS = 0.25


def run_process(source, setup, limits, keep=None, output_cap=None, cgroup_memory=None, read_files=None, watch=None):
    """Runs one whole program in a fresh candidate process (pj_candidate.run_whole_program) and
    waits for it, at most limits["wall_seconds"]. `keep` names a file of its work dir to read
    back (a compiler's artifact) before the process's files are removed. With the worker's
    cgroup, its memory limit is `cgroup_memory` (default: the address-space limit) and the peak
    memory and OOM kills come from the cgroup (as for function candidates, pj_process.load).
    `read_files` = (prefix, count, bytes): files of the work dir to read back too (callgrind's
    dumps, pj_cgcount). `watch(work dir)`: called while the process runs; True stops it (Run.stopped;
    pj_cgcount's deterministic cap on a sample's instructions)."""
    cand = source.spawn()
    try:
        if cand.uid is not None:  # cgroups only with a uid of its own, as pj_process.load
            cand.cgroup_mark = pj_cgroup.prepare(dict(limits, memory_bytes=cgroup_memory or limits["memory_bytes"]))
        started = time.monotonic()
        setup = dict(setup)
        setup["limits"] = limits
        send_marshal(cand.wfd, setup)
        timed_out, stopped = _wait(cand.pidfd, limits["wall_seconds"], os.path.join(cand.scratch, "w"), watch)
        wall = time.monotonic() - started
        cand.kill()
        if cand.uid is not None:
            kill_uid(cand.uid)  # children it left behind may still be writing
        cap = output_cap if output_cap is not None else limits["output_bytes"]
        out = _read(os.path.join(cand.scratch, "out"), cap + 1)
        err = _read(os.path.join(cand.scratch, "err"), 64 << 10)
        artifact = None
        if keep is not None:
            artifact = _read(os.path.join(cand.scratch, "w", keep), limits["file_bytes"] + 1)
        files = _read_prefixed(os.path.join(cand.scratch, "w"), *read_files) if read_files else None
    finally:
        (status, utime, stime, maxrss, _), out_size = cand.finish()
    return Run(timed_out, status, utime + stime, maxrss, wall, out, len(out), err, artifact, cand.cgroup, files, stopped)


def resource_verdict(run, limits):
    """timeout / output_limit / memory_limit / crashed / error for a run that did not exit 0 in
    time, or None when it ended normally within its limits."""
    if run.timed_out:
        return "timeout", "no exit within %.3g s (wall)" % limits["wall_seconds"]
    signalled = os.WTERMSIG(run.status) if os.WIFSIGNALED(run.status) else None
    if run.cpu > limits["cpu_seconds"] or signalled == signal.SIGXCPU or (
            signalled == signal.SIGKILL and run.cpu >= limits["cpu_seconds"] - 0.05):
        return "timeout", "CPU time %.3f s over the limit %.3g s" % (run.cpu, limits["cpu_seconds"])
    if run.out_size >= limits["output_bytes"] or signalled == signal.SIGXFSZ or (
            run.status and b"File too large" in run.err[-4096:]):
        return "output_limit", "reached the output or file size limit (%d bytes)" % limits["output_bytes"]
    if os.WIFEXITED(run.status) and os.WEXITSTATUS(run.status) == 0:
        return None
    tail = run.err[-4096:]
    memory = limits["memory_bytes"]
    if (run.cgroup.get("oom_kills") or b"bad_alloc" in tail or b"MemoryError" in tail or b"OutOfMemoryException" in tail
            or (memory and run.max_rss_kb * 1024 >= 0.9 * memory)):
        return "memory_limit", "out of memory (%s)" % describe_status(run.status)
    message = _trim(tail, 500).strip()
    desc = describe_status(run.status)
    verdict = "crashed" if os.WIFSIGNALED(run.status) else "error"
    return verdict, "runtime error (%s)%s" % (desc, ": " + message if message else "")


def compile_source(request, source):
    """kind "compile": one source compiled in a sandboxed process. Reply: verdict passed (with
    the artifact, base64) or compile_error (the compiler's message, trimmed), compile_s, cpu_s."""
    language = request["language"]
    if language == "python":
        data = request["source"].encode("utf-8", "surrogateescape")
        return {"verdict": "passed", "artifact": base64.b64encode(data).decode(),
                "sha256": hashlib.sha256(data).hexdigest(), "compile_s": 0.0, "cpu_s": 0.0}
    command = compile_command(language, request.get("options") or [])
    if command is None:
        return {"verdict": "sandbox_error", "detail": "no toolchain for %r in this worker" % (language,)}
    argv, source_name, artifact_name, env = command
    limits = request["limits"]
    setup = {"argv": argv, "files": {source_name: request["source"]}, "env": env, "open_files": 256}
    run = run_process(source, setup, limits, keep=artifact_name, output_cap=64 << 10)
    reply = {"compile_s": run.wall, "cpu_s": run.cpu, "max_rss_kb": run.max_rss_kb}
    message = _trim(run.out + run.err)
    failure = resource_verdict(run, limits)
    if failure is not None:
        what, why = failure
        detail = {"timeout": "compilation took too long: " + why,
                  "output_limit": "the compiler wrote too much: " + why,
                  "memory_limit": "the compiler ran out of memory"}.get(what, "compilation failed (%s)" % describe_status(run.status))
        reply.update(verdict="compile_error", detail=detail + ("\n" + message if message.strip() else ""))
        return reply
    if not run.artifact:
        reply.update(verdict="compile_error", detail="the compiler produced no program\n" + message)
        return reply
    if len(run.artifact) > limits["file_bytes"]:
        reply.update(verdict="compile_error", detail="the program is larger than %d bytes" % limits["file_bytes"])
        return reply
    reply.update(verdict="passed", artifact=base64.b64encode(run.artifact).decode(),
                 sha256=hashlib.sha256(run.artifact).hexdigest())
    if message.strip():
        reply["detail"] = message  # warnings
    return reply


def install(source, language, artifact_b64):
    """The folder holding this artifact in the worker (root's, 0755: candidates run it, cannot
    change it); written once per distinct artifact and worker."""
    data = base64.b64decode(artifact_b64)
    digest = hashlib.sha256(data).hexdigest()
    root = os.path.join(source.scratch_root, "pj_bin")
    folder = os.path.join(root, language + "-" + digest)
    if os.path.isdir(folder):
        return folder, data
    os.makedirs(root, 0o755, exist_ok=True)
    os.chmod(root, 0o755)
    partial = folder + ".part%d" % os.getpid()
    os.mkdir(partial, 0o755)
    name = {"cpp": "main", "csharp": "main.dll", "python": "main.py"}[language]
    with open(os.path.join(partial, name), "wb") as f:
        f.write(data)
    os.chmod(os.path.join(partial, name), 0o755)
    if language == "csharp":
        with open(os.path.join(partial, "main.runtimeconfig.json"), "w") as f:
            f.write(runtime_config())
    os.rename(partial, folder)
    return folder, data


class Runnable:
    """How to start one program of a request: its setup fields and limits."""

    def __init__(self, source, spec, limits):
        self.language = spec["language"]
        self.limits = dict(limits)
        self.cgroup_memory = limits["memory_bytes"]
        folder, data = install(source, self.language, spec["artifact"])
        if self.language == "python":
            self.setup = {"script": data.decode("utf-8", "surrogateescape")}
        else:
            self.setup, memory = run_setup(self.language, folder, limits["memory_bytes"])
            self.limits["memory_bytes"] = memory

    def run(self, source, files, args=(), stdin=None, limits=None):
        """One run with these files in its work dir (limits: this runnable's, unless given)."""
        setup = dict(self.setup)
        setup["files"] = files
        if stdin is not None:
            setup["stdin"] = stdin
        if args:
            if "argv" in setup:
                setup["argv"] = setup["argv"] + list(args)
            else:
                setup["args"] = list(args)
        return run_process(source, setup, limits or self.limits, cgroup_memory=self.cgroup_memory)


def peak_memory(run, before=None):
    """The run's peak memory and where it comes from: the cgroup's high-water mark (all its
    processes, no launcher floor; "cgroup-v1"/"cgroup-v2") where the worker's cgroups are used,
    else wait4's ru_maxrss ("rusage": the largest process only). Max with `before` (an earlier
    round's result of the same test)."""
    peak = run.cgroup.get("peak_memory_bytes")
    fields = {"peak_memory_bytes": peak, "peak_memory": pj_cgroup.version()} if peak is not None else {
        "peak_memory_bytes": run.max_rss_kb * 1024, "peak_memory": "rusage"}
    if before and before.get("peak_memory_bytes", -1) > fields["peak_memory_bytes"]:
        fields["peak_memory_bytes"] = before["peak_memory_bytes"]
    return fields


def judge_output(source, checker, test, output):
    """(verdict, points, detail) of one output: built-in comparison, or the checker program."""
    expected = test["output"].encode("utf-8", "surrogateescape")
    if type(checker) is not Runnable:
        why = checker(expected, output)
        return ("passed", 1.0, None) if why is None else ("failed", 0.0, why)
    files = {"input": test["input"], "expected": expected, "output": output}
    run = checker.run(source, files, args=("input", "expected", "output"))
    if run.timed_out or os.WIFSIGNALED(run.status):
        return ("sandbox_error", 0.0, "the checker program failed (%s)" % describe_status(run.status))
    outcome = testlib_outcome(os.WEXITSTATUS(run.status), run.err.decode("utf-8", "replace"))
    if outcome is None:
        return ("sandbox_error", 0.0, "the checker program failed (%s): %s" % (
            describe_status(run.status), _trim(run.err, 300)))
    return outcome


def judge_program(request, source):
    """kind "program": one program on every test (fresh process per test and round)."""
    limits = request["limits"]
    spec = request["checker"]
    if type(spec) is dict:
        checker = Runnable(source, spec, request["checker_limits"])
    else:
        checker = builtin(spec)
        if checker is None:
            return {"verdict": "sandbox_error", "detail": "unknown checker %r" % (spec,)}
    program = Runnable(source, request["program"], limits)
    rounds = max(1, int(request.get("rounds", 1)))
    stop = bool(request.get("stop_on_failure", False))
    tests = request["tests"]
    results = [None] * len(tests)
    costs = [[] for _ in tests]
    for _ in range(rounds):
        for i, test in enumerate(tests):
            if results[i] is not None and results[i]["verdict"] != "passed":
                continue
            run = program.run(source, {"input": test["input"]}, stdin="input")
            costs[i].append(run.cpu)
            failure = resource_verdict(run, program.limits)
            if failure is not None:
                verdict, points, detail = failure[0], 0.0, failure[1]
            else:
                verdict, points, detail = judge_output(source, checker, test, run.out)
            result = {"verdict": verdict, "points": points, "cpu_s": run.cpu, "wall_s": run.wall,
                      "max_rss_kb": max(run.max_rss_kb, (results[i] or {}).get("max_rss_kb", 0))}
            result.update(peak_memory(run, results[i]))
            if detail:
                result["detail"] = detail
            results[i] = result
            if verdict == "sandbox_error":
                return {"verdict": "sandbox_error", "detail": "test %d: %s" % (i, detail)}
            if stop and verdict != "passed":
                break
        if stop and any(r is not None and r["verdict"] != "passed" for r in results):
            break
    for i, result in enumerate(results):
        if result is not None and costs[i]:
            ordered = sorted(costs[i])
            mid = len(ordered) // 2
            result["cpu_s"] = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    first = next(((i, r) for i, r in enumerate(results) if r is None or r["verdict"] != "passed"), None)
    reply = {"tests": results, "verdict": "passed"}
    if first is not None:
        i, r = first
        if r is not None:
            reply["verdict"] = r["verdict"]
            reply["detail"] = "test %d: %s" % (i, r.get("detail") or r["verdict"])
    return reply


def _stdin_name(files):
    name = ".stdin"
    while name in files:
        name += "_"
    return name


def run_code(request, source):
    """kind "run": one compiled program run once on the given stdin and files (SandboxFusion's
    run_code): its verdict word, exit code (-N for signal N; null when killed at the wall limit),
    stdout (at most output_bytes) and the tail of stderr, wall and CPU seconds, peak memory."""
    limits = request["limits"]
    program = Runnable(source, request["program"], limits)
    files = {}
    for name, data in (request.get("files") or {}).items():
        files[name] = base64.b64decode(data, validate=True)
    stdin = _stdin_name(files)
    files[stdin] = request.get("stdin") or ""
    run = program.run(source, files, stdin=stdin)
    failure = resource_verdict(run, program.limits)
    verdict, detail = failure if failure is not None else ("passed", None)
    exit_code = None
    if not run.timed_out:
        exit_code = os.WEXITSTATUS(run.status) if os.WIFEXITED(run.status) else -os.WTERMSIG(run.status)
    peak = run.cgroup.get("peak_memory_bytes")
    reply = {"verdict": verdict, "exit_code": exit_code, "timed_out": run.timed_out,
             "stdout": run.out[:limits["output_bytes"]].decode("utf-8", "replace"),
             "stdout_truncated": run.out_size >= limits["output_bytes"],
             "stderr": run.err.decode("utf-8", "replace"), "run_s": run.wall, "cpu_s": run.cpu,
             "max_rss_kb": run.max_rss_kb, "peak_memory_kb": peak // 1024 if peak is not None else run.max_rss_kb}
    if detail:
        reply["detail"] = detail
    return reply
