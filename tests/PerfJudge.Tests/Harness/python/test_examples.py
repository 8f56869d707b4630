"""Prompt examples run against a function (pj_examples): agreement, disagreement, doctest's rules."""
import unittest

import harness_support  # noqa: F401 (puts the harness on sys.path)
import pj_examples as E


def run(function, examples):
    namespace = {"f": function}
    E.check_examples(namespace, examples)


class Examples(unittest.TestCase):
    def test_agreeing_examples_pass(self):
        run(lambda xs: sorted(xs), [
            ("doctest", "f([3, 1, 2])", "[1, 2, 3]"),
            ("doctest", "f([])", "[]"),
            ("assert", "assert f([2, 1]) == [1, 2]", ""),
        ])

    def test_a_disagreeing_example_is_named_with_what_came_back(self):
        with self.assertRaises(AssertionError) as caught:
            run(lambda n: n * 2, [("doctest", "f(2)", "4"), ("doctest", "f(3)", "7"), ("assert", "assert f(1) == 3", "")])
        text = str(caught.exception)
        self.assertIn("2 of 3 prompt examples disagree", text)
        self.assertIn("example 2 `f(3)`: expected 7, got 6", text)
        self.assertIn("example 3 `assert f(1) == 3`: the assertion fails", text)
        self.assertNotIn("example 1", text)

    def test_empty_output_is_none_as_in_doctest(self):
        run(lambda xs: None, [("doctest", "f([])", "")])
        with self.assertRaises(AssertionError):
            run(lambda xs: 0, [("doctest", "f([])", "")])

    def test_floats_within_a_millionth_and_types_kept(self):
        run(lambda: 0.30000000000000004, [("doctest", "f()", "0.3")])
        run(lambda: (2.0, 2.2), [("doctest", "f()", "(2.0, 2.2)")])
        for got, shown in (([2.0, 2.2], "(2.0, 2.2)"), (0.31, "0.3"), (True, "1"), (1, "True")):
            with self.subTest(got=got), self.assertRaises(AssertionError):
                run(lambda: got, [("doctest", "f()", shown)])

    def test_output_that_is_no_literal_is_compared_with_the_repr(self):
        run(lambda: {1, 2}, [("doctest", "f()", "{1, 2}")])
        run(lambda: frozenset(), [("doctest", "f()", "frozenset()")])
        with self.assertRaises(AssertionError):
            run(lambda: frozenset({1}), [("doctest", "f()", "frozenset()")])

    def test_statements_run_and_tracebacks_are_not_checked(self):
        run(lambda x: x + 1, [("doctest", "y = f(1)", ""), ("doctest", "f(y)", "3"),
                              ("doctest", "f('a')", "Traceback (most recent call last):\n...\nTypeError: ...")])

    def test_expressions_around_the_call_are_evaluated_as_written(self):
        run(lambda xs: -0.5000001, [("doctest", "round(f([1, 2]), 2)", "-0.5")])

    def test_a_comparison_without_output_must_be_true(self):
        run(lambda n: n + 1, [("doctest", "f(1) == 2", "")])
        with self.assertRaises(AssertionError) as caught:
            run(lambda n: n + 1, [("doctest", "f(1) == 3", "")])
        self.assertIn("a comparison shown without output, got False", str(caught.exception))

    def test_a_malformed_example_is_a_disagreement_and_the_others_still_run(self):
        with self.assertRaises(AssertionError) as caught:
            run(lambda xs: sorted(xs), [("doctest", "f([2, 1]) [1, 2]", ""), ("doctest", "f([3, 1])", "[1, 3]"),
                                        ("doctest", "f([3, 1])", "[3, 1]")])
        text = str(caught.exception)
        self.assertIn("2 of 3 prompt examples disagree", text)
        self.assertIn("example 1 `f([2, 1]) [1, 2]`: the example raises TypeError", text)
        self.assertIn("example 3 `f([3, 1])`: expected [3, 1], got [1, 3]", text)

    def test_prose_examples_are_checked_when_arguments_and_output_are_literals(self):
        run(lambda s: s[::-1], [("free", "f('abc')", "'cba'"), ("free", "f(abc)", "'cba'"), ("free", "f('x')", "true"),
                                ("free", "f('ab')", "'ba'.")])
        with self.assertRaises(AssertionError) as caught:
            run(lambda s: (s,), [("free", "f('Venus')", '("Venus")')])
        self.assertIn("example 1 `f('Venus')`: shown (\"Venus\"), got ('Venus',)", str(caught.exception))

    def test_a_standard_module_the_prompt_does_not_import_is_imported(self):
        run(lambda r: 3.14159 * r * r, [("assert", "assert math.isclose(f(1), 3.1416, rel_tol=0.001)", "")])
        with self.assertRaises(AssertionError) as caught:
            run(lambda r: r, [("assert", "assert nosuchmodule.isclose(f(1), 1)", "")])
        self.assertIn("the example raises NameError", str(caught.exception))

    def test_the_entry_point_is_bound_to_the_candidate_even_when_the_test_hides_its_name(self):
        namespace = {"check": lambda candidate: None}  # the test's own check, as exec'd in the checker
        E.check_examples(namespace, [("assert", "assert check(70) == False", "")], "check", lambda n: n % 2 == 1)
        self.assertIsNone(namespace["check"](None))  # the caller's namespace keeps its own check

    def test_results_that_are_no_plain_data_are_not_checked_unless_another_disagrees(self):
        from pj_process import NotPlainResult

        def counter(x):
            raise NotPlainResult("returned a Counter, which is not plain data")
        with self.assertRaises(AssertionError) as caught:
            run(counter, [("doctest", "f(1)", "1")])
        self.assertTrue(str(caught.exception).startswith(E.NOT_CHECKED + "1 of 1 prompt examples: example 1: returned a Counter"))
        with self.assertRaises(AssertionError) as caught:
            E.check_examples({"f": counter, "g": lambda: 1}, [("doctest", "f(1)", "1"), ("doctest", "g()", "2")])
        self.assertTrue(str(caught.exception).startswith("1 of 2 prompt examples disagree: example 2 `g()`"))

    def test_an_exception_of_the_function_propagates(self):
        def boom(x):
            exc = ValueError("no")
            exc.perfjudge_raised = ("ValueError", "no")  # as the proxy marks what the candidate raised
            raise exc
        with self.assertRaises(ValueError):
            run(boom, [("doctest", "f(1)", "1")])


if __name__ == "__main__":
    unittest.main()
