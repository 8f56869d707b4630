"""Whole programs through a real worker (harness.py as a process, no sandbox around it; as root,
candidates drop to their own uids): compile once, run per test, checkers, verdicts."""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import harness_support

LIMITS = {"wall_seconds": 5, "cpu_seconds": 2, "memory_bytes": 512 << 20, "file_bytes": 1 << 20,
          "output_bytes": 1 << 16, "processes": 16}
COMPILE_LIMITS = {"wall_seconds": 120, "cpu_seconds": 60, "memory_bytes": 1 << 31, "file_bytes": 64 << 20,
                  "output_bytes": 1 << 16, "processes": 16}
SUM_CPP = "#include <cstdio>\nint main(){long long a,b; if(scanf(\"%lld %lld\",&a,&b)!=2) return 3; printf(\"%lld\\n\",a+b);}\n"


class Worker(unittest.TestCase):
    """A harness worker for the tests of one class, with a C++ program that sums two numbers."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.mkdtemp(prefix="pj-program-test-")
        os.chmod(cls.scratch, 0o755)
        root = os.geteuid() == 0
        env = {"PATH": "/usr/bin:/bin", "PERFJUDGE_UID_BASE": "3100000" if root else "0",
               "PERFJUDGE_SCRATCH": cls.scratch, "PYTHONHASHSEED": "0"}
        cls.proc = subprocess.Popen([sys.executable, "-s", "-S", os.path.join(harness_support.HARNESS_DIR, "harness.py")],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        cls.proc.stdout.readline()
        cls.next_id = 0
        cls.sum_cpp = cls.compile("cpp", SUM_CPP)

    @classmethod
    def tearDownClass(cls):
        cls.proc.stdin.close()
        cls.proc.wait(30)
        cls.proc.stdout.close()
        shutil.rmtree(cls.scratch, ignore_errors=True)

    @classmethod
    def send(cls, request):
        cls.next_id += 1
        request["id"] = cls.next_id
        body = json.dumps(request).encode()
        cls.proc.stdin.write(str(len(body)).encode() + b"\n" + body)
        cls.proc.stdin.flush()
        return json.loads(cls.proc.stdout.readline())

    @classmethod
    def compile(cls, language, source, options=None):
        return cls.send({"kind": "compile", "language": language, "source": source, "options": options or [],
                         "limits": COMPILE_LIMITS})



class ProgramWorker(Worker):
    def judge(self, program, tests, checker="tokens", limits=LIMITS, **extra):
        request = {"kind": "program", "program": program, "tests": tests, "checker": checker,
                   "limits": limits, "checker_limits": LIMITS}
        request.update(extra)
        return self.send(request)

    @staticmethod
    def spec(language, reply):
        return {"language": language, "artifact": reply["artifact"]}

    def test_cpp_compiles_and_passes_each_test_in_its_own_process(self):
        self.assertEqual(self.sum_cpp["verdict"], "passed", self.sum_cpp.get("detail"))
        tests = [{"input": "1 2\n", "output": "3\n"}, {"input": "40 2", "output": "42"},
                 {"input": "5 5", "output": "11"}]
        reply = self.judge(self.spec("cpp", self.sum_cpp), tests)
        self.assertEqual([t["verdict"] for t in reply["tests"]], ["passed", "passed", "failed"])
        self.assertEqual(reply["verdict"], "failed")
        self.assertIn("test 2", reply["detail"])
        self.assertTrue(all(t["cpu_s"] >= 0 for t in reply["tests"]))

    def test_compile_error_carries_the_message(self):
        reply = self.compile("cpp", "int main() { return undefined_name; }\n")
        self.assertEqual(reply["verdict"], "compile_error")
        self.assertIn("undefined_name", reply["detail"])

    def test_python_runs_as_main_with_stdin(self):
        script = "import sys\nif __name__ == '__main__':\n    a, b = map(int, sys.stdin.read().split())\n    print(a * b)\n"
        compiled = self.compile("python", script)
        reply = self.judge(self.spec("python", compiled), [{"input": "6 7", "output": "42"}])
        self.assertEqual(reply["verdict"], "passed", reply)

    def test_runtime_errors_timeouts_and_output_floods_get_their_verdicts(self):
        cases = {"error": "import sys\nsys.exit(3)\n", "timeout": "while True: pass\n",
                 "output_limit": "print('x' * (1 << 20))\n", "memory_limit": "x = bytearray(1 << 30)\n"}
        for verdict, script in cases.items():
            reply = self.judge(self.spec("python", self.compile("python", script)), [{"input": "", "output": ""}])
            self.assertEqual(reply["verdict"], verdict, (script, reply))

    def test_checker_program_by_the_testlib_convention(self):
        checker = ("import sys\ninp, exp, out = (open(p).read().split() for p in sys.argv[1:4])\n"
                   "if out == exp: sys.exit(0)\n"
                   "if out and out[0] == 'half': sys.stderr.write('points 0.5\\n'); sys.exit(7)\n"
                   "if out and out[0] == 'pe': sys.exit(2)\n"
                   "sys.exit(1)\n")
        spec = self.spec("python", self.compile("python", checker))
        echo = self.spec("python", self.compile("python", "print(input())\n"))
        tests = [{"input": "ok", "output": "ok"}, {"input": "half", "output": "ok"},
                 {"input": "pe", "output": "ok"}, {"input": "no", "output": "ok"}]
        reply = self.judge(echo, tests, checker=spec)
        got = [(t["verdict"], t["points"]) for t in reply["tests"]]
        self.assertEqual(got, [("passed", 1), ("failed", 0.5), ("failed", 0), ("failed", 0)])
        self.assertIn("presentation error", reply["tests"][2]["detail"])

    def test_a_checker_program_that_breaks_the_convention_is_a_sandbox_error(self):
        spec = self.spec("python", self.compile("python", "import sys\nsys.exit(5)\n"))
        echo = self.spec("python", self.compile("python", "print(input())\n"))
        reply = self.judge(echo, [{"input": "a", "output": "a"}], checker=spec)
        self.assertEqual(reply["verdict"], "sandbox_error")

    def test_an_unknown_checker_is_a_sandbox_error(self):
        reply = self.judge(self.spec("cpp", self.sum_cpp), [{"input": "1 2", "output": "3"}], checker="nearly")
        self.assertEqual(reply["verdict"], "sandbox_error")

    def test_rounds_give_the_median_cost_and_stop_on_failure_stops(self):
        tests = [{"input": "1 1", "output": "3"}, {"input": "1 2", "output": "3"}]
        reply = self.judge(self.spec("cpp", self.sum_cpp), tests, stop_on_failure=True, rounds=3)
        self.assertEqual(reply["tests"][0]["verdict"], "failed")
        self.assertIsNone(reply["tests"][1])

    def test_peak_memory_without_the_workers_cgroups_is_rusage(self):
        reply = self.judge(self.spec("cpp", self.sum_cpp), [{"input": "1 2", "output": "3"}])
        test = reply["tests"][0]
        self.assertEqual(test["peak_memory"], "rusage")
        self.assertEqual(test["peak_memory_bytes"], test["max_rss_kb"] * 1024)

    def test_program_perf_generates_inputs_and_measures_references_and_samples(self):
        fast = self.compile("python", "import sys\nv = sys.stdin.read().split()\nprint(sum(map(int, v[1:])))\n")
        wrong = self.compile("python", "import sys\nv = sys.stdin.read().split()\nprint(len(v))\n")
        generator = ("import random\n\ndef generate_input(size, lid, cid):\n"
                     "    return '%d\\n%s\\n' % (size, ' '.join(str(random.randint(1, 9)) for _ in range(size)))\n")
        program = lambda reply: dict(self.spec("python", reply), limits=LIMITS)
        request = {"kind": "program_perf", "task_id": "sum", "generator": generator, "seed": 0,
                   "levels": [{"size": 5, "count": 1}, {"size": 2000, "count": 2}], "checker": "tokens",
                   "checker_limits": LIMITS, "references": [program(fast)], "samples": [program(fast), program(wrong)],
                   "alpha": 2.0, "limit_references": None, "rounds": 2, "meter": "cpu", "limits": LIMITS}
        reply = self.send(request)
        self.assertEqual(reply["verdict"], "passed", reply.get("detail"))
        self.assertEqual(reply["case_levels"], [0, 1, 1])
        self.assertEqual(len(reply["level_limits"]), 2)
        self.assertTrue(all(t is not None and t > 0 for t in reply["references"][0]["times"]))
        self.assertEqual([s["verdict"] for s in reply["samples"]], ["passed", "failed"])
        self.assertEqual(reply["samples"][0]["rounds"], 2)
        self.assertEqual(reply["samples"][1]["rounds"], 1)  # a failed sample is not run again
        self.assertIn("level case 0 (level 0)", reply["samples"][1]["detail"])
        # A generator that does not return a str is the task's fault: sandbox_error.
        request["generator"] = "def generate_input(size, lid, cid):\n    return size\n"
        broken = self.send(request)
        self.assertEqual(broken["verdict"], "sandbox_error")
        self.assertIn("not the str of a stdin", broken["detail"])



class RunCode(Worker):
    """kind "run": one program, once, with stdin and files (the /run_code endpoint's request)."""

    def run_code(self, language, artifact, stdin="", files=None, limits=LIMITS):
        return self.send({"kind": "run", "program": {"language": language, "artifact": artifact},
                          "stdin": stdin, "files": files or {}, "limits": limits})

    def test_stdin_and_files_in_folders_reach_the_program_and_stdout_comes_back(self):
        script = "import sys\nprint(sys.stdin.read().strip(), open('data/x.txt').read(), sep='|')\n"
        art = self.compile("python", script)["artifact"]
        reply = self.run_code("python", art, "hello\n", {"data/x.txt": base64.b64encode(b"file!").decode()})
        self.assertEqual((reply["verdict"], reply["exit_code"], reply["stdout"]), ("passed", 0, "hello|file!\n"), reply)
        self.assertFalse(reply["timed_out"])
        self.assertGreater(reply["peak_memory_kb"], 0)

    def test_exit_codes_signals_and_timeouts(self):
        crash = self.compile("cpp", "#include <cstdlib>\nint main(){ std::abort(); }\n")
        self.assertEqual(self.run_code("cpp", crash["artifact"])["exit_code"], -6)
        reply = self.run_code("cpp", self.sum_cpp["artifact"], "x")
        self.assertEqual((reply["verdict"], reply["exit_code"]), ("error", 3), reply)
        looping = self.compile("python", "while True: pass\n")["artifact"]
        reply = self.run_code("python", looping, limits=dict(LIMITS, wall_seconds=1, cpu_seconds=1))
        self.assertEqual(reply["verdict"], "timeout", reply)

    def test_stdout_is_capped_and_a_path_out_of_the_work_dir_is_refused(self):
        flood = self.compile("python", "import sys\nsys.stdout.write('y' * 100000)\n")["artifact"]
        reply = self.run_code("python", flood, limits=dict(LIMITS, output_bytes=4096, file_bytes=4096))
        self.assertEqual(reply["verdict"], "output_limit", reply)
        self.assertEqual(len(reply["stdout"]), 4096)
        self.assertTrue(reply["stdout_truncated"])
        echo = self.compile("python", "print('ran')\n")["artifact"]
        for bad in ("../escape", "/etc/x", "a//b", "a/./b"):
            reply = self.run_code("python", echo, files={bad: ""})
            self.assertEqual((reply["exit_code"], reply["stdout"]), (71, ""), (bad, reply))


if __name__ == "__main__":
    unittest.main()
