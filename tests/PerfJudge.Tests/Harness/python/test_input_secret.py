"""The input secret (pj_cases.keep_secret, harness.checker_main): the engine's secret makes the
generated inputs the same for every worker given it; it is taken only as a checker's first
request; the zygote, and so every candidate, never holds it."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

import harness_support
import pj_cases

GENERATOR = "def generate_input(size, lid, cid):\n    return [random.getrandbits(64) for _ in range(size)]\n"
REQUEST = {"task_id": "T/1", "seed": 0, "generator": GENERATOR,
           "levels": [{"size": 4, "count": 3}, {"size": 50, "count": 2}]}
SECRET_A = "0123456789abcdef0123456789abcdef"
SECRET_B = "fedcba9876543210fedcba9876543210"

# Finds a 32-hex-digit text whose SHA-256 is TARGET in the memory of the process that runs it,
# without holding the text itself (only its hash), so the search cannot find its own needle.
SCAN = """
import ctypes, hashlib, re
def scan_memory(target):
    with open('/proc/self/maps') as maps:
        regions = [line.split() for line in maps]
    hit = False
    for region in regions:
        # Anonymous memory, the heap and the stack: where a process keeps what it read. (A
        # candidate cannot open its own /proc/self/mem after its uid drop, so it is read in place.)
        if region[1][0] != 'r' or (len(region) > 5 and region[5] not in ('[heap]', '[stack]')):
            continue
        start, end = (int(x, 16) for x in region[0].split('-'))
        data = ctypes.string_at(start, end - start)
        for run in re.finditer(rb'[0-9a-f]{32,}', data):
            run = run.group()
            for i in range(len(run) - 31):
                if hashlib.sha256(run[i:i + 32]).hexdigest() == target:
                    hit = True
    return hit
"""


def cases_with(secret):
    pj_cases.keep_secret({"secret": secret}, None)
    return pj_cases.generate_cases(dict(REQUEST))


class KeepSecret(unittest.TestCase):
    def tearDown(self):
        pj_cases._SECRET = os.urandom(16).hex()
        pj_cases._inputs.clear()

    def test_the_same_secret_gives_the_same_inputs_another_gives_others(self):
        first = cases_with(SECRET_A)
        pj_cases._inputs.clear()  # generated anew, not the kept list
        self.assertEqual(cases_with(SECRET_A), first)
        other = cases_with(SECRET_B)
        self.assertEqual([lv for lv, _ in other], [lv for lv, _ in first])
        self.assertNotEqual(other, first)

    def test_a_new_secret_drops_the_kept_inputs(self):
        first = cases_with(SECRET_A)
        self.assertIsNot(cases_with(SECRET_A), first)  # keep_secret cleared the cache

    def test_a_malformed_secret_is_refused_and_changes_nothing(self):
        pj_cases.keep_secret({"secret": SECRET_A}, None)
        for bad in (None, 5, "", SECRET_A[:-1], SECRET_A + "0", SECRET_A.upper(), "g" * 32, [SECRET_A]):
            with self.subTest(secret=bad):
                reply = pj_cases.keep_secret({"secret": bad}, None)
                self.assertEqual(reply["verdict"], "sandbox_error")
                self.assertIn("32 lowercase hex digits", reply["detail"])
                self.assertEqual(pj_cases._SECRET, SECRET_A)

    def test_without_a_secret_each_worker_draws_its_own(self):
        self.assertRegex(pj_cases._SECRET, "^[0-9a-f]{32}$")
        self.assertNotEqual(pj_cases._SECRET, SECRET_A)


class StressCtx:
    """What pj_stress.generate reads of a stress search."""
    def __init__(self, seed):
        self.cfg = {"seed": seed, "level_id": 1, "generator_timeout": 10, "max_input_bytes": 1 << 20}
        self.request = {"task_id": "T/1", "limits": {"memory_bytes": 1 << 30}}
        self.notes = []

    def discard(self, reason):
        self.notes.append(reason)


class Stress(unittest.TestCase):
    """perfjudge stress writes its inputs out (a public artefact): they follow from --seed alone."""

    def tearDown(self):
        pj_cases._SECRET = os.urandom(16).hex()

    def test_stress_inputs_follow_the_seed_not_the_input_secret(self):
        import pj_stress
        generator = pj_cases.load_generator(dict(REQUEST))
        made = []
        for secret in (SECRET_A, SECRET_B):
            pj_cases.keep_secret({"secret": secret}, None)
            made.append(pj_stress.generate(StressCtx(7), generator, 20, 0))
        self.assertEqual(made[0][0].__class__, tuple)
        self.assertEqual(made[0], made[1])
        self.assertNotEqual(made[0], pj_stress.generate(StressCtx(8), generator, 20, 0))


class Worker(unittest.TestCase):
    """harness.py as a process, without a sandbox around it (as root, candidates drop to their own uids)."""

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="pj-secret-test-")
        os.chmod(self.scratch, 0o755)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONHASHSEED": "0",
               "PERFJUDGE_UID_BASE": "3300000" if os.geteuid() == 0 else "0", "PERFJUDGE_SCRATCH": self.scratch}
        self.proc = subprocess.Popen([sys.executable, "-s", "-S", os.path.join(harness_support.HARNESS_DIR, "harness.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.proc.stdout.readline()  # hello
        self.next_id = 0

    def tearDown(self):
        self.proc.stdin.close()
        self.proc.wait(30)
        self.proc.stdout.close()
        os.rmdir(self.scratch)

    def send(self, request):
        self.next_id += 1
        body = json.dumps(dict(request, id=self.next_id)).encode()
        self.proc.stdin.write(str(len(body)).encode() + b"\n" + body)
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def test_only_the_first_request_may_be_the_secret(self):
        self.assertEqual(self.send({"kind": "input_secret", "secret": SECRET_A})["verdict"], "passed")
        again = self.send({"kind": "input_secret", "secret": SECRET_B})
        self.assertEqual(again["verdict"], "sandbox_error")
        self.assertIn("unknown request kind", again["detail"])

    def test_a_worker_told_no_secret_still_judges(self):
        test = "def check(candidate):\n    assert candidate(2) == 4\n"
        reply = self.send({"program": "def f(x):\n    return 2 * x\n", "entry_point": "f", "test": test,
                           "prompt": "", "limits": LIMITS})
        self.assertEqual(reply["verdict"], "passed", reply.get("detail"))

    def test_the_checker_holds_the_secret_and_no_candidate_does(self):
        secret = os.urandom(16).hex()
        target = hashlib.sha256(secret.encode()).hexdigest()
        self.assertEqual(self.send({"kind": "input_secret", "secret": secret})["verdict"], "passed")
        # The checker runs the test code: its own memory holds the secret (the scan works) ...
        # ... and the candidate, forked from the zygote, scans its memory and finds none.
        test = SCAN + "def check(candidate):\n    assert scan_memory(%r), 'control: not in the checker'\n" \
                      "    assert candidate(%r) is False, 'the candidate found the secret'\n" % (target, target)
        reply = self.send({"program": SCAN + "f = scan_memory\n", "entry_point": "f", "test": test, "prompt": "",
                           "limits": dict(LIMITS, wall_seconds=60, cpu_seconds=60)})
        self.assertEqual(reply["verdict"], "passed", reply.get("detail"))


LIMITS = {"wall_seconds": 10, "cpu_seconds": 10, "memory_bytes": 1 << 30, "file_bytes": 1 << 20,
          "output_bytes": 1 << 16, "processes": 32}


if __name__ == "__main__":
    unittest.main()
