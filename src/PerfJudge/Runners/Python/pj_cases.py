"""A task's cases as the trusted checker sees them: its prompt's helpers, its test inputs (literal,
or made by its input generator per level), and its output checker. Layer 3 (cases): imports
pj_literal and pj_enamel_helpers."""
import hashlib
import json
import os
import random

import pj_enamel_helpers
import pj_literal

_code_cache = {}
_inputs = {}
_batches = {}  # batch_inputs' per-level inputs, keyed like the cases and by the secret
# Mixed into every generator seed: the seed, the task id and the generator are public, so without
# it a program could regenerate the measured inputs while it is imported (not measured) and look
# its answers up. Held by the checker only, whose memory no candidate shares (candidates are forked
# from the zygote, which never holds it; the checker is non-dumpable). The engine sends the
# machine's secret (a file on the trusted side) as the checker's first request, so the same seed
# gives the same inputs run after run (keep_secret); a worker given none (the harness run by hand)
# keeps this one, drawn here, new per worker.
_SECRET = os.urandom(16).hex()


def keep_secret(request, source):
    """The "input_secret" request, taken only as a checker's first: {"secret": 32 hex digits}
    becomes the secret of every input generated after it."""
    global _SECRET
    secret = request.get("secret")
    if type(secret) is not str or len(secret) != 32 or any(c not in "0123456789abcdef" for c in secret):
        return {"verdict": "sandbox_error", "detail": "input_secret: expected 32 lowercase hex digits"}
    _SECRET = secret
    _inputs.clear()
    _batches.clear()
    return {"verdict": "passed"}


def compiled(source, name):
    """compile(source, name, "exec"), kept: every sample of a task runs the same test code."""
    key = (name, source)
    code = _code_cache.get(key)
    if code is None:
        if len(_code_cache) > 512:
            _code_cache.clear()
        code = _code_cache[key] = compile(source, name, "exec")
    return code


def exec_prompt(request, ns):
    """Runs the task's prompt in ns, for its helpers (poly in HumanEval/32, encode_cyclic ...)."""
    prompt = request.get("prompt")
    if prompt:
        try:
            exec(compiled(prompt, "<prompt>"), ns)
        except Exception:
            pass  # a prompt that is not a complete program only lacks its helpers


def load_checker(request):
    """The task's output checker: __check(args, expected, output) -> truthy when output is right.
    It may use the prompt's helpers."""
    ns = {"__name__": "__checker__"}
    exec_prompt(request, ns)
    exec(compiled(request["checker"], "<checker>"), ns)
    return ns["__check"]


def check_output(check, args, answer, output):
    """True when the checker accepts output for args (answer: the first reference's output); a
    checker that raises rejects."""
    try:
        return bool(check(args, answer, output))
    except Exception:
        return False


def load_generator(request):
    """The task's generate_input(size, level, case), in a namespace with ENAMEL's helpers and
    the prompt's."""
    ns = pj_enamel_helpers.namespace()
    exec_prompt(request, ns)
    exec(compiled(request["generator"], "<generator>"), ns)
    return ns["generate_input"]


def _draw(generate, seed, size, lid, cid):
    """generate_input(size, lid, cid) with random seeded by `seed`, as an argument tuple (a
    non-tuple result stands for a single argument)."""
    random.seed(seed)
    args = generate(size, lid, cid)
    return args if type(args) is tuple else (args,)


def warmup_inputs(request):
    """{level: args}: one more input per generated level, made like its cases but with its own
    seed ("seed/task_id/lid/warm-up") and case number (the level's count), never scored: a warm-up
    call on it cannot help the candidate on a measured case."""
    if not request["generator"]:
        return {}
    generate = load_generator(request)
    out = {}
    for lid, level in enumerate(request["levels"]):
        if level.get("inputs") is None and lid > 0:
            out[lid] = _draw(generate, "%s/%s/%d/warm-up" % (request["seed"], request["task_id"], lid),
                             level["size"], lid, level["count"])
    return out


def generate_cases(request):
    """[(level, args)] for the task, generated once per (task, seed, generator, levels) and kept.
    A level that carries literal inputs (Python literals of argument tuples) uses them as they are;
    else case cid of level lid is generate_input(size, lid, cid) with random seeded by
    "secret/seed/task_id/lid/cid" (the secret: this checker's, see _SECRET), a non-tuple result
    standing for a single argument."""
    key = (request["task_id"], request["seed"],
           hashlib.sha256(request["generator"].encode()).hexdigest(),
           hashlib.sha256(json.dumps(request["levels"], sort_keys=True).encode()).hexdigest())
    cases = _inputs.get(key)
    if cases is not None:
        return cases
    generate = load_generator(request) if request["generator"] else None
    cases = []
    for lid, level in enumerate(request["levels"]):
        if level.get("inputs") is not None:
            cases.extend((lid, pj_literal.parse_args(text)) for text in level["inputs"])
            continue
        for cid in range(level["count"]):
            seed = "%s/%s/%s/%d/%d" % (_SECRET, request["seed"], request["task_id"], lid, cid)
            cases.append((lid, _draw(generate, seed, level["size"], lid, cid)))
    if len(_inputs) > 16:
        _inputs.clear()
    _inputs[key] = cases
    return cases


def batch_inputs(request, cases, levels, count):
    """{case index: [count more inputs of its level]} for the generated cases on `levels`: input k
    for case cid of level lid is generate_input(size, lid, cid) with random seeded by
    "secret/seed/task_id/lid/cid/batch/k", so every one is new to the program and hidden from it
    like the cases (the secret). Each level's inputs are generated once per (secret, seed, task,
    generator, prompt, level, size, cases, count) and kept, as the cases are: every perf request of
    a task asks for the same ones."""
    generate = None
    per_level, out, cid = {}, {}, {}
    for i, (lid, _) in enumerate(cases):
        n = cid[lid] = cid.get(lid, -1) + 1
        if lid not in levels:
            continue
        if lid not in per_level:
            ncases = sum(1 for level, _ in cases if level == lid)
            key = _batch_key(request, lid, ncases, count)
            kept = _batches.get(key)
            if kept is None:
                if generate is None:
                    generate = load_generator(request)
                kept = _level_batches(request, generate, lid, ncases, count)
                if len(_batches) > 64:
                    _batches.clear()
                _batches[key] = kept
            per_level[lid] = kept
        out[i] = per_level[lid][n]
    return out


def _batch_key(request, lid, ncases, count):
    return (_SECRET, request["seed"], request["task_id"], _digest(request["generator"]),
            _digest(request.get("prompt") or ""), lid, request["levels"][lid]["size"], ncases, count)


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _level_batches(request, generate, lid, ncases, count):
    """[[count inputs] for each of the ncases cases of level lid]: case cid's k-th input seeded
    "secret/seed/task_id/lid/cid/batch/k"."""
    size = request["levels"][lid]["size"]
    return [[_draw(generate, "%s/%s/%s/%d/%d/batch/%d" % (_SECRET, request["seed"], request["task_id"], lid, n, k),
                   size, lid, n) for k in range(count)]
            for n in range(ncases)]
