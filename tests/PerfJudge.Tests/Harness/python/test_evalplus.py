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
