#!/usr/bin/env python3
"""CPU cost of judging one test of a cached C++ binary, load-independent: starts one harness worker
directly (no bubblewrap around it; as root candidates drop to their own uids, as in the engine),
compiles an a+b program once, then judges N tests in one "program" request, and reports the wall
time and the CPU time of the whole worker (zygote, checker, candidates: RUSAGE_CHILDREN after it
exits). CPU per test bounds the throughput of an idle machine: cores / CPU per test.
Usage: python3 bench/program_cost.py [N=2000] [repeats=3] [g++ options, default the engine's]"""
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
harness = os.path.join(here, "..", "src", "PerfJudge", "Runners", "Python", "harness.py")
n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
options = sys.argv[3:]
limits = {"wall_seconds": 10, "cpu_seconds": 1, "memory_bytes": 256 << 20, "file_bytes": 64 << 20,
          "output_bytes": 64 << 20, "processes": 32}
rng = random.Random(1)
tests = []
for _ in range(n):
    a, b = rng.randint(-10**9, 10**9), rng.randint(-10**9, 10**9)
    tests.append({"input": "%d %d\n" % (a, b), "output": "%d\n" % (a + b)})
source = "#include <cstdio>\nint main(){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b);}\n"
for r in range(repeats):
    scratch = tempfile.mkdtemp(prefix="pj-cost-")
    os.chmod(scratch, 0o755)
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PERFJUDGE_SCRATCH": scratch,
           "PERFJUDGE_UID_BASE": "3200000" if os.geteuid() == 0 else "0", "PERFJUDGE_CPU": "0"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, "-s", "-S", harness], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    proc.stdout.readline()

    def send(request, i):
        request["id"] = i
        body = json.dumps(request).encode()
        proc.stdin.write(str(len(body)).encode() + b"\n" + body)
        proc.stdin.flush()
        return json.loads(proc.stdout.readline())

    compiled = send({"kind": "compile", "language": "cpp", "source": source, "options": options,
                     "limits": dict(limits, wall_seconds=120, cpu_seconds=60, memory_bytes=1 << 31)}, 1)
    program = {"language": "cpp", "artifact": compiled["artifact"]}
    send({"kind": "program", "program": program, "tests": tests[:10], "checker": "tokens", "limits": limits}, 2)
    mid = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    reply = send({"kind": "program", "program": program, "tests": tests, "checker": "tokens", "limits": limits}, 3)
    wall = time.monotonic() - started
    proc.stdin.close()
    proc.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["rm", "-rf", scratch])
    assert reply["verdict"] == "passed", reply.get("detail")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) - compiled["cpu_s"]
    per_test = cpu / n  # includes the worker's start and a 10-test warm-up: an upper bound
    cand = sum(t["cpu_s"] for t in reply["tests"]) / n
    print("%s run %d: %d tests in %.2f s wall = %.0f tests/s on one worker; worker CPU %.2f ms/test "
          "(of which the candidate process %.2f ms): an idle core judges ~%.0f tests/s, 2 cores ~%.0f"
          % (" ".join(options) or "default options", r + 1, n, wall, n / wall, 1000 * per_test, 1000 * cand, 1 / per_test, 2 / per_test))
