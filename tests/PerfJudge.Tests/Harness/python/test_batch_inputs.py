"""Batched inputs of the split window (pj_cases.batch_inputs, docs/measurement.md "Split window"):
made once per (secret, seed, task, generator, level, case, count) and kept like the cases, so a
second perf request of the same task does not run the generator again; kept inputs are the ones a
fresh generation gives, and anything that seeds them differently gives other inputs."""
import os
import random
import unittest

import harness_support  # noqa: F401  (puts the harness on sys.path)
import pj_cases

GENERATOR = "def generate_input(size, lid, cid):\n    return [random.getrandbits(32) for _ in range(size)]\n"
SECRET_A = "0123456789abcdef0123456789abcdef"
SECRET_B = "fedcba9876543210fedcba9876543210"


def request(**changes):
    out = {"task_id": "T/7", "seed": 0, "generator": GENERATOR, "prompt": "",
           "levels": [{"size": 3, "count": 2}, {"size": 5, "count": 3}, {"size": 8, "count": 2}]}
    out.update(changes)
    return out


class BatchInputs(unittest.TestCase):
    def setUp(self):
        pj_cases.keep_secret({"secret": SECRET_A}, None)
        self.calls = []
        real = pj_cases.load_generator

        def counting(req):
            generate = real(req)

            def counted(*args):
                self.calls.append(args)
                return generate(*args)
            return counted
        self.real_loader = real
        pj_cases.load_generator = counting

    def tearDown(self):
        pj_cases.load_generator = self.real_loader
        pj_cases._SECRET = os.urandom(16).hex()
        pj_cases._inputs.clear()
        pj_cases._batches.clear()

    def batches(self, req, levels=(1, 2), count=4):
        cases = pj_cases.generate_cases(req)
        return pj_cases.batch_inputs(req, cases, set(levels), count)

    def test_two_requests_run_the_generator_once_and_get_the_same_inputs(self):
        first = self.batches(request())
        generated = len(self.calls)
        self.assertEqual(generated, 2 + 3 + 2 + (3 + 2) * 4)  # the cases, then 4 per batched case
        second = self.batches(request())
        self.assertEqual(len(self.calls), generated)  # neither cases nor batches generated again
        self.assertEqual(second, first)
        # Fresh ones (nothing kept) are the same inputs.
        pj_cases._batches.clear()
        fresh = self.batches(request())
        self.assertEqual(len(self.calls), generated + (3 + 2) * 4)
        self.assertEqual(harness_support.shape(fresh), harness_support.shape(first))

    def test_the_kept_inputs_are_seeded_as_documented(self):
        req = request()
        out = self.batches(req)
        self.assertEqual(sorted(out), [2, 3, 4, 5, 6])  # the cases of levels 1 and 2, by index
        generate = self.real_loader(req)
        for index, (lid, cid) in zip(range(2, 7), [(1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]):
            expected = []
            for k in range(4):
                random.seed("%s/0/T/7/%d/%d/batch/%d" % (SECRET_A, lid, cid, k))
                expected.append((generate(req["levels"][lid]["size"], lid, cid),))
            self.assertEqual(out[index], expected, "case %d" % index)

    def test_a_level_batched_later_is_generated_then_kept(self):
        self.batches(request(), levels=(1,))
        before = len(self.calls)
        both = self.batches(request(), levels=(1, 2))
        self.assertEqual(len(self.calls), before + 2 * 4)  # only level 2's
        self.assertEqual(self.batches(request(), levels=(1, 2)), both)
        self.assertEqual(len(self.calls), before + 2 * 4)

    def test_another_secret_seed_task_size_or_count_gives_other_inputs(self):
        base = self.batches(request())
        for name, req, count in [("seed", request(seed=1), 4), ("task", request(task_id="T/8"), 4),
                                 ("size", request(levels=[{"size": 3, "count": 2}, {"size": 6, "count": 3},
                                                          {"size": 8, "count": 2}]), 4)]:
            with self.subTest(name):
                other = self.batches(req, count=count)
                self.assertNotEqual(other[2], base[2])
        more = self.batches(request(), count=5)
        self.assertEqual(len(more[2]), 5)
        self.assertEqual(more[2][:4], base[2])  # the same seeds, one more input
        pj_cases.keep_secret({"secret": SECRET_B}, None)
        self.assertNotEqual(self.batches(request())[2], base[2])
        pj_cases.keep_secret({"secret": SECRET_A}, None)
        self.assertEqual(self.batches(request()), base)

    def test_every_case_and_level_has_its_own_inputs(self):
        out = self.batches(request())
        inputs = [repr(args) for more in out.values() for args in more]
        self.assertEqual(len(set(inputs)), len(inputs))


if __name__ == "__main__":
    unittest.main()
