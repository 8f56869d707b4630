"""A SandboxFusion client that calls /run_code the way verl's sandbox-fusion reward does, written
with the standard library only (urllib + concurrent.futures), to check that PerfJudge's /run_code
works for it unchanged.

The call pattern (verl, verl/utils/reward_score/sandbox_fusion): one POST per test case with
{code, stdin, language, compile_timeout, run_timeout, files: {}, fetch_files: []}, all cases of a
problem from a pool of 32 threads, a retry only on HTTP 504 (at most 3 attempts, waiting 1 s, 2 s),
any other HTTP error ends the case as an API error. Each case then gets verl's outcome:
  True   status Success, run_result Finished, stdout equal to the expected output (trailing
         newlines ignored)
  False  status Success but another stdout
  -1     an API or sandbox error, or an answer of another shape
  -2     status Failed, the run ended with an error (Finished with a non-zero return code, or Error)
  -3     status Failed, the run hit its time limit (TimeLimitExceeded)
  -4     status Failed, the compile failed or timed out

Usage: sandbox_fusion_client.py URL PROBLEMS.json
PROBLEMS.json is a list of {"language", "code", "timeout", "inputs", "outputs", "expect"} where
"expect" holds the outcome each case must get. Exit status 0 when every case got its expected
outcome, 1 otherwise (each difference is printed); the last line of stdout is a JSON summary.
"""
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.request

ATTEMPTS = 3
POOL = 32


def post_run_code(url, code, stdin, timeout, language):
    """(answer, None) or (None, error text), retrying only on 504."""
    body = json.dumps({"compile_timeout": timeout, "run_timeout": timeout, "code": code, "stdin": stdin,
                       "language": language, "files": {}, "fetch_files": []}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    error = None
    for attempt in range(ATTEMPTS):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=2 * timeout + 60) as response:
                return json.loads(response.read()), None
        except urllib.error.HTTPError as exc:
            error = "HTTP %d: %s" % (exc.code, exc.read()[:300])
            if exc.code != 504:
                break
            if attempt < ATTEMPTS - 1:
                time.sleep(attempt + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            error = "request failed: %r" % (exc,)
            break
    return None, error


def outcome(answer, expected):
    """verl's outcome of one case from the /run_code answer."""
    status = answer.get("status")
    compile_result = answer.get("compile_result") or None
    run_result = answer.get("run_result") or None
    if status == "Success":
        if run_result and run_result.get("status") == "Finished":
            stdout = run_result.get("stdout") or ""
            return str(stdout).rstrip("\n") == str(expected).rstrip("\n")
        return -1
    if status == "Failed":
        if compile_result and (compile_result.get("status") in ("Error", "TimeLimitExceeded")
                               or (compile_result.get("status") == "Finished" and compile_result.get("return_code") != 0)):
            return -4
        if run_result:
            if run_result.get("status") == "TimeLimitExceeded":
                return -3
            if run_result.get("status") == "Error" or (run_result.get("status") == "Finished"
                                                       and run_result.get("return_code") != 0):
                return -2
        return -1
    return -1


def check_problem(url, problem, pool):
    """The outcome of every case of one problem, in order, all cases submitted to the pool at once."""
    futures = [pool.submit(post_run_code, url, problem["code"], str(stdin), problem.get("timeout", 10), problem["language"])
               for stdin in problem["inputs"]]
    results = []
    for future, expected in zip(futures, problem["outputs"]):
        answer, error = future.result()
        results.append(-1 if error is not None else outcome(answer, expected))
        if error is not None:
            print("api error: %s" % error)
    return results


def main(url, path):
    with open(path) as f:
        problems = json.load(f)
    wrong = []
    cases = 0
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=POOL) as pool:
        for index, problem in enumerate(problems):
            got = check_problem(url, problem, pool)
            cases += len(got)
            for case, (g, e) in enumerate(zip(got, problem["expect"])):
                # True == 1 in Python: compare types too, as a boolean outcome is not an error code.
                if type(g) is not type(e) or g != e:
                    wrong.append({"problem": index, "case": case, "got": g, "expected": e})
    for w in wrong:
        print("problem %(problem)d case %(case)d: got %(got)r, expected %(expected)r" % w)
    print(json.dumps({"problems": len(problems), "cases": cases, "wrong": len(wrong),
                      "seconds": round(time.monotonic() - started, 3)}))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
