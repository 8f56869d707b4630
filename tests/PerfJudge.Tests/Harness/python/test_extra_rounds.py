"""Extra rounds of the efficiency grader (pj_perf.extra_rounds): after the protocol's rounds, more
while the rounds after the first fit the budget (seconds per measured program), up to max_rounds."""
import unittest

import harness_support  # noqa: F401
import pj_perf


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class ExtraRounds(unittest.TestCase):
    def setUp(self):
        self.clock = Clock()
        self.saved, pj_perf.time.monotonic = pj_perf.time.monotonic, self.clock

    def tearDown(self):
        pj_perf.time.monotonic = self.saved

    def rounds_taken(self, protocol, rounds, programs, pace):
        """How many rounds the grader's loop runs when every round after the first takes `pace` s."""
        more = pj_perf.extra_rounds(protocol, rounds, programs)
        self.clock.now = 100.0
        rnd, second = 0, None
        while rnd < rounds or more(rnd, second):
            if rnd == 1:
                second = self.clock.now
            self.clock.now += 5.0 if rnd == 0 else pace  # the first round also calibrates
            rnd += 1
        return rnd

    def test_without_a_budget_exactly_the_rounds(self):
        for protocol in ({}, {"round_budget": 0, "max_rounds": 18}, {"round_budget": 2.0}):
            self.assertEqual(self.rounds_taken(protocol, 6, 3, 0.01), 6)

    def test_cheap_rounds_go_on_to_the_most_and_costly_ones_keep_the_rounds(self):
        protocol = {"round_budget": 2.0, "max_rounds": 18}  # 6 s for 3 programs
        self.assertEqual(self.rounds_taken(protocol, 6, 3, 0.05), 18)
        self.assertEqual(self.rounds_taken(protocol, 6, 3, 2.0), 6)
        # 0.45 s a round: the rounds after the first may take 6 s, and a 14th round starts while
        # 12 rounds' 5.4 s and one more fit (13 x 0.45 s = 5.85 s); a 15th would not (6.3 s).
        self.assertEqual(self.rounds_taken(protocol, 6, 3, 0.45), 14)

    def test_the_budget_grows_with_the_programs_measured(self):
        protocol = {"round_budget": 2.0, "max_rounds": 40}
        self.assertEqual(self.rounds_taken(protocol, 6, 3, 0.45), 14)
        self.assertEqual(self.rounds_taken(protocol, 6, 6, 0.45), 27)

    def test_the_first_round_does_not_count(self):
        # However long the first round (calibration, batch inputs), the budget is for the rounds after it.
        protocol = {"round_budget": 2.0, "max_rounds": 18}
        more = pj_perf.extra_rounds(protocol, 6, 3)
        self.assertFalse(more(6, None))
        self.assertTrue(more(6, self.clock.now - 1.0))


if __name__ == "__main__":
    unittest.main()
