"""Python literals of argument tuples (pj_literal): canonical, typed round trips."""
import unittest

from harness_support import shape
import pj_literal as L


class Literals(unittest.TestCase):
    def test_values_round_trip_with_their_types(self):
        for value in [(1,), (), (None, True, -0.0, 1e300, 10 ** 40, "a'b\"\n", b"\x00"),
                      ([1, [2, (3,)]], {"k": {3, 1}, 2: None}), (set(), [], {}, ((),))]:
            with self.subTest(value=value):
                text = L.dumps(value)
                back = L.parse_args(text)
                self.assertEqual(shape(back), shape(value))
                self.assertEqual(L.dumps(back), text)

    def test_the_text_is_canonical(self):
        self.assertEqual(L.dumps((1,)), "(1,)")
        self.assertEqual(L.dumps(({3, 1, 2},)), "({1, 2, 3},)")
        self.assertEqual(L.dumps(({9, 10},)), "({10, 9},)")  # by text, not by iteration order
        self.assertEqual(L.dumps(({"b", "a", "c"},)), "({'a', 'b', 'c'},)")
        self.assertEqual(L.dumps((set(range(50, 0, -1)),)), L.dumps((set(range(1, 51)),)))
        self.assertEqual(L.dumps(({"b": 1, "a": 2},)), "({'b': 1, 'a': 2},)")  # insertion order
        self.assertEqual(L.dumps((0.1, set())), "(0.1, set())")

    def test_values_without_a_literal_are_refused(self):
        class MyInt(int):
            pass
        deep = 1
        for _ in range(120):
            deep = [deep]
        for value in [(float("nan"),), ([float("inf")],), (frozenset(),), (object(),), (MyInt(1),),
                      (1j,), (deep,)]:
            with self.subTest(value=type(value[0]).__name__):
                with self.assertRaises(L.NotLiteral):
                    L.dumps(value)

    def test_an_input_must_be_a_tuple_of_arguments(self):
        with self.assertRaises(ValueError):
            L.parse_args("[1, 2]")
        with self.assertRaises(ValueError):
            L.parse_args("__import__('os')")
        self.assertEqual(L.parse_args("(5,)"), (5,))


if __name__ == "__main__":
    unittest.main()
