"""Verdict decisions (pj_verdicts) on a fake candidate handle."""
import os
import signal
import unittest

import harness_support  # noqa: F401
import pj_verdicts as V

LIMITS = {"wall_seconds": 3.0, "cpu_seconds": 2.0, "output_bytes": 1000}
ENGINE_VERDICTS = ["passed", "failed", "error", "timeout", "memory_limit", "output_limit", "crashed",
                   "sandbox_error"]  # Runners/Verdict.cs, VerdictNames


def signalled(sig):
    return sig  # a wait status for "killed by sig" (no core dump)


def exited(code):
    return code << 8


class FakeCandidate:
    def __init__(self, status=0, cpu=(0.0, 0.0), out_size=0, load=None):
        self.exit = (status, cpu[0], cpu[1], 2048, 77)
        self.out_size, self.load_outcome = out_size, load
        self.finished = 0
        # as pj_process.Candidate: no uid of its own, no cgroup readings (rlimits-only accounting)
        self.uid, self.cgroup_mark, self.cgroup = None, None, {}

    def wait(self):
        return self.exit

    def finish(self):
        self.finished += 1
        return self.exit, self.out_size

    def load(self, program, entry_point, limits, deadline):
        return self.load_outcome


class Verdicts(unittest.TestCase):
    def test_the_verdict_words_are_the_engines(self):
        self.assertEqual(list(V.VERDICTS), ENGINE_VERDICTS)

    def test_status_text(self):
        self.assertEqual(V.describe_status(exited(3)), "exit 3")
        self.assertEqual(V.describe_status(signalled(signal.SIGSEGV)), "signal %d" % signal.SIGSEGV)

    def test_finalize_adds_exit_status_and_rusage(self):
        result = V.finalize({"verdict": "passed"}, FakeCandidate(exited(0), (0.25, 0.5), 10), LIMITS)
        result.pop("controls")  # ControlFields below
        self.assertEqual(result, {"verdict": "passed", "status": "exit 0", "cpu_user_s": 0.25,
                                  "cpu_sys_s": 0.5, "max_rss_kb": 2048, "minor_faults": 77,
                                  "peak_memory_bytes": 2048 * 1024})

    def test_output_at_the_limit_overrides_any_verdict_but_a_sandbox_error(self):
        for verdict in ("passed", "failed", "error", "timeout"):
            result = V.finalize({"verdict": verdict}, FakeCandidate(out_size=1000), LIMITS)
            self.assertEqual(result["verdict"], "output_limit")
            self.assertIn("limit 1000", result["detail"])
        kept = V.finalize({"verdict": "sandbox_error"}, FakeCandidate(out_size=5000), LIMITS)
        self.assertEqual(kept["verdict"], "sandbox_error")
        under = V.finalize({"verdict": "passed"}, FakeCandidate(out_size=999), LIMITS)
        self.assertEqual(under["verdict"], "passed")

    def test_a_status_the_result_already_has_is_kept(self):
        result = V.finalize({"verdict": "crashed", "status": "signal 9"}, FakeCandidate(exited(0)), LIMITS)
        self.assertEqual(result["status"], "signal 9")

    def test_a_candidate_that_stopped_answering(self):
        self.assertEqual(V.ended_verdict(FakeCandidate(), "timeout", LIMITS)["verdict"], "timeout")
        cpu_kill = V.ended_verdict(FakeCandidate(signalled(signal.SIGKILL), (1.9, 0.07)), "ended", LIMITS)
        self.assertEqual((cpu_kill["verdict"], cpu_kill["detail"]), ("timeout", "CPU time limit"))
        xcpu = V.ended_verdict(FakeCandidate(signalled(signal.SIGXCPU), (2.0, 0.0)), "ended", LIMITS)
        self.assertEqual(xcpu["verdict"], "timeout")
        early_kill = V.ended_verdict(FakeCandidate(signalled(signal.SIGKILL), (0.1, 0.0)), "ended", LIMITS)
        self.assertEqual(early_kill["verdict"], "crashed")
        exit0 = V.ended_verdict(FakeCandidate(exited(0)), "ended", LIMITS)  # os._exit(0) before the tests
        self.assertEqual((exit0["verdict"], exit0["status"]), ("crashed", "exit 0"))
        self.assertEqual(V.ended_verdict(FakeCandidate(exited(0)), "protocol", LIMITS)["verdict"], "crashed")
        too_large = V.ended_verdict(FakeCandidate(signalled(signal.SIGKILL)), "too_large", LIMITS)
        self.assertEqual(too_large["verdict"], "output_limit")  # not "crashed": the checker refused the reply
        self.assertIn("larger than the 64 MiB", too_large["detail"])

    def test_loading(self):
        def load(outcome):
            return V.load_program(FakeCandidate(exited(1), load=outcome), "p", "f", LIMITS, 0)
        self.assertIsNone(load(None))
        self.assertEqual(load(("timeout", None, None))["verdict"], "timeout")
        self.assertEqual(load(("ended", None, None))["verdict"], "crashed")
        self.assertEqual(load(("loaderr", "MemoryError", ""))["verdict"], "memory_limit")
        self.assertEqual(load(("loaderr", "SyntaxError", "bad"))["detail"], "SyntaxError: bad")
        self.assertEqual(load(("protocol", None, None)), {"verdict": "crashed", "detail": "protocol violation"})

    def test_an_exception_the_candidate_raised(self):
        self.assertEqual(V.raised_verdict("MemoryError", "", 2)["verdict"], "memory_limit")
        self.assertEqual(V.raised_verdict("OSError", "[Errno 27] File too large", 1)["verdict"], "output_limit")
        self.assertEqual(V.raised_verdict("ValueError", "x", 3),
                         {"verdict": "error", "detail": "ValueError: x", "exception": "ValueError", "calls": 3})

    def test_every_verdict_made_is_an_engine_word(self):
        made = [V.harness_error(RuntimeError("x")), V.load_error("E", "m"), V.load_error("MemoryError", ""),
                V.raised_verdict("E", "m", 0), V.ended_verdict(FakeCandidate(), "timeout", LIMITS)]
        self.assertTrue(all(m["verdict"] in ENGINE_VERDICTS for m in made), made)


if __name__ == "__main__":
    unittest.main()


class ControlFields(unittest.TestCase):
    def test_without_cgroups_peak_memory_is_the_rusage_peak_and_controls_say_rlimit(self):
        result = V.finalize({"verdict": "passed"}, FakeCandidate(), LIMITS)
        self.assertEqual(2048 * 1024, result["peak_memory_bytes"])
        self.assertEqual({"memory": "rlimit", "processes": "rlimit", "cpu_time": "rlimit", "cpu_accounting": "none",
                          "peak_memory": "rusage", "uid": "shared", "ipc": "shared"}, result["controls"])

    def test_with_cgroup_readings_peak_memory_is_the_cgroups(self):
        cand = FakeCandidate()
        cand.uid, cand.cgroup = 1000001, {"peak_memory_bytes": 5 << 20, "cgroup_cpu_ns": 2_000_000, "leftover_processes": 1}
        result = V.finalize({"verdict": "passed"}, cand, LIMITS)
        self.assertEqual(5 << 20, result["peak_memory_bytes"])
        self.assertEqual("own", result["controls"]["uid"])
        self.assertEqual((0.002, 1), (result["cgroup_cpu_s"], result["leftover_processes"]))

