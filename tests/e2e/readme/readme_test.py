#!/usr/bin/env python3
"""Runs the worked examples of README.md and compares their output.

An example is a fenced block right after a line

    <!-- readme-test -->                 run from a copy of the repo root
    <!-- readme-test server=NAME -->     ... with a fake pprof service

Inside the block, each line starting with "$ " is a command (bash, with
pipefail); the lines after it, up to the next "$ " line, are its output
(stdout and stderr together). A line "..." in the output stands for any
number of lines. The commands run in a fresh folder holding symlinks to
the repository's testdata/ and scripts/, with the built tools and the
scripts (as perf-flame, go-cpu-flame, ...) first on PATH, TZ=UTC, and a
`sleep` that returns at once (the examples show real intervals).

server=NAME starts tests/e2e/scripts/pprof_server.py with the routes of
NAME (below); the example's http://localhost:6060 is replaced by its real
address, and back in the output. UTC times in output (20261122T031500Z,
2026-11-22T03:15:00Z) compare equal whatever their value.

Usage: readme_test.py REPO BUILD
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOOLS = ["stackfold", "flamesvg", "heapdiff", "goleak-cluster"]
SCRIPTS = ["perf-flame", "go-cpu-flame", "go-heap-diff", "go-leak-check",
           "go-collect"]
SHOWN_URL = "http://localhost:6060"
STAMP = re.compile(r"\d{8}T\d{6}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def routes(repo, name):
    """The fake service's answers for each server=NAME."""
    td = os.path.join(repo, "testdata")
    hd = os.path.join(td, "heapdiff")
    series = [os.path.join(hd, "series", "%d.heap" % i) for i in range(1, 6)]
    trend = [os.path.join(hd, "trend", "leak", "%d.heap" % i)
             for i in range(1, 5)]
    dump = os.path.join(td, "goleak-cluster", "nil-chan-select.debug2.txt")
    before = os.path.join(td, "scripts", "nil-chan-select.before.debug2.txt")
    cpu = os.path.join(td, "scripts", "cpu.pb.gz")
    table = {
        "cpu": {"/debug/pprof/profile?seconds=30": [cpu]},
        "heap": {"/debug/pprof/heap?gc=1": [os.path.join(hd, "1.heap"),
                                            os.path.join(hd, "2.heap")]},
        "heap-series": {"/debug/pprof/heap?gc=1": series},
        "heap-trend": {"/debug/pprof/heap?gc=1": trend},
        "leak": {"/debug/pprof/goroutine?debug=2": [before, dump]},
        "collect": {
            "/debug/pprof/goroutine?debug=2": [dump],
            "/debug/pprof/goroutine?debug=1": [
                os.path.join(td, "goleak-cluster",
                             "leaked-senders.debug1.txt")],
            "/debug/pprof/heap": [os.path.join(hd, "2.heap")],
            "/debug/pprof/allocs": [os.path.join(hd, "2.heap")],
            "/debug/pprof/mutex": [os.path.join(td, "scripts",
                                                "mutex.pb.gz")],
            "/debug/pprof/block": [os.path.join(td, "scripts",
                                                "block.pb.gz")],
            "/debug/pprof/profile?seconds=30": [cpu],
        },
    }
    return table[name]


def examples(readme):
    """(line number, marker options, [(command, expected lines)])."""
    lines = open(readme, encoding="utf-8").read().split("\n")
    found = []
    i = 0
    while i < len(lines):
        m = re.fullmatch(r"<!-- readme-test( server=([\w-]+))? -->", lines[i])
        if not m:
            i += 1
            continue
        start = i + 1
        if start >= len(lines) or not lines[start].startswith("```"):
            sys.exit("README.md:%d: readme-test marker not followed by a "
                     "fenced block" % (i + 1))
        j = start + 1
        while j < len(lines) and lines[j] != "```":
            j += 1
        body = lines[start + 1:j]
        cmds = []
        for line in body:
            if line.startswith("$ "):
                cmds.append((line[2:], []))
            elif not cmds:
                sys.exit("README.md:%d: example does not start with '$ '" %
                         (start + 2))
            else:
                cmds[-1][1].append(line)
        found.append((i + 1, m.group(2), cmds))
        i = j + 1
    return found


def matches(expected, actual):
    """Line lists equal, where an expected "..." eats any lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:])
                   for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(
        expected[1:], actual[1:])


def start_server(repo, name, work):
    rfile = os.path.join(work, "routes")
    with open(rfile, "w", encoding="utf-8") as f:
        for target, files in routes(repo, name).items():
            f.write(target + "\t" + "\t".join(files) + "\n")
    port_file = os.path.join(work, "port")
    proc = subprocess.Popen([
        sys.executable,
        os.path.join(repo, "tests", "e2e", "scripts", "pprof_server.py"),
        "--routes", rfile, "--port-file", port_file, "--log",
        os.path.join(work, "requests"), "--lifetime", "120"])
    for _ in range(200):
        if os.path.exists(port_file):
            break
        time.sleep(0.05)
    with open(port_file, encoding="utf-8") as f:
        return proc, "http://127.0.0.1:" + f.read().strip()


def main():
    repo, build = sys.argv[1], sys.argv[2]
    readme = os.path.join(repo, "README.md")
    top = tempfile.mkdtemp(prefix="readme-test.")
    try:
        bindir = os.path.join(top, "bin")
        os.mkdir(bindir)
        for t in TOOLS:
            os.symlink(os.path.join(build, "cmd", t, t),
                       os.path.join(bindir, t))
        for s in SCRIPTS:
            os.symlink(os.path.join(repo, "scripts", s + ".sh"),
                       os.path.join(bindir, s))
        with open(os.path.join(bindir, "sleep"), "w") as f:
            f.write("#!/bin/sh\nexit 0\n")
        os.chmod(os.path.join(bindir, "sleep"), 0o755)
        env = dict(os.environ, TZ="UTC", LC_ALL="C",
                   STACKTOOLS_BUILD=build,
                   PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        env.pop("COLUMNS", None)
        found = examples(readme)
        failures = 0
        seen = set()
        for n, (lineno, server, cmds) in enumerate(found):
            work = os.path.join(top, "ex%d" % n)
            os.mkdir(work)
            os.symlink(os.path.join(repo, "testdata"),
                       os.path.join(work, "testdata"))
            os.symlink(os.path.join(repo, "scripts"),
                       os.path.join(work, "scripts"))
            proc, url = (None, None)
            if server:
                proc, url = start_server(repo, server, work)
            try:
                for cmd, expected in cmds:
                    seen.update(w for w in re.findall(r"[\w-]+", cmd)
                                if w in TOOLS + SCRIPTS)
                    run = cmd.replace(SHOWN_URL, url) if url else cmd
                    r = subprocess.run(
                        ["bash", "-o", "pipefail", "-c", run], cwd=work,
                        env=env, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, timeout=60)
                    out = r.stdout.decode("utf-8", "replace")
                    if url:
                        port = url.rsplit(":", 1)[1]
                        out = out.replace(url, SHOWN_URL).replace(
                            "127.0.0.1_" + port, "localhost_6060")
                    got = STAMP.sub("<time>", out).split("\n")
                    if got and got[-1] == "":
                        got.pop()
                    want = [STAMP.sub("<time>", e) for e in expected]
                    ok = matches(want, got)
                    print("%s README.md:%d: $ %s" %
                          ("ok  " if ok else "FAIL", lineno, cmd))
                    if not ok:
                        failures += 1
                        print("  --- README shows")
                        print("\n".join("  | " + e for e in expected))
                        print("  --- the command printed (exit %d)" %
                              r.returncode)
                        print("\n".join("  | " + g for g in got))
            finally:
                if proc:
                    proc.kill()
                    proc.wait()
        # The README must keep one tested example per tool and script.
        missing = [t for t in TOOLS + SCRIPTS
                   if t not in seen and t != "perf-flame"]
        if missing:
            print("FAIL no tested README example uses: " + " ".join(missing))
            failures += 1
        print("%d examples, %d failed" % (len(found), failures))
        return 1 if failures else 0
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
