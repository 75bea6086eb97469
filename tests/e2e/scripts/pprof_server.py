#!/usr/bin/env python3
"""A stand-in for a Go service's net/http/pprof, for the script tests.

Serves fixture files by exact request target (path and query string) on
127.0.0.1, on a free port chosen by the kernel, so the scripts' URLs and
query strings are really exercised. Routes come from a file, one per line:

    /debug/pprof/heap?gc=1<TAB>1.heap<TAB>2.heap<TAB>3.heap

Each request for a target gets the next file of its list; after the last,
the last again (a service whose heap stopped changing). A file named
"!CODE text" answers HTTP CODE with that text as body, as net/http/pprof
does ("!500 Could not enable CPU profiling: ..."); "!hang" accepts the
request and never answers (a hung service). Anything else is 404.
Every request target is appended to --log, one per line. The port is
written to --port-file once the socket listens. The server exits by itself
after --lifetime seconds, so a crashed test never leaves it behind.
"""
import argparse
import http.server
import os
import sys
import threading
import time


def load_routes(path):
    routes = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            target, *files = line.split("\t")
            routes[target] = files
    return routes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--routes", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--lifetime", type=float, default=300)
    args = ap.parse_args()
    routes = load_routes(args.routes)
    hits = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with lock:
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(self.path + "\n")
                files = routes.get(self.path)
                if files is not None:
                    n = hits.get(self.path, 0)
                    hits[self.path] = n + 1
                    name = files[min(n, len(files) - 1)]
            if files is None:
                return self.reply(404, b"404 page not found\n", "text/plain")
            if name == "!hang":
                time.sleep(3600)
                return None
            if name.startswith("!"):
                code, _, text = name[1:].partition(" ")
                return self.reply(int(code), (text + "\n").encode(),
                                  "text/plain; charset=utf-8")
            with open(name, "rb") as f:
                body = f.read()
            kind = ("text/plain; charset=utf-8" if "debug=" in self.path
                    else "application/octet-stream")
            self.reply(200, body, kind)

        def reply(self, code, body, kind):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *unused):  # quiet: --log has the requests
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
