#!/usr/bin/env python3
"""Slow/fast cost ratio of each task's references in the built-in `programs` suite, with a 95% CI.
Starts one harness worker directly (as program_cost.py: no bubblewrap around it; as root candidates
drop to their own uids), compiles every reference once, then runs R rounds; in each round the fast and
the slow reference of a (task, language) are judged on all of the task's tests back to back (which one
goes first alternates), each test in a fresh process with its CPU time from wait4, and the round's ratio
is slow / fast of the CPU summed over the tests. Pairing within a round cancels the machine's drift; the
figure is the geometric mean of the R ratios with a 95% t-interval of their logs.
Usage: python3 bench/program_ratios.py [R=10] [task substring ...]"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
harness = os.path.join(here, "..", "src", "PerfJudge", "Runners", "Python", "harness.py")
suite = os.path.join(here, "..", "suites", "programs", "tasks.jsonl")
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
only = sys.argv[2:]
LIMITS = {"wall_seconds": 30, "cpu_seconds": 10, "memory_bytes": 1 << 30, "file_bytes": 64 << 20,
          "output_bytes": 64 << 20, "processes": 32}
COMPILE = dict(LIMITS, wall_seconds=120, cpu_seconds=60, memory_bytes=1 << 31)
# Two-sided 97.5% quantiles of Student's t by degrees of freedom.
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 19: 2.093, 24: 2.064, 29: 2.045}

scratch = tempfile.mkdtemp(prefix="pj-ratios-")
os.chmod(scratch, 0o755)
env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PERFJUDGE_SCRATCH": scratch,
       "PERFJUDGE_UID_BASE": "3300000" if os.geteuid() == 0 else "0", "HOME": scratch}
for name in ("DOTNET_ROOT",):
    if name in os.environ:
        env[name] = os.environ[name]
proc = subprocess.Popen([sys.executable, "-s", "-S", harness], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
proc.stdout.readline()
serial = [0]


def send(request):
    serial[0] += 1
    request["id"] = serial[0]
    body = json.dumps(request).encode()
    proc.stdin.write(str(len(body)).encode() + b"\n" + body)
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def compiled(language, code):
    reply = send({"kind": "compile", "language": language, "source": code, "options": [], "limits": COMPILE})
    if reply["verdict"] != "passed":
        raise SystemExit("a reference does not compile: %s" % reply.get("detail"))
    return {"language": language, "artifact": reply["artifact"]}


def cost(program, task, checker):
    reply = send({"kind": "program", "program": program, "tests": task["tests"], "checker": checker,
                  "checker_limits": LIMITS, "rounds": 1, "stop_on_failure": False, "limits": LIMITS})
    if reply["verdict"] != "passed":
        return None, reply.get("detail")
    return sum(t["cpu_s"] for t in reply["tests"]), None


def level_tests(task):
    """The cases of a task's last level, made by its input_generator as the harness makes them (seed 0), with
    expected outputs from its first reference's Python twin run here (trusted suite code), so compiled
    references are also compared on inputs large enough for their algorithms to matter."""
    if "levels" not in task:
        return None
    import random
    ns = {"__name__": "__generator__"}
    exec(compile(task["input_generator"], "<input_generator>", "exec"), ns)
    lid = len(task["levels"]) - 1
    level = task["levels"][lid]
    python = next(r["code"] for r in task["references"] if r["language"] == "python" and r["label"] == "fast")
    tests = []
    for cid in range(level["count"]):
        random.seed("%s/%s/%d/%d" % (0, task["task_id"], lid, cid))
        stdin = ns["generate_input"](level["size"], lid, cid)
        out = subprocess.run([sys.executable, "-c", python], input=stdin.encode(), capture_output=True, check=True).stdout
        tests.append({"input": stdin, "output": out.decode()})
    return tests, "level %d (n=%d)" % (lid, level["size"])


tasks = [json.loads(line) for line in open(suite)]
print("%-24s %-7s %-16s %10s %10s %9s  %-17s %s" % ("task", "lang", "inputs", "fast ms", "slow ms", "ratio", "95% CI", "+-%"))
try:
    for task in tasks:
        if only and not any(o in task["task_id"] for o in only):
            continue
        checker = task["checker"]
        if type(checker) is dict:
            checker = compiled(checker["language"], checker["code"])
        refs = {(r["language"], r["label"]): r["code"] for r in task["references"]}
        big = level_tests(task)
        plans = [(language, task["tests"], "tests (%d)" % len(task["tests"])) for language in ("cpp", "python", "csharp")]
        if big is not None:  # the languages whose slow reference the task measures on its levels (not Python's here)
            measured = {(task["references"][i]["language"], task["references"][i]["label"]) for i in task["level_references"]}
            plans += [(language, big[0], big[1]) for language in ("cpp", "csharp") if (language, "slow") in measured]
        for language, tests, inputs in plans:
            if (language, "fast") not in refs or (language, "slow") not in refs:
                continue
            task = dict(task, tests=tests)
            fast, slow = compiled(language, refs[language, "fast"]), compiled(language, refs[language, "slow"])
            # Warm-up (installs both binaries, warms the page cache); a reference that fails here (the slow
            # ones of the subtask task exceed the CPU limit by design) has no ratio.
            failures = [why for _, why in (cost(fast, task, checker), cost(slow, task, checker)) if why]
            if failures:
                print("%-24s %-7s %-16s n/a: %s" % (task["task_id"], language, inputs, failures[0][:60]))
                continue
            pairs = []
            for r in range(rounds):
                if r % 2 == 0:
                    f = cost(fast, task, checker)[0]
                    s = cost(slow, task, checker)[0]
                else:
                    s = cost(slow, task, checker)[0]
                    f = cost(fast, task, checker)[0]
                pairs.append((f, s))
            logs = [math.log(s / f) for f, s in pairs]
            mean = statistics.mean(logs)
            half = T975.get(len(logs) - 1, 1.96) * statistics.stdev(logs) / math.sqrt(len(logs))
            low, high = math.exp(mean - half), math.exp(mean + half)
            print("%-24s %-7s %-16s %10.2f %10.2f %9.2f  [%6.2f, %6.2f]  %4.1f" % (
                task["task_id"], language, inputs, 1000 * statistics.median(f for f, _ in pairs),
                1000 * statistics.median(s for _, s in pairs), math.exp(mean), low, high,
                100 * (high - low) / 2 / math.exp(mean)))
            sys.stdout.flush()
finally:
    proc.stdin.close()
    proc.wait()
    subprocess.run(["rm", "-rf", scratch])
