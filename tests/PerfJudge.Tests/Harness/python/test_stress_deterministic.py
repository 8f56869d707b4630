"""The stress search on the deterministic meter (docs/stress.md, "Deterministic costs"):
callgrind's counts of a batch repeat to a few dozen instructions, and a search decided on counts takes the same
decisions whatever the timed costs do, while the same search decided on timed costs does not."""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

import harness_support  # noqa: F401  (puts the harness on sys.path)
import pj_cgcount
import pj_literal
import pj_refcosts
import pj_stress

QUADRATIC = "def f(xs):\n    return sum(1 for a in xs for b in xs if a < b)\n"
LINEAR = "def f(xs):\n    s = sorted(xs)\n    return sum(i for i, _ in enumerate(s)) - 0 * len(s)\n"
SETARCH = shutil.which("setarch")
ON_CI = os.environ.get("CI") == "true"
JITTER = 200  # instructions per call by which two runs may differ (seen: up to 76)


def count_batch(program, literals, stop_at=None):
    """Runs a batch under callgrind as the worker does (no ASLR, fixed hash seed), outside the
    sandbox: the counting itself is what is tested here."""
    work = tempfile.mkdtemp(prefix="pj-cg-test-")
    try:
        for name, text in pj_cgcount.batch_files(program, "f", "([1, 2],)", literals, stop_at).items():
            with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                f.write(text)
        argv = [SETARCH, "-R"] + pj_cgcount.callgrind_argv(sys.executable, stop_at)
        run = subprocess.run(argv, cwd=work, env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
        if run.returncode != 0:
            raise AssertionError(run.stderr.decode()[-800:])
        dumps = {}
        for name in os.listdir(work):
            if name.startswith("cg.out."):
                with open(os.path.join(work, name), "rb") as f:
                    dumps[name] = f.read()
        return pj_cgcount.parse_dumps(dumps, len(literals), stop_at)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@unittest.skipUnless(ON_CI or (pj_cgcount.available() and SETARCH), "valgrind or setarch missing")
class CallgrindCounts(unittest.TestCase):
    def test_counts_repeat_to_a_few_dozen_instructions_and_grow_with_the_input(self):
        literals = [pj_literal.dumps((list(range(n, 0, -1)),)) for n in (50, 100, 200)]
        first, why = count_batch(QUADRATIC, literals)
        self.assertIsNone(why)
        second, _ = count_batch(QUADRATIC, literals)
        # Not always to the instruction: runs here differed by 0 or 37 per call (docs/stress.md).
        for a, b in zip(first, second):
            self.assertLessEqual(abs(a - b), JITTER, (first, second))
        # A quadratic call: about 4x per doubling of the input (loop glue is not counted).
        self.assertGreater(first[1] / first[0], 3.0)
        self.assertGreater(first[2] / first[1], 3.5)

    def test_a_ladder_stops_after_the_first_call_over_the_budget(self):
        literals = [pj_literal.dumps((list(range(n)),)) for n in (20, 40, 80, 160, 320)]
        full, _ = count_batch(QUADRATIC, literals)
        stopped, why = count_batch(QUADRATIC, literals, stop_at=full[1] + 1)
        self.assertIsNone(why)
        self.assertEqual(len(stopped), 3)  # 20 and 40 within, 80 over: stop there
        for a, b in zip(stopped, full):
            self.assertAlmostEqual(a / b, 1.0, delta=0.01)

    def test_a_program_calling_the_marker_is_refused_not_misattributed(self):
        sneaky = "import os\ndef f(xs):\n    os.getppid()\n    return len(xs)\n"
        counts, why = count_batch(sneaky, [pj_literal.dumps(([1],)), pj_literal.dumps(([2],))])
        self.assertIsNone(counts)
        self.assertIn("os.getppid", why)


def cost_of(program, args):
    """A deterministic stand-in for an instruction count: the work the program does."""
    n = len(args[0])
    return 40 * n * n + 500 if "for b in xs" in program else 300 * n + 500


class FakeSource:
    pass


def run_search(meter, noise_seed, samples=()):
    """pj_stress.stress_task on a task without a generator, with doubles for the processes:
    native runs answer like the program and take its cost times random noise (x0.3 to x3),
    callgrind counts give its cost exactly."""
    noise = random.Random(noise_seed)

    def fake_run_program(source, program, request, cases, answers, check, case_limits, meter_name, warmups=None):
        namespace = {}
        exec(program, namespace)
        outputs = [namespace["f"](*args) for _, args in cases]
        if answers is not None and outputs != list(answers):
            return {"verdict": "failed", "times": [None] * len(cases)}
        times = [cost_of(program, args) * 1e-9 * noise.uniform(0.3, 3.0) for _, args in cases]
        return {"verdict": "passed", "times": times, "outputs": outputs}

    def fake_count_calls(source, program, entry_point, warm, literals, limits, stop_at=None, cpu_cap=None):
        counts = []
        for text in literals:
            counts.append(cost_of(program, pj_literal.parse_args(text)))
            if stop_at is not None and counts[-1] > stop_at:
                break
        return counts, None

    saved = (pj_refcosts.run_program, pj_refcosts.count_calls, pj_stress.capture_test_inputs)
    pj_refcosts.run_program, pj_refcosts.count_calls = fake_run_program, fake_count_calls
    pj_stress.capture_test_inputs = lambda ctx: [([3, 1, 2],), ([5, 4],)]
    try:
        budget = 4e6 if meter == "callgrind" else 4e-3
        request = {"task_id": "t", "entry_point": "f", "references": [QUADRATIC], "samples": list(samples),
                   "meter": meter, "checker": "def __check(args, expected, output):\n    return expected == output\n", "limits": {"memory_bytes": 1 << 30, "wall_seconds": 5},
                   "stress": {"seed": 7, "budget": budget, "rounds": 3, "candidates": 4, "keep": 2, "min_scale": 8,
                              "max_scale": 1 << 16, "bisect_steps": 0, "max_input_bytes": 1 << 22,
                              "generator_timeout": 10, "fuzz_probe_scale": 16, "level_id": 1}}
        out = pj_stress.stress_task(request, FakeSource())
    finally:
        pj_refcosts.run_program, pj_refcosts.count_calls, pj_stress.capture_test_inputs = saved
    return {k: out.get(k) for k in ("verdict", "detail", "method", "recipe", "scale", "inputs")}


class DecisionsUnderTimingNoise(unittest.TestCase):
    def test_counts_decide_the_same_whatever_the_timed_costs_do(self):
        runs = [run_search("callgrind", seed, samples=[LINEAR, QUADRATIC]) for seed in (1, 2, 3)]
        self.assertEqual(runs[0]["verdict"], "passed", runs[0])
        self.assertEqual(runs[0], runs[1])
        self.assertEqual(runs[0], runs[2])

    def test_the_same_noise_moves_a_search_decided_on_timed_costs(self):
        # The control: with the cpu meter the noise above does change the decisions, so the test
        # above would catch a decision taken on a timed cost.
        runs = [run_search("cpu", seed) for seed in (1, 2, 3)]
        self.assertEqual(runs[0]["verdict"], "passed", runs[0])
        self.assertTrue(runs[0] != runs[1] or runs[0] != runs[2], runs)


if __name__ == "__main__":
    unittest.main()
