"""The strict plain-data codec between candidate and checker (pj_wire.encode/decode), through the
real frames (send_json/recv_json on a pipe), as a candidate's result travels."""
import math
import json
import os
import unittest

from harness_support import shape
import pj_wire as W


def through_pipe(value):
    """encode on the candidate's side, frame, and decode on the checker's side."""
    r, w = os.pipe()
    try:
        W.send_json(w, W.encode(value))
        return W.decode(W.recv_json(r))
    finally:
        os.close(r)
        os.close(w)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


class CodecRoundTrip(unittest.TestCase):
    PLAIN = [None, True, False, 0, -7, 2 ** 70, 1.5, -0.0, 1e308, 5e-324, math.inf, -math.inf, math.nan,
             "", "a'b\"\n\\", "é✓\u0000", b"", b"\x00\xffab", complex(1.5, -2.0), complex(math.inf, 0.0),
             [], [1, "a", None, 2.5], (), (1,), (1, (2, [3, (4,)])), {}, {"k": 1, 2: [3], (1, 2): None},
             set(), {1, 2, 3}, {"a", (1, 2)}, frozenset(), frozenset({1, frozenset({2})}),
             [[math.nan], {"x": {math.inf}}, (b"\x01", 3j)], [True, 1, 1.0]]

    def test_every_plain_type_round_trips_with_its_exact_type(self):
        for value in self.PLAIN:
            with self.subTest(value=value):
                self.assertEqual(shape(through_pipe(value)), shape(value))

    def test_bool_and_int_and_float_stay_apart(self):
        back = through_pipe([True, 1, 1.0, (False, 0, 0.0)])
        self.assertEqual([type(v) for v in back[:3]], [bool, int, float])
        self.assertEqual([type(v) for v in back[3]], [bool, int, float])

    def test_huge_ints_round_trip(self):
        for value in (10 ** 5000, -(3 ** 20000), [2 ** 100000]):
            with self.subTest(bits=len(repr(value))):
                self.assertEqual(through_pipe(value), value)

    def test_nesting_up_to_the_limit_round_trips(self):
        value = 1
        for i in range(150):
            value = [value] if i % 2 else (value,)
        self.assertEqual(shape(through_pipe(value)), shape(value))


class CodecRejects(unittest.TestCase):
    def test_non_plain_types_are_rejected_by_exact_type(self):
        class MyInt(int):
            pass

        class MyStr(str):
            pass

        class MyList(list):
            pass

        class MyDict(dict):
            pass

        class MyFloat(float):
            pass

        class MyTuple(tuple):
            pass

        bad = [MyInt(3), MyStr("x"), MyList([1]), MyDict(a=1), MyFloat(1.0), MyTuple((1,)), AlwaysEqual(),
               object(), len, (x for x in ()), bytearray(b"a"), range(3), [1, [AlwaysEqual()]],
               {"k": MyInt(1)}, {MyStr("k"): 1}, (1, MyList()), {MyInt(2)}]
        for value in bad:
            with self.subTest(value=type(value).__name__):
                with self.assertRaises(TypeError):
                    W.encode(value)

    def test_an_always_equal_object_cannot_be_expressed_in_the_json_frames(self):
        # A candidate controls the bytes: the most it can send is data, never an object of its own.
        for raw in ('{"__class__": "AlwaysEqual"}', '["l", {"a": 1}]'):
            with self.subTest(raw=raw):
                with self.assertRaises(W.BadData):
                    W.decode(W.loads_strict(raw))

    def test_malformed_tagged_values_are_bad_data(self):
        for obj in [[], [1, 2], ["x"], ["d", 1], ["c", 1, 2], ["c", 1.0], ["inf", 2], ["inf"], ["nan", 1],
                    ["b", 5], ["b", "zz"], ["l", ["q"]], {"a": 1}.items()]:
            with self.subTest(obj=obj):
                with self.assertRaises((W.BadData, ValueError)):
                    W.decode(obj)

    def test_too_deep_values_are_refused_on_both_sides(self):
        deep = 1
        for _ in range(300):
            deep = [deep]
        with self.assertRaises(TypeError):
            W.encode(deep)
        tagged = 1
        for _ in range(300):
            tagged = ["l", tagged]
        with self.assertRaises(W.BadData):
            W.decode(tagged)

    def test_a_frame_nested_past_the_parsers_recursion_limit_is_bad_data(self):
        # JSON the candidate writes itself (json.loads raises RecursionError on it): the checker
        # must see bad data (the candidate's fault), not a harness error.
        r, w = os.pipe()
        body = b"[" * 200000 + b"]" * 200000
        try:
            pid = os.fork()
            if pid == 0:
                os.close(r)
                W.write_all(w, len(body).to_bytes(4, "big") + body)
                os._exit(0)
            os.close(w)
            w = None
            with self.assertRaises(W.BadData):
                W.recv_json(r)
            os.waitpid(pid, 0)
        finally:
            os.close(r)
            if w is not None:
                os.close(w)


class BoundedDecoding(unittest.TestCase):
    """A candidate's frame costs the checker time linear in its size (issue 16)."""

    def timed(self, fn):
        import time
        started = time.monotonic()
        try:
            return fn()
        finally:
            self.assertLess(time.monotonic() - started, 2.0)

    def test_big_integers_travel_as_hex_and_round_trip(self):
        for value in (10 ** 4213, -(10 ** 5000), 3 ** 100000, [1, 10 ** 6000], {10 ** 7000: (2 ** 50000,)}):
            with self.subTest(digits=len(str(value))):
                self.assertEqual(through_pipe(value), value)
        self.assertEqual(W.encode(2 ** 20000)[0], "i")

    def test_an_answer_of_a_million_digits_round_trips_in_linear_time(self):
        # HumanEval+/83 and 139 have correct answers of hundreds of thousands of digits.
        # (Encoded and parsed as the frames are, without a pipe: 0.4 MB would fill its buffer.)
        value = 18 * 10 ** 1_000_000
        self.assertEqual(self.timed(lambda: W.decode(W.loads_strict(json.dumps(W.encode(value))))), value)

    def test_an_integer_of_millions_of_decimal_digits_is_refused_before_it_is_converted(self):
        raw = '["ok",' + "7" * 3_000_000 + "]"
        with self.assertRaises(ValueError):
            self.timed(lambda: W.loads_strict(raw))
        with self.assertRaises(W.BadData):  # and a hex integer past its bound
            W.decode(["i", "f" * (W.MAX_INT_HEX + 2)])

    def test_a_set_or_dict_of_values_that_all_hash_alike_is_bad_data_at_once(self):
        same = [k * (2 ** 61 - 1) for k in range(1, 60001)]
        for tagged in (["s"] + same, ["f"] + same, ["d"] + [x for k in same for x in (k, 0)]):
            with self.subTest(tag=tagged[0]):
                with self.assertRaises(W.BadData):
                    self.timed(lambda: W.decode(tagged))
        self.assertEqual(W.decode(["s"] + list(range(100000))), set(range(100000)))  # ordinary sets still fine

    def test_a_writer_waits_at_most_until_its_deadline_for_a_reader_that_stopped(self):
        import time
        r, w = os.pipe()
        try:
            os.set_blocking(w, False)
            with self.assertRaises(TimeoutError):
                self.timed(lambda: W.write_all(w, b"x" * (4 << 20), time.monotonic() + 0.3))
        finally:
            os.close(r)
            os.close(w)


class MarshalDirection(unittest.TestCase):
    def test_call_arguments_round_trip_and_objects_cannot_be_sent(self):
        r, w = os.pipe()
        try:
            args = (1, [2.5, "x"], {"k": (None, b"z")}, {1, 2}, 10 ** 400)
            W.send_marshal(w, ("call", args))
            self.assertEqual(W.recv_marshal(r), ("call", args))
            with self.assertRaises(ValueError):  # the proxy's NotShippable
                W.send_marshal(w, ("call", (AlwaysEqual(),)))
        finally:
            os.close(r)
            os.close(w)


if __name__ == "__main__":
    unittest.main()
