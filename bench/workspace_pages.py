#!/usr/bin/env python3
"""Server time of the analysis routes and the workspace pages of one survey,
cold (the first request after the server started) and warm (p50/p99 of
repeated requests), measured at the client over one keep-alive connection
on localhost; then how long a new answer takes to show in them.

  bench/workspace_pages.py --lyssna BIN --db DB --survey ID [--runs N] [--margins FILE]

The database must hold the survey (bench/workspace_pages.sh makes one of
100,000 demo responses). Adds the user "bench-analyst" to it. Prints
figures; passes or fails nothing. Only the Python standard library."""

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

TOKEN = "bench-token-0123456789abcdef0123"
PASSWORD = "bench password for pages"


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


class Server:
    def __init__(self, lyssna, db):
        self.proc = subprocess.Popen(
            [lyssna, "--db", db, "serve", "--port", "0", "--token", TOKEN],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            raise SystemExit("the server did not say its port: " + line)
        self.port = int(m.group(1))
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        self.cookie = ""

    def request(self, method, path, body=None, headers=None, auth=True):
        h = dict(headers or {})
        if auth and path.startswith("/api/"):
            h["Authorization"] = "Bearer " + TOKEN
        if self.cookie and path.startswith("/workspace"):
            h["Cookie"] = self.cookie
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=h)
        res = self.conn.getresponse()
        data = res.read()
        elapsed = time.perf_counter() - start
        return res.status, data, elapsed, res

    def login(self, name):
        body = urllib.parse.urlencode({"name": name, "password": PASSWORD, "_lang": "en"})
        status, _, _, res = self.request(
            "POST", "/workspace/login", body,
            {"Content-Type": "application/x-www-form-urlencoded"})
        cookie = res.getheader("Set-Cookie") or ""
        if status != 303 or not cookie:
            raise SystemExit("login failed: %d" % status)
        self.cookie = cookie.split(";")[0]

    def stop(self):
        self.conn.close()
        self.proc.terminate()
        self.proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lyssna", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--survey", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--margins", help="a margins file (interchange.md section 4) to weight with")
    a = ap.parse_args()
    margins = json.load(open(a.margins)) if a.margins else None

    subprocess.run([a.lyssna, "--db", a.db, "user", "add", "bench-analyst", "--role", "analyst"],
                   input=PASSWORD + "\n", text=True, capture_output=True)
    base = "/api/v1/surveys/" + a.survey
    ws = "/workspace/surveys/" + a.survey
    weighted = json.dumps({"margins": margins["margins"]}) if margins else None
    routes = [
        ("GET", base + "/themes", None),
        ("GET", base + "/themes?area=handen", None),
        ("GET", base + "/indicators", None),
        ("GET", base + "/priorities", None),
        ("GET", base + "/priorities?area=handen", None),
        ("GET", base + "/search?q=m%C3%B6rkt&limit=20", None),
    ]
    if weighted:
        routes += [("POST", base + "/indicators", weighted), ("POST", base + "/priorities", weighted)]
    # The overview is the survey's own page; the explorer's theme page and
    # search read free text (analysts), as people use them.
    pages = [("GET", ws, None)] + [("GET", ws + "/" + p, None) for p in (
        "dashboard", "dashboard?area=handen", "themes", "priorities", "priorities?area=handen")]
    # The demo's citizen promise: the workspace's pages and the public ones.
    pages += [("GET", p, None) for p in (
        "/workspace/promises/1", "/workspace/promises/1/progress?period=2026-Q2",
        "/workspace/promises/1/agreement", "/promise/1?lang=sv", "/promise/1?lang=ar",
        "/promise/1/feed.atom")]

    server = Server(a.lyssna, a.db)
    try:
        server.login("bench-analyst")
        print("== server time at the client (keep-alive, localhost), %d warm runs each" % a.runs)
        print("   %-58s %6s %9s %9s %9s" % ("route", "status", "cold ms", "p50 ms", "p99 ms"))
        live = []
        for method, path, body in routes + pages:
            headers = {"Content-Type": "application/json"} if body else {}
            status, _, cold, _ = server.request(method, path, body, headers)
            if status == 404 and path.startswith("/workspace"):
                print("   %-58s %6d   (no such page on this build)" % (method + " " + path, status))
                continue
            warm = [server.request(method, path, body, headers)[2] for _ in range(a.runs)]
            live.append((method, path, body, headers))
            print("   %-58s %6d %9.1f %9.1f %9.1f" % (
                method + " " + path + (" (weighted)" if body else ""), status, cold * 1e3,
                statistics.median(warm) * 1e3, percentile(warm, 99) * 1e3))

        public_rate(server.port, "/promise/1?lang=sv", clients=4, seconds=5)

        # A new answer: how long until every route and page above changes.
        print("== a new answer with free text: time until it shows")
        record = {"id": "bench-fresh-%d" % int(time.time() * 1000), "survey": a.survey,
                  "lang": "sv", "channel": "online", "session": None,
                  "submitted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  "answers": {"area": "handen",
                              "free_text": "Bilarna kör alldeles för fort förbi skolan"}}
        before = {}
        for method, path, body, headers in live:
            if "/search" in path or "promise" in path:  # a promise's figures were taken when drafted
                continue
            before[path, body] = server.request(method, path, body, headers)[1]
        t0 = time.perf_counter()
        status, text, _, _ = server.request("POST", base + "/responses", json.dumps(record),
                                            {"Content-Type": "application/json"})
        if status != 201:
            raise SystemExit("the new answer was refused: %d %s" % (status, text[:200]))
        pending = dict(before)
        while pending and time.perf_counter() - t0 < 30:
            for (path, body), old in list(pending.items()):
                method = "POST" if body else "GET"
                headers = {"Content-Type": "application/json"} if body else {}
                now = server.request(method, path, body, headers)[1]
                if now != old:
                    print("   %-58s %7.2f s" % (path + (" (weighted)" if body else ""),
                                              time.perf_counter() - t0))
                    del pending[path, body]
            time.sleep(0.05)
        for path, body in pending:
            print("   %-58s unchanged after 30 s" % path)
    finally:
        server.stop()


def public_rate(port, path, clients, seconds):
    """Pages per second of `path` with `clients` keep-alive clients at once."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < stop:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                raise SystemExit("%s: %d" % (path, r.status))
            done[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print("== the public promise page's rate: %d clients, %.1f s" % (clients, elapsed))
    print("   %-58s %9.0f pages/s" % ("GET " + path, sum(done) / elapsed))


if __name__ == "__main__":
    sys.exit(main())
