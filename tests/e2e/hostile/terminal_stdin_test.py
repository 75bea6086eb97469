#!/usr/bin/env python3
"""Run with no file and a terminal on standard input, a tool that reads stdin
must not wait on a silent prompt: it says what it needs and exits 2 at once.
Each tool runs with a pseudo-terminal as its stdin (as a user typing the bare
command in a shell); the timeout only guards against the old hang.

Usage: terminal_stdin_test.py STACKFOLD FLAMESVG HEAPDIFF GOLEAK
"""
import os
import pty
import subprocess
import sys

failures = 0
for tool in sys.argv[1:]:
    name = os.path.basename(tool)
    master, slave = pty.openpty()
    try:
        p = subprocess.run([tool], stdin=slave, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=20)
        want = (f"{name}: no input: name a FILE, or pipe data in (standard "
                f"input is a terminal) (try --help)\n")
        if p.returncode == 2 and p.stderr.decode() == want and not p.stdout:
            print(f"ok   {name}: no file and a terminal on stdin")
        else:
            print(f"FAIL {name}: exit {p.returncode}, stderr {p.stderr!r}")
            failures += 1
    except subprocess.TimeoutExpired:
        print(f"FAIL {name}: waited on the terminal")
        failures += 1
    finally:
        os.close(master)
        os.close(slave)
print(f"terminal stdin: {len(sys.argv) - 1 - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
