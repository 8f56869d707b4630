"""Runs one program under callgrind for the `callgrind` meter: takes {program, entry_point, args}
as JSON in argv[2] (not stdin: how a pipe is read depends on timing, and so would the count), loads the program, calls the entry point CALLS times (argv[1]) and exits.
The instruction count of the call is the difference between CALLS=1 and CALLS=0, which is exact
because the worker runs without address-space randomisation and with a fixed hash seed."""
import json
import sys


def main():
    calls = int(sys.argv[1])
    request = json.loads(sys.argv[2])
    namespace = {"__name__": "__candidate__"}
    exec(compile(request["program"], "<candidate>", "exec"), namespace)
    fn = namespace[request["entry_point"]]
    args = request["args"]
    for _ in range(calls):
        fn(*args)


if __name__ == "__main__":
    main()
