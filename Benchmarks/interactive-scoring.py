#!/usr/bin/env python3
"""Cost of interactive scoring: wall time of `callqa score` driven through piped stdin.

Every answer is stored in the draft in its own transaction; this measures what that costs.
Usage (after `swift build -c release`, or pass a debug binary):

    python3 Benchmarks/interactive-scoring.py [.build/release/callqa] [runs]

It creates a scratch database in a temporary folder, then times N sessions answering the 17
items of inbound-service and submitting, and N sessions that open a draft and hit EOF at once.
The difference divided by 18 inputs is the cost of one answer (prompt, parse, write, output).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/callqa")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
FULL = "y\n2\n3\nyes\n15\nn\ny\n1\ny\nna\n2\ny\nna\ny\ny\ny\ny\ns\n"


def main():
    env = dict(os.environ, NO_COLOR="1")
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "bench.sqlite")

        def call(*args, stdin=""):
            return subprocess.run([BINARY, *args, "--db", db], input=stdin.encode(), capture_output=True, env=env)

        call("init")
        call("agent", "add", "A001", "--name", "Bench")
        call("inspector", "add", "QA1", "--name", "Bench")

        def session(call_id, stdin):
            start = time.perf_counter()
            call("score", "--scorecard", "inbound-service", "--agent", "A001", "--call", call_id,
                 "--inspector", "QA1", stdin=stdin)
            return (time.perf_counter() - start) * 1000

        full = [session(f"F-{i}", FULL) for i in range(RUNS)]
        empty = [session(f"E-{i}", "") for i in range(RUNS)]
        print(f"binary: {BINARY}, {RUNS} runs each")
        print(f"17 answers + submit: median {statistics.median(full):.1f} ms (min {min(full):.1f}, max {max(full):.1f})")
        print(f"open draft, EOF:     median {statistics.median(empty):.1f} ms (min {min(empty):.1f}, max {max(empty):.1f})")
        print(f"per input line:      ~{(statistics.median(full) - statistics.median(empty)) / 18:.2f} ms")


if __name__ == "__main__":
    main()
