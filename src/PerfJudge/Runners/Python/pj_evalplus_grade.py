"""EvalPlus graders (HumanEval+ and MBPP+). Layer 4 (graders): imports pj_wire, pj_process,
pj_verdicts, pj_evalplus.

"evalplus_expected": runs a task's canonical solution, sandboxed like any candidate, on its
base and plus inputs; the contract is checked first on a copy of the arguments, and an input it
rejects is no test. The outputs stay in this checker (EXPECTED, by content digest); the reply
carries each input's status ("ok", "rejected", or "raised: ..."), the digest of each input set's
outputs and the canonical's seconds. The engine never holds the outputs (HumanEval/130's are
114 MB of floats), so neither its memory nor the requests grow with them.

"evalplus": one sample against one input set (base or plus), by EvalPlus's rules
(pj_evalplus.accepts), against the outputs of the digest it names. A checker that does not hold
them (another worker, a restarted one) computes them again from the reference the request also
carries (canonical program, contract, limits: a trusted run, not the sample's), once, and
judges only when they have the digest named."""
import collections
import hashlib
import marshal
import struct
import time

import pj_evalplus
from pj_process import CandidateGone, NotPlainResult, NotShippable, reply_value
from pj_verdicts import ended_verdict, finalize, harness_error, load_program, raised_verdict
from pj_wire import decode, encode

_WRAPPER = """
def __pj_expected(*args):
    import copy
    if %(checked)s:
        try:
            __pj_contract(*copy.deepcopy(args))
        except Exception:
            return ["rejected"]
    out = __pj_plain(globals()[%(entry)r](*args))
    if %(not_none)s:
        out = out is not None
    return ["ok", out]
"""

# Counter, OrderedDict and defaultdict results compare equal to dicts in EvalPlus; the wire carries
# only exact built-in types, so the candidate's process turns them into dicts before sending.
_PLAIN = """
def __pj_plain(out):
    import collections
    if type(out) in (collections.Counter, collections.OrderedDict, collections.defaultdict):
        return dict(out)
    return out

def __pj_evalplus_call(*args):
    return __pj_plain(globals()[%r](*args))
"""


def expected_outputs(request, source):
    """The evalplus_expected grader: the outputs are kept in EXPECTED; the reply names their digests."""
    result = _run_reference(request, source, [(part, request[part + "_inputs"]) for part in ("base", "plus")])
    for part in ("base", "plus"):
        outputs = result.pop(part + "_outputs", None)
        if outputs is not None:
            result[part + "_digest"] = EXPECTED.put(outputs)
    return result


def _run_reference(reference, source, parts):
    """The canonical solution of `reference` (task_id, dataset, program, entry_point, contract,
    limits) run, sandboxed, on each (name, inputs' JSON text) of `parts`: per name, the statuses,
    the outputs in _expected_form and the seconds."""
    limits = reference["limits"]
    program = reference["program"]
    contract = pj_evalplus.contract_source(program, reference["entry_point"], reference.get("contract"))
    not_none = reference["dataset"] == "mbpp" and reference["entry_point"] in pj_evalplus.MBPP_NOT_NONE
    wrapped = program + "\n\n" + (contract or "") + _PLAIN % reference["entry_point"] + _WRAPPER % {
        "checked": contract is not None, "entry": reference["entry_point"], "not_none": not_none}
    box = [source.spawn()]
    try:
        result = _expected(reference, box, source, wrapped, limits, parts)
    except BaseException as exc:
        result = harness_error(exc)
    return finalize(result, box[0], limits)


# How the canonical solution may fail on one input such that the input is no test rather than the
# task unjudgeable: no sample could give a judgeable answer there either (MBPP+'s Mbpp/255 on plus
# input 85: 1,663,740 tuples of 77 strings, a 932 MB reply; docs/evalplus.md).
UNJUDGEABLE = ("memory_limit", "output_limit")


def _expected(request, box, source, program, limits, parts):
    deadline = time.monotonic() + limits["wall_seconds"]
    failure = load_program(box[0], program, "__pj_expected", limits, deadline)
    if failure is not None:
        return failure
    result = {"verdict": "passed"}
    for part, text in parts:
        inputs = pj_evalplus.load_inputs(request["dataset"], request["task_id"], text)
        statuses, outputs = [], []
        started = time.monotonic()
        for args in inputs:
            try:
                reply = reply_value(box[0].call(args, deadline))
            except CandidateGone as gone:
                ended = ended_verdict(box[0], str(gone), limits)
                ended["detail"] = "canonical solution, %s input %d: %s" % (
                    part, len(statuses), ended.get("detail"))
                if ended["verdict"] not in UNJUDGEABLE:
                    return ended
                statuses.append("unjudgeable: %s: %s" % (ended["verdict"], ended["detail"]))
                outputs.append(None)
                box[0].finish()  # a fresh process for the inputs left
                box[0] = source.spawn()
                failure = load_program(box[0], program, "__pj_expected", limits, deadline)
                if failure is not None:
                    return failure
                continue
            except NotPlainResult as bad:
                statuses.append("raised: %s" % bad)
                outputs.append(None)
                continue
            except Exception as exc:
                raised = getattr(exc, "perfjudge_raised", None) or (type(exc).__name__, str(exc))
                statuses.append("raised: %s: %s" % (raised[0], raised[1][:200]))
                outputs.append(None)
                continue
            statuses.append(reply[0])
            outputs.append(_expected_form(reply[1]) if reply[0] == "ok" else None)
        result[part + "_status"] = statuses
        result[part + "_outputs"] = outputs
        result[part + "_seconds"] = time.monotonic() - started
    return result


class ExpectedStore:
    """Expected outputs (lists of _expected_form entries) by digest, in this checker only. Least
    recently used first out once they pass `budget` bytes in all (their marshal size: ~9 bytes a
    float, where the objects take ~32); the newest entry is always kept, so a task larger than the
    budget is still judged."""

    def __init__(self, budget):
        self.budget = budget
        self.size = 0
        self.entries = collections.OrderedDict()  # digest -> (outputs, size)

    @staticmethod
    def digest(outputs):
        """(digest, size): sha256 of the outputs in marshal's version 2, and its length. Version 2
        has no back-references and no interning flags, so equal plain values (None, bool, int,
        float, str, lists: what _expected_form makes) give equal bytes; it is C code (HumanEval/130's
        6 million floats: ~0.3 s, where JSON text took 15 s). One entry at a time: no copy of all."""
        h = hashlib.sha256()
        size = 0
        for entry in outputs:
            data = marshal.dumps(entry, 2)
            h.update(struct.pack(">Q", len(data)))
            h.update(data)
            size += len(data)
        return h.hexdigest(), size

    def put(self, outputs, digest_size=None):
        """Keeps `outputs` (digest_size: their digest() when known); returns their digest."""
        digest, size = digest_size or self.digest(outputs)
        if digest not in self.entries:
            self.entries[digest] = (outputs, size)
            self.size += size
        self.entries.move_to_end(digest)
        while self.size > self.budget and len(self.entries) > 1:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= dropped
        return digest

    def get(self, digest):
        entry = self.entries.get(digest)
        if entry is None:
            return None
        self.entries.move_to_end(digest)
        return entry[0]


# HumanEval/130's plus outputs take 54 MB by this measure (about 200 MB as objects).
EXPECTED = ExpectedStore(128 << 20)


# An expected int or str longer than this (hex digits, characters) travels as its digest: HumanEval+
# 83 and 139 have outputs of hundreds of kilobytes each (147 MB for one task), which the engine
# would otherwise carry in every request of the task.
DIGEST_FROM = 1 << 16


def _digest_text(value):
    """The text a huge int or str is digested as (None: not digested)."""
    t = type(value)
    if t is int and value.bit_length() > 4 * DIGEST_FROM:
        return format(value, "x")
    if t is str and len(value) > DIGEST_FROM:
        return value
    return None


def _expected_form(value):
    """[encoded value], or ["sha256", type name, digest] for a huge int or str (compared exactly)."""
    text = _digest_text(value)
    if text is None:
        return [encode(value)]
    return ["sha256", type(value).__name__, hashlib.sha256(text.encode()).hexdigest()]


def _matches_digest(out, exp):
    if type(out).__name__ != exp[1] or type(out) not in (int, str):
        return False
    text = _digest_text(out)
    return text is not None and hashlib.sha256(text.encode()).hexdigest() == exp[2]


def judge(request, source):
    expected = EXPECTED.get(request["expected_digest"])
    if expected is None:
        expected, failure = _computed_again(request, source)
        if failure is not None:
            return failure
    limits = request["limits"]
    cand = source.spawn()
    try:
        result = _judge(request, cand, limits, expected)
    except BaseException as exc:
        result = harness_error(exc)
    return finalize(result, cand, limits)


def _computed_again(request, source):
    """(outputs, None) for a digest this checker does not hold, from the request's reference, or
    (None, a sandbox_error reply): not the sample's fault, and not stored, so a later run retries."""
    reference = dict(request["reference"], task_id=request["task_id"], dataset=request["dataset"],
                     entry_point=request["entry_point"])
    run = _run_reference(reference, source, [("inputs", request["inputs"])])
    if run.get("verdict") != "passed":
        return None, {"verdict": "sandbox_error", "detail": "the expected outputs could not be computed again "
                      "in this worker: %s: %s" % (run.get("verdict"), run.get("detail"))}
    outputs = run["inputs_outputs"]
    digest, size = ExpectedStore.digest(outputs)
    if digest != request["expected_digest"]:
        return None, {"verdict": "sandbox_error", "detail": "the canonical solution's outputs, computed again in "
                      "this worker, differ from its first run's (sha256 %s..., not %s...): it is not deterministic"
                      % (digest[:12], request["expected_digest"][:12])}
    EXPECTED.put(outputs, (digest, size))
    return outputs, None


def _judge(request, cand, limits, expected):
    deadline = time.monotonic() + limits["wall_seconds"]
    dataset, entry = request["dataset"], request["entry_point"]
    inputs = pj_evalplus.load_inputs(dataset, request["task_id"], request["inputs"])
    if len(expected) != len(inputs):
        return {"verdict": "sandbox_error", "detail": "%d inputs but %d expected outputs"
                % (len(inputs), len(expected))}
    failure = load_program(cand, request["program"] + "\n\n" + _PLAIN % entry, "__pj_evalplus_call", limits,
                           deadline)
    if failure is not None:
        return failure
    opaque_ok = dataset == "mbpp" and entry in pj_evalplus.MBPP_NOT_NONE
    tests = 0
    for i, (args, exp) in enumerate(zip(inputs, expected)):
        if exp is None:  # rejected by the contract, or the canonical failed on it: no test
            continue
        tests += 1
        try:
            out = reply_value(cand.call(args, deadline))
        except CandidateGone as gone:
            return ended_verdict(cand, str(gone), limits)
        except NotPlainResult as bad:
            if not opaque_ok:
                return {"verdict": "failed", "detail": "input %d: %s" % (i, bad), "calls": tests}
            out = pj_evalplus.Opaque()
        except NotShippable as bad:
            return {"verdict": "sandbox_error", "detail": "input %d cannot be sent: %s" % (i, bad)}
        except Exception as exc:
            raised = getattr(exc, "perfjudge_raised", None)
            if raised is not None:
                result = raised_verdict(raised[0], raised[1], tests)
                result["detail"] = "input %d: %s" % (i, result["detail"])
                return result
            raise
        if len(exp) == 3:  # a digest: exact comparison of a huge int or str
            if not _matches_digest(out, exp):
                return {"verdict": "failed", "calls": tests, "detail": "input %d: expected a %s with sha256 %s, got %s"
                        % (i, exp[1], exp[2][:16], _short(out))}
            continue
        want = decode(exp[0])
        if not pj_evalplus.accepts(dataset, entry, args, out, want, request["atol"]):
            return {"verdict": "failed", "calls": tests, "detail": "input %d: expected %s, got %s"
                    % (i, _short(want), _short(out))}
    return {"verdict": "passed", "calls": tests}


def _short(value):
    if type(value) is pj_evalplus.Opaque:
        return "a value that is not plain data"
    if type(value) is int and value.bit_length() > 4096:  # repr of a huge int is quadratic
        return "an int of %d bits" % value.bit_length()
    if type(value) is str and len(value) > 4096:
        return "a str of %d characters" % len(value)
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
