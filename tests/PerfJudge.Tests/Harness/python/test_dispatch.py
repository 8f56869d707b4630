"""The checker's main loop (harness.py): the dispatch table, and a whole worker driven over its
pipes as the engine drives it (hello line, length-prefixed requests, one reply line each)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import harness_support
import harness


def table(calls):
    def grader(name):
        def run(request, source):
            calls.append((name, request.get("id"), source))
            return {"verdict": "passed", "by": name}
        return run
    return {None: grader("judge"), "perf": grader("perf"), "measure": grader("measure"),
            "stress": grader("stress")}


class Dispatch(unittest.TestCase):
    def test_each_kind_goes_to_its_grader_with_the_source(self):
        calls = []
        for kind in ("perf", "measure", "stress"):
            reply = harness.dispatch({"kind": kind, "id": 3}, "SRC", table(calls))
            self.assertEqual((reply["by"], reply["id"]), (kind, 3))
        self.assertEqual([c[2] for c in calls], ["SRC"] * 3)

    def test_a_request_without_a_kind_is_a_correctness_judgement(self):
        for request in ({"id": 1}, {"id": 1, "kind": None}):
            reply = harness.dispatch(request, None, table([]))
            self.assertEqual(reply["by"], "judge")

    def test_an_unknown_kind_is_an_error_reply(self):
        calls = []
        for kind in ("nope", "", "PERF", 5, ["perf"], {"k": 1}):
            with self.subTest(kind=kind):
                reply = harness.dispatch({"kind": kind, "id": 9}, None, table(calls))
                self.assertEqual(reply["verdict"], "sandbox_error")
                self.assertIn("unknown request kind", reply["detail"])
                self.assertEqual(reply["id"], 9)
                self.assertIsInstance(reply["wall_s"], float)
        self.assertEqual(calls, [])

    def test_a_request_that_is_not_an_object_is_an_error_reply(self):
        for request in ([1], "x", None, 3):
            reply = harness.dispatch(request, None, table([]))
            self.assertEqual((reply["verdict"], reply["id"]), ("sandbox_error", None))

    def test_a_grader_that_fails_gives_a_sandbox_error_reply(self):
        def broken(request, source):
            raise KeyError("limits")
        reply = harness.dispatch({"id": 4}, None, {None: broken})
        self.assertEqual(reply, {"verdict": "sandbox_error", "detail": "harness: KeyError('limits')",
                                 "id": 4, "wall_s": reply["wall_s"]})
        json.dumps(reply)

    def test_the_table_holds_the_eleven_kinds(self):
        import pj_evalplus_grade
        import pj_measure
        import pj_mutants
        import pj_perf
        import pj_program
        import pj_program_levels
        import pj_stress
        import pj_tests
        self.assertEqual(harness.handlers(), {None: pj_tests.judge_sample, "perf": pj_perf.judge_task,
                                              "measure": pj_measure.measure_program,
                                              "stress": pj_stress.stress_task,
                                              "compile": pj_program.compile_source,
                                              "program": pj_program.judge_program,
                                              "run": pj_program.run_code,
                                              "program_perf": pj_program_levels.judge_program_task,
                                              "evalplus_expected": pj_evalplus_grade.expected_outputs,
                                              "evalplus": pj_evalplus_grade.judge,
                                              "mutants": pj_mutants.mutants_request})


class Worker(unittest.TestCase):
    """harness.py as a process, without a sandbox around it (no uid drop)."""

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="pj-harness-test-")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PERFJUDGE_UID_BASE": "0",
               "PERFJUDGE_SCRATCH": self.scratch, "PYTHONHASHSEED": "0"}
        self.proc = subprocess.Popen([sys.executable, "-s", "-S", os.path.join(harness_support.HARNESS_DIR, "harness.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def tearDown(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            f.close()
        os.rmdir(self.scratch)

    def send(self, request):
        body = json.dumps(request).encode()
        self.proc.stdin.write(str(len(body)).encode() + b"\n" + body)
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    LIMITS = {"wall_seconds": 10, "cpu_seconds": 10, "memory_bytes": 1 << 30, "file_bytes": 1 << 20,
              "output_bytes": 1 << 16, "processes": 32}

    def test_hello_then_one_reply_line_per_request_then_exit_at_end_of_input(self):
        hello = json.loads(self.proc.stdout.readline())
        self.assertEqual((hello["hello"], hello["python"], hello["uid_drop"]),
                         (3, sys.version.split()[0], False))
        test = "def check(candidate):\n    assert candidate(2, 3) == 5\n    assert add(1, 1) == 2\n"
        passed = self.send({"id": 1, "program": "def add(a, b):\n    return a + b\n", "entry_point": "add",
                            "test": test, "prompt": "", "limits": self.LIMITS})
        self.assertEqual((passed["id"], passed["verdict"], passed["calls"]), (1, "passed", 2))
        for key in ("status", "cpu_user_s", "cpu_sys_s", "max_rss_kb", "minor_faults", "wall_s"):
            self.assertIn(key, passed)
        failed = self.send({"id": 2, "program": "def add(a, b):\n    return a - b\n", "entry_point": "add",
                            "test": test, "prompt": "", "limits": self.LIMITS})
        self.assertEqual((failed["id"], failed["verdict"]), (2, "failed"))
        unknown = self.send({"id": 3, "kind": "bogus"})
        self.assertEqual((unknown["id"], unknown["verdict"]), (3, "sandbox_error"))
        cheat = self.send({"id": 4, "program": "import os\nos._exit(0)\ndef add(a, b): pass\n",
                           "entry_point": "add", "test": test, "limits": self.LIMITS})
        self.assertEqual((cheat["id"], cheat["verdict"]), (4, "crashed"))
        self.proc.stdin.close()
        self.assertEqual(self.proc.wait(timeout=10), 0)
        self.assertEqual(os.listdir(self.scratch), [])  # every candidate's folder removed


if __name__ == "__main__":
    unittest.main()
