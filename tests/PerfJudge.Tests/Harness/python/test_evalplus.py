"""EvalPlus rules (pj_evalplus) and the audit's mutants (pj_mutants)."""
import json
import unittest

import harness_support  # noqa: F401  (puts the harness on sys.path)
import pj_evalplus as E
import pj_mutants


class Rules(unittest.TestCase):
    def test_exact_unless_floats(self):
        self.assertTrue(E.accepts("humaneval", "f", (), [1, 2], [1, 2], 0))
        self.assertFalse(E.accepts("humaneval", "f", (), [1, 2], (1, 2), 0))
        self.assertTrue(E.accepts("humaneval", "f", (), 0.1 + 0.2, 0.3, 0))       # 1e-6 for float outputs
        self.assertFalse(E.accepts("humaneval", "f", (), 0.31, 0.3, 0))
        self.assertTrue(E.accepts("humaneval", "f", (), [1.00001], [1.0], 1e-4))  # the task's atol
        self.assertFalse(E.accepts("humaneval", "f", (), (1.00001,), [1.0], 1e-4))  # types must agree
        self.assertFalse(E.accepts("humaneval", "f", (), 3, 3.5, 0))

    def test_special_oracles(self):
        self.assertTrue(E.accepts("humaneval", "find_zero", ([-6, 11, -6, 1],), 1.0000000001, 2.0, 1e-4))
        self.assertFalse(E.accepts("humaneval", "find_zero", ([-6, 11, -6, 1],), 1.5, 1.0, 1e-4))
        self.assertTrue(E.accepts("mbpp", "similar_elements", (), (5, 4), (4, 5), 0))
        self.assertTrue(E.accepts("mbpp", "check_str", (), E.Opaque(), True, 0))
        self.assertFalse(E.accepts("mbpp", "check_str", (), None, True, 0))
        self.assertTrue(E.accepts("mbpp", "sum_div", (), 0, 7, 0))
        self.assertTrue(E.accepts("mbpp", "are_equivalent", (), "anything", True, 0))
        self.assertFalse(E.accepts("mbpp", "sum_div", (), E.Opaque(), 7, 0))  # an opaque output equals nothing

    def test_mbpp_inputs_become_tuples_where_evalplus_says(self):
        self.assertEqual(E.load_inputs("mbpp", "Mbpp/2", "[[[1, 2], [3]]]"), [((1, 2), (3,))])
        self.assertEqual(E.load_inputs("mbpp", "Mbpp/252", '[["1+2j"]]'), [(1 + 2j,)])
        self.assertEqual(E.load_inputs("humaneval", "HumanEval/2", "[[[1, 2]]]"), [([1, 2],)])
        self.assertEqual(E.load_inputs("mbpp", "Mbpp/404", "[[-Infinity, 1]]")[0][0], float("-inf"))

    def test_the_contract_is_a_precondition_with_the_entry_points_parameters(self):
        source = E.contract_source("def f(a, b=2):\n    return a\n", "f",
                                   '\n    assert isinstance(a, int), "invalid inputs" # $_CONTRACT_$\n')
        ns = {}
        exec(source, ns)
        self.assertTrue(ns["__pj_contract"](1))
        with self.assertRaises(AssertionError):
            ns["__pj_contract"]("x")
        self.assertIsNone(E.contract_source("def f(a): pass", "f", "  \n"))


class HugeOutputs(unittest.TestCase):
    def test_a_huge_int_or_str_travels_as_a_digest_and_is_compared_exactly(self):
        import pj_evalplus_grade as G
        big = 18 * 10 ** 100000
        form = G._expected_form(big)
        self.assertEqual(form[:2], ["sha256", "int"])
        self.assertTrue(G._matches_digest(big, form))
        self.assertFalse(G._matches_digest(big + 1, form))
        self.assertFalse(G._matches_digest("x" * 70000, form))
        self.assertEqual(G._expected_form([1, 2.5]), [["l", 1, 2.5]])


class ExpectedOutputsStayInTheChecker(unittest.TestCase):
    def test_the_digest_is_of_the_values_with_their_exact_types(self):
        import pj_evalplus_grade as G
        forms = [G._expected_form(v) for v in ([1.5, 2.5], "x", (1, "a"))] + [None]
        again = [G._expected_form(v) for v in ([1.5, 2.5], "x", (1, "a"))] + [None]
        self.assertEqual(G.ExpectedStore.digest(forms), G.ExpectedStore.digest(again))
        digests = {G.ExpectedStore.digest([G._expected_form(v)])[0] for v in (1, 1.0, True, "1", [1], (1,))}
        self.assertEqual(len(digests), 6)
        # Order and grouping count: [a, b] is not [ab].
        self.assertNotEqual(G.ExpectedStore.digest([["l", 1], ["l", 2]])[0], G.ExpectedStore.digest([["l", 1, 2]])[0])

    def test_least_recently_used_out_past_the_budget_the_newest_always_kept(self):
        import pj_evalplus_grade as G
        store = G.ExpectedStore(budget=100)
        small = [[1]]
        a = store.put(small)
        big = store.put([["l"] + [0.5] * 20])  # 20 floats: more than the budget alone
        self.assertIsNone(store.get(a))
        self.assertEqual(store.get(big), [["l"] + [0.5] * 20])
        b = store.put([[2]])
        c = store.put([[3]])
        self.assertIsNone(store.get(big))
        self.assertEqual((store.get(b), store.get(c)), ([[2]], [[3]]))
        self.assertLessEqual(store.size, 100)

    def test_a_checker_without_the_outputs_computes_them_again_and_checks_their_digest(self):
        import pj_evalplus_grade as G
        runs = []
        outputs = [[7], None]

        def run_reference(reference, source, parts):
            runs.append((reference["program"], reference["task_id"], parts))
            return {"verdict": "passed", "inputs_outputs": outputs, "inputs_status": ["ok", "rejected"]}

        saved, G._run_reference = G._run_reference, run_reference
        saved_store, G.EXPECTED = G.EXPECTED, G.ExpectedStore(1 << 20)
        try:
            digest = G.ExpectedStore.digest(outputs)[0]
            request = {"task_id": "T/1", "dataset": "humaneval", "entry_point": "f", "inputs": "[[1], [2]]",
                       "expected_digest": digest, "reference": {"program": "def f(x): return 7", "contract": "",
                                                                 "limits": {}}}
            self.assertEqual(G._computed_again(request, None), (outputs, None))
            self.assertEqual(runs, [("def f(x): return 7", "T/1", [("inputs", "[[1], [2]]")])])
            self.assertEqual(G.EXPECTED.get(digest), outputs)
            # Another digest than the run gives: no judgement against either.
            got, failure = G._computed_again(dict(request, expected_digest="0" * 64), None)
            self.assertIsNone(got)
            self.assertEqual(failure["verdict"], "sandbox_error")
            self.assertIn("not deterministic", failure["detail"])
            # A reference that fails is the worker's trouble, not the sample's.
            G._run_reference = lambda reference, source, parts: {"verdict": "memory_limit", "detail": "killed"}
            got, failure = G._computed_again(dict(request, expected_digest="1" * 64), None)
            self.assertEqual((got, failure["verdict"]), (None, "sandbox_error"))
            self.assertIn("memory_limit: killed", failure["detail"])
        finally:
            G._run_reference, G.EXPECTED = saved, saved_store

    def test_the_expected_request_replies_digests_not_outputs(self):
        import pj_evalplus_grade as G
        reply = {"verdict": "passed", "base_outputs": [[1]], "plus_outputs": [None, [2]], "base_status": ["ok"],
                 "plus_status": ["rejected", "ok"], "base_seconds": 0.1, "plus_seconds": 0.2}
        saved, G._run_reference = G._run_reference, lambda request, source, parts: dict(reply)
        saved_store, G.EXPECTED = G.EXPECTED, G.ExpectedStore(1 << 20)
        try:
            result = G.expected_outputs({"base_inputs": "[[0]]", "plus_inputs": "[[0], [1]]"}, None)
            self.assertNotIn("base_outputs", result)
            self.assertNotIn("plus_outputs", result)
            self.assertEqual(G.EXPECTED.get(result["base_digest"]), [[1]])
            self.assertEqual(G.EXPECTED.get(result["plus_digest"]), [None, [2]])
        finally:
            G._run_reference, G.EXPECTED = saved, saved_store


class Mutants(unittest.TestCase):
    PROGRAM = "def helper(x):\n    return x + 1\n\ndef f(xs, t):\n    for i in range(len(xs) - 1):\n" \
              "        if xs[i + 1] - xs[i] < t and True:\n            return True\n    return False\n"

    def test_mutants_change_only_the_entry_point_and_are_deterministic(self):
        found = pj_mutants.mutants(self.PROGRAM, "f", 100)
        self.assertEqual(found, pj_mutants.mutants(self.PROGRAM, "f", 100))
        kinds = {d for _, d, _ in found}
        self.assertTrue({"- -> +", "< -> <=", "< -> >", "and -> or", "1 -> 2", "True -> False"} <= kinds)
        for _, _, program in found:
            self.assertIn("return x + 1", program)  # the helper is never mutated
            compile(program, "<mutant>", "exec")
        self.assertEqual(len(pj_mutants.mutants(self.PROGRAM, "f", 3)), 3)

    def test_the_request_reports_a_reference_that_does_not_parse(self):
        reply = pj_mutants.mutants_request({"program": "def f(:", "entry_point": "f"}, None)
        self.assertEqual(reply["verdict"], "failed")
        reply = pj_mutants.mutants_request({"program": self.PROGRAM, "entry_point": "f", "max": 2}, None)
        self.assertEqual(len(reply["mutants"]), 2)
        json.dumps(reply)


if __name__ == "__main__":
    unittest.main()
