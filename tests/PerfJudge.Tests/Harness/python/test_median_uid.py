"""One median (pj_meters.median) and one uid mapping (pj_zygote.uid_for), used everywhere."""
import ast
import unittest

import harness_support
import pj_meters
import pj_perf
import pj_process
import pj_refcosts
import pj_zygote


def defined_functions(name):
    """Modules of the harness that define a function called name (at any depth)."""
    out = []
    for module in harness_support.modules():
        tree = ast.parse(harness_support.source(module))
        if any(isinstance(n, ast.FunctionDef) and n.name == name for n in ast.walk(tree)):
            out.append(module)
    return out


class Median(unittest.TestCase):
    def test_odd_counts_give_the_middle_value(self):
        self.assertEqual(pj_meters.median([3.0]), 3.0)
        self.assertEqual(pj_meters.median([5.0, 1.0, 3.0]), 3.0)

    def test_even_counts_give_the_mean_of_the_two_middle_values(self):
        # As the engine's median (MathNet R-8; RobustSummaryTests: median of 1..4 is 2.5).
        self.assertEqual(pj_meters.median([4.0, 1.0, 3.0, 2.0]), 2.5)
        self.assertEqual(pj_meters.median([1.0, 10.0]), 5.5)

    def test_no_values_is_an_error(self):
        with self.assertRaises(ValueError):
            pj_meters.median([])

    def test_there_is_one_median_and_the_graders_use_it(self):
        self.assertEqual(defined_functions("median"), ["pj_meters"])
        self.assertIs(pj_perf.estimator("median"), pj_meters.median)
        self.assertIs(pj_refcosts.median, pj_meters.median)

    def test_per_case_costs_over_rounds_are_that_median_and_skip_cases_not_reached(self):
        runs = [{"times": [t, None if i else 9.0], "exceeded_level": None, "verdict": "passed",
                 "max_rss_kb": 10 * i, "cpu_user_s": 1.0, "cpu_sys_s": 0.5}
                for i, t in enumerate([4.0, 1.0, 3.0, 2.0])]
        summary = pj_perf.summarize(runs, pj_meters.median)
        self.assertEqual(summary["times"], [2.5, 9.0])
        self.assertEqual((summary["rounds"], summary["max_rss_kb"], summary["cpu_s"]), (4, 30, 6.0))


class UidMapping(unittest.TestCase):
    def test_no_uid_drop_without_a_base(self):
        self.assertIsNone(pj_zygote.uid_for(0, 5))

    def test_uids_are_above_the_base_and_distinct_for_999999_candidates(self):
        base = 100_000
        uids = {pj_zygote.uid_for(base, s) for s in range(1, 1_000_000)}
        self.assertEqual(len(uids), 999_999)
        self.assertEqual(min(uids), base + 1)
        self.assertEqual(max(uids), base + 999_999)
        self.assertEqual(pj_zygote.uid_for(base, 1), base + 2)
        self.assertEqual(pj_zygote.uid_for(base, 999_999), base + 1)  # wraps

    def test_there_is_one_uid_mapping_and_the_checker_uses_it(self):
        self.assertEqual(defined_functions("uid_for"), ["pj_zygote"])
        self.assertEqual(defined_functions("scratch_for"), ["pj_zygote"])
        self.assertIs(pj_process.uid_for, pj_zygote.uid_for)
        self.assertIs(pj_process.scratch_for, pj_zygote.scratch_for)


if __name__ == "__main__":
    unittest.main()


class HodgesLehmann(unittest.TestCase):
    def test_is_the_median_of_the_walsh_averages_with_each_value_paired_with_itself(self):
        # Walsh averages of [1, 2, 9]: 1, 1.5, 5, 2, 5.5, 9 -> median (2 + 5) / 2.
        self.assertEqual(pj_meters.hodges_lehmann([1.0, 2.0, 9.0]), 3.5)
        self.assertEqual(pj_meters.hodges_lehmann([4.0]), 4.0)
        self.assertEqual(pj_meters.estimator("hodges-lehmann"), pj_meters.hodges_lehmann)
        self.assertEqual(pj_meters.estimator("median"), pj_meters.median)
        self.assertEqual(pj_meters.estimator(None), pj_meters.median)


class TaskWideLimit(unittest.TestCase):
    CASES = [(0, ()), (1, ()), (1, ()), (2, ())]
    RUNS = [[{"times": [5.0, 1.0, 2.0, 4.0]}]]
    LIMITS = {"wall_seconds": 100.0}

    def test_one_limit_per_level_by_default(self):
        out = pj_perf.limits_from(self.CASES, self.RUNS, 2.0, self.LIMITS)
        self.assertEqual({lv: t for lv, (t, _) in out.items()}, {0: 10.0, 1: 4.0, 2: 8.0})

    def test_enamels_limit_is_alpha_times_the_slowest_case_of_the_scored_levels_for_every_level(self):
        # Level 0 (unscored) is slowest here but does not set T, as in ENAMEL's evaluator.
        out = pj_perf.limits_from(self.CASES, self.RUNS, 2.0, self.LIMITS, scored={1, 2})
        self.assertEqual({lv: t for lv, (t, _) in out.items()}, {0: 8.0, 1: 8.0, 2: 8.0})


class NullProgram(unittest.TestCase):
    def test_answers_each_call_like_the_case_it_stands_for(self):
        cases = [(0, (1,)), (1, (2,)), (1, (3,)), (2, (4,))]
        # Warm-up on case 0; level 1 and 2 each get their warm-up call before their first case.
        flat = pj_perf.null_answers(cases, {1: (9,), 2: (9,)}, ["a", "b", "c", "d"])
        self.assertEqual(flat, ["a", "a", "b", "b", "c", "d", "d"])
        self.assertEqual(pj_perf.null_answers(cases, None, ["a", "b", "c", "d"]), ["a", "a", "b", "c", "d"])
        # A batched case is followed by its batch's other inputs, in one window.
        self.assertEqual(pj_perf.null_answers(cases, None, ["a", "b", "c", "d"], {3: [(5,), (6,)]}, {3: ["e", "f"]}),
                         ["a", "a", "b", "c", "d", "e", "f"])
        ns = {}
        exec(pj_perf.null_program("f", flat), ns)
        self.assertEqual([ns["f"](0) for _ in flat], flat)


class SplitWindow(unittest.TestCase):
    """pj_perf.summarize in the split window: the call less the null program's call, plus what the
    phases around the call exceed the null program's by more than the margin."""

    @staticmethod
    def run_(call, decode, encode):
        return {"times": call, "decode_times": decode, "encode_times": encode, "exceeded_level": None,
                "verdict": "passed", "detail": None}

    def test_phases_within_the_margin_cost_nothing_and_the_null_call_is_taken_off(self):
        null = [self.run_([20e-6], [1e-3], [5e-3])]
        phases = pj_perf.split_overhead(null, pj_meters.median)
        overhead = pj_perf.summarize(null, pj_meters.median)["times"]
        honest = pj_perf.summarize([self.run_([520e-6], [1.4e-3], [7e-3])], pj_meters.median, overhead, phases)
        self.assertAlmostEqual(honest["times"][0], 500e-6)
        self.assertEqual(honest["hidden_charged_s"], 0.0)

    def test_work_beyond_the_margin_before_or_after_the_call_is_charged(self):
        null = [self.run_([20e-6], [1e-3], [5e-3])]
        phases = pj_perf.split_overhead(null, pj_meters.median)
        overhead = pj_perf.summarize(null, pj_meters.median)["times"]
        hider = pj_perf.summarize([self.run_([20e-6], [11e-3], [5e-3])], pj_meters.median, overhead, phases)
        # 11 ms of decoding against 1.5 x 1 ms + 20 us allowed: 9.48 ms charged, on top of the 1 us floor.
        self.assertAlmostEqual(hider["times"][0], 1e-6 + 11e-3 - 1.5e-3 - 20e-6)
        late = pj_perf.summarize([self.run_([20e-6], [1e-3], [25e-3])], pj_meters.median, overhead, phases)
        self.assertAlmostEqual(late["times"][0], 1e-6 + 25e-3 - 7.5e-3 - 20e-6)

    def test_a_batchs_slack_is_shared_by_its_calls(self):
        # Per-call phases of a 64-call window: 20 us of slack for the window, 0.3125 us per call.
        self.assertAlmostEqual(pj_perf.hidden_work(2e-6, 1e-6, 64), 2e-6 - 1.5e-6 - 20e-6 / 64)

    def test_without_null_phases_the_window_is_not_split(self):
        self.assertIsNone(pj_perf.split_overhead([{"times": [1e-3], "exceeded_level": None}], pj_meters.median))
