"""Shared by every script here: read key=value parameters, time the work, print one result line.

Each script is the Python original of one cookbook recipe, written in the project's own words,
standard library only. The harness (cookbook.benchmarks.Bench) starts it as a fresh process with
the same parameters as the Java side and reads the last line it prints:

    BENCH {"runs_ms": [cold, warm, warm, ...], "check": "..."}

The first run is the cold one; later runs repeat the work inside the same process.
"""
import json
import sys
import time


def params(defaults):
    """key=value arguments over the defaults; an unknown key or a bad number exits with code 2."""
    values = dict(defaults)
    for arg in sys.argv[1:]:
        key, sep, value = arg.partition("=")
        if not sep or key not in values:
            sys.exit("unknown parameter %r; this script takes %s" % (arg, ", ".join(sorted(values))))
        values[key] = type(defaults[key])(value)
    return values


def run(work, repeats):
    """Times work() repeats times; prints the protocol line with the last check it returned."""
    runs_ms = []
    check = None
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        check = work()
        runs_ms.append((time.perf_counter() - start) * 1000.0)
    print("BENCH " + json.dumps({"runs_ms": runs_ms, "check": str(check)}), flush=True)
