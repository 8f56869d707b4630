"""Built-in checkers of whole programs (pj_checkers) and the testlib exit-code convention."""
import unittest

import harness_support  # noqa: F401  (puts the harness on sys.path)
import pj_checkers as C


def verdict(kind, expected, output):
    return C.builtin(kind)(expected, output) is None


class BuiltinCheckers(unittest.TestCase):
    def test_exact_ignores_only_a_final_newline(self):
        self.assertTrue(verdict("exact", b"1 2\n3\n", b"1 2\n3"))
        self.assertTrue(verdict("exact", b"1 2\n3", b"1 2\n3\n"))
        self.assertFalse(verdict("exact", b"1 2\n3\n", b"1  2\n3\n"))
        self.assertFalse(verdict("exact", b"1 2\n3\n", b"1 2 \n3\n"))
        self.assertIn("line 2", C.exact(b"a\nb\n", b"a\nc\n"))

    def test_tokens_ignore_whitespace_but_not_content_or_count(self):
        self.assertTrue(verdict("tokens", b"1 2\n3\n", b"  1\n2   3"))
        self.assertFalse(verdict("tokens", b"1 2 3", b"1 2"))
        self.assertFalse(verdict("tokens", b"1 2 3", b"1 2 3 4"))
        self.assertFalse(verdict("tokens", b"1.0", b"1"))
        self.assertIn("token 2", C.tokens(b"1 2", b"1 3"))

    def test_float_tolerance_is_absolute_or_relative(self):
        self.assertTrue(verdict("float:1e-6", b"3.14159265", b"3.1415930"))
        self.assertFalse(verdict("float:1e-6", b"3.14159265", b"3.1416"))
        self.assertTrue(verdict("float:1e-6", b"1000000", b"1000000.9"))  # relative
        self.assertFalse(verdict("float:1e-6", b"1000000", b"1000002"))
        self.assertFalse(verdict("float:1e-6", b"1.5", b"nan"))
        self.assertFalse(verdict("float:1e-6", b"1.5", b"inf"))
        self.assertTrue(verdict("float:1e-6", b"YES 0.5", b"YES 0.5000001"))
        self.assertFalse(verdict("float:1e-6", b"YES 0.5", b"NO 0.5"))
        self.assertFalse(verdict("float:1e-6", b"1 2", b"1"))

    def test_lines_unordered_is_a_multiset_of_lines(self):
        self.assertTrue(verdict("lines-unordered", b"a\nb\nc\n", b"c\na\nb"))
        self.assertTrue(verdict("lines-unordered", b"a\nb\n", b"b  \na\n\n"))
        self.assertFalse(verdict("lines-unordered", b"a\na\nb\n", b"a\nb\nb\n"))
        self.assertFalse(verdict("lines-unordered", b"a\nb\n", b"a b\n"))

    def test_unknown_kinds_have_no_checker(self):
        for kind in ("nearly", "float:", "float:x", "float:-1", "float:nan", None, 3):
            self.assertIsNone(C.builtin(kind), kind)


class Testlib(unittest.TestCase):
    def test_exit_codes(self):
        self.assertEqual(C.testlib_outcome(0, ""), ("passed", 1.0, None))
        self.assertEqual(C.testlib_outcome(1, "wrong")[:2], ("failed", 0.0))
        self.assertIn("presentation error", C.testlib_outcome(2, "")[2])
        self.assertEqual(C.testlib_outcome(7, "points 0.25\n")[:2], ("failed", 0.25))
        self.assertEqual(C.testlib_outcome(7, "ok\npoints 1\n")[:2], ("passed", 1.0))

    def test_anything_else_is_a_failure_of_the_checker(self):
        for code, err in ((3, ""), (7, "no points here"), (7, "points 1.5"), (7, "points -0.1"), (137, "")):
            self.assertIsNone(C.testlib_outcome(code, err), (code, err))


if __name__ == "__main__":
    unittest.main()
