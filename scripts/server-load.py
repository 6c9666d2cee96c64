#!/usr/bin/env python3
"""Load test of `callqa serve` on loopback: N signed-in inspectors submitting evaluations while
M managers load the dashboard, for a fixed time; then exactly-once and `doctor` checks.

    swift build -c release
    .build/release/callqa bench generate --db /tmp/load.sqlite --agents 600 --months 12 --evaluations 1000000
    python3 scripts/server-load.py --binary .build/release/callqa --db /tmp/load.sqlite --seconds 60

The database is changed: it gets a `load-admin` user linked to this OS account (when it has
no users yet), inspectors LQ01… with users lq01… and managers lm01…, and one evaluation per
accepted submission on calls `LOAD-…`. Every request goes to 127.0.0.1 only; the run stops by
itself after --seconds.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cli(binary, db, *args, stdin=None):
    result = subprocess.run([binary, *args, "--db", db], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"callqa {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def answers_for(scorecard_file):
    """A valid answer for every item: yes, the best level, no occurrence (as the answers file takes them)."""
    card = yaml.safe_load(open(scorecard_file, encoding="utf-8"))
    answers = {}
    for section in card["sections"]:
        for item in section["items"]:
            kind = item.get("type")
            if kind == "scale":
                answers[item["key"]] = max(level["score"] for level in item["levels"])
            elif kind == "deduction":
                answers[item["key"]] = 0
            else:
                answers[item["key"]] = "yes"
    return card["key"], answers


def setup(binary, db, inspectors, managers, password):
    users = json.loads(cli(binary, db, "user", "list", "--format", "json"))
    existing = {user["login"] for user in users}
    if not users:
        cli(binary, db, "user", "add", "load-admin", "--name", "Load admin", "--role", "admin")
    codes = {row["code"] for row in json.loads(cli(binary, db, "inspector", "list", "--format", "json"))}
    logins = []
    for n in range(1, inspectors + 1):
        code, login = f"LQ{n:02d}", f"lq{n:02d}"
        if code not in codes:
            cli(binary, db, "inspector", "add", code, "--name", f"Load inspector {n}")
        if login not in existing:
            cli(binary, db, "user", "add", login, "--name", f"Load inspector {n}", "--role", "inspector", "--inspector", code)
            cli(binary, db, "user", "passwd", login, "--password-stdin", stdin=password + "\n")
        logins.append(login)
    for n in range(1, managers + 1):
        login = f"lm{n:02d}"
        if login not in existing:
            cli(binary, db, "user", "add", login, "--name", f"Load manager {n}", "--role", "manager")
            cli(binary, db, "user", "passwd", login, "--password-stdin", stdin=password + "\n")
        logins.append(login)
    agents = [row["code"] for row in json.loads(cli(binary, db, "agent", "list", "--format", "json")) if row.get("active", True)]
    return logins, agents


class Client:
    """One keep-alive connection signed in as one user (cookie session and CSRF token)."""

    def __init__(self, port, login, password):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        status, body, headers = self.request("POST", "/api/session", {"login": login, "password": password}, sign_in=True)
        if status != 200:
            raise SystemExit(f"sign-in of {login}: {status} {body[:200]}")
        cookie = next(value for name, value in headers if name.lower() == "set-cookie" and value.startswith("callqa_session="))
        self.cookie = cookie.split(";", 1)[0]
        self.csrf = json.loads(body)["csrf_token"]

    def request(self, method, path, payload=None, sign_in=False):
        headers = {}
        body = None
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if not sign_in:
            headers["Cookie"] = self.cookie
            if method != "GET":
                headers["X-CSRF-Token"] = self.csrf
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        return response.status, data.decode("utf-8", "replace"), response.getheaders()


def client_process(logins, port, password, scorecard, answers, agents, period, ready, deadline_value, results):
    """One process of clients: signs them in, waits for the start, runs them until the deadline, sends back what it saw."""
    clients = {login: Client(port, login, password) for login in logins}
    lock = threading.Lock()
    latencies = {"submit": [], "dashboard": []}
    statuses = {}
    accepted = []
    unanswered = []  # submissions whose answer never came (timed out): stored or not, never twice
    ready.wait()
    ready.wait()
    deadline = deadline_value.value

    def record(kind, status, elapsed):
        with lock:
            latencies[kind].append(elapsed)
            statuses[(kind, status)] = statuses.get((kind, status), 0) + 1

    def inspector(login):
        client, n, rng = clients[login], 0, random.Random(login)
        while time.monotonic() < deadline:
            n += 1
            call = f"LOAD-{login}-{n}-{os.getppid()}"
            payload = {"scorecard": scorecard, "agent": rng.choice(agents), "call": call, "answers": answers}
            t = time.monotonic()
            try:
                status, _, _ = client.request("POST", "/api/evaluations", payload)
            except (TimeoutError, ConnectionError, http.client.HTTPException):
                record("submit", "no answer", time.monotonic() - t)
                with lock:
                    unanswered.append(call)
                client.connection.close()
                continue
            record("submit", status, time.monotonic() - t)
            if status == 201:
                with lock:
                    accepted.append(call)

    def manager(login):
        client = clients[login]
        while time.monotonic() < deadline:
            t = time.monotonic()
            try:
                status, _, _ = client.request("GET", f"/dashboard?period={period}")
            except (TimeoutError, ConnectionError, http.client.HTTPException):
                status = "no answer"
                client.connection.close()
            record("dashboard", status, time.monotonic() - t)

    threads = [threading.Thread(target=inspector if login.startswith("lq") else manager, args=(login,)) for login in logins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put({"latencies": latencies, "statuses": [[list(key), count] for key, count in statuses.items()],
                 "accepted": accepted, "unanswered": unanswered})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/callqa"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--inspectors", type=int, default=50)
    parser.add_argument("--managers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--processes", type=int, default=4, help="client processes (threads within each)")
    parser.add_argument("--period", help="dashboard month (default: the newest month with calls)")
    args = parser.parse_args()

    password = "load-test-password"
    started = time.monotonic()
    logins, agents = setup(args.binary, args.db, args.inspectors, args.managers, password)
    print(f"setup: {len(logins)} users, {len(agents)} agents ({time.monotonic() - started:.1f} s)", flush=True)
    with sqlite3.connect(args.db) as db:
        evaluations_before = db.execute("SELECT count(*) FROM evaluations").fetchone()[0]
        period = args.period or db.execute("SELECT substr(max(started_at), 1, 7) FROM calls").fetchone()[0]
    scorecard, answers = answers_for(os.path.join(ROOT, "Sources/CallQAKit/Resources/scorecards/inbound-service.yaml"))

    server = subprocess.Popen(
        [args.binary, "serve", "--db", args.db, "--port", str(args.port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        if "listening on" in line:
            break
    # The server's own time per request (the access log's ms=), kept apart from what the clients see.
    server_ms = {"submit": [], "dashboard": []}
    measuring = threading.Event()

    def read_access_log():
        for line in server.stderr:
            if not measuring.is_set() or " ms=" not in line:
                continue
            fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
            kind = {"/api/evaluations": "submit", "/dashboard": "dashboard"}.get(fields.get("path"))
            if kind and fields.get("method") == ("POST" if kind == "submit" else "GET"):
                server_ms[kind].append(float(fields["ms"]) / 1000)

    threading.Thread(target=read_access_log, daemon=True).start()

    # One dashboard view before the clock starts: the cold computation, reported apart.
    warm_client = Client(args.port, logins[-1], password)
    warm = time.monotonic()
    status, _, _ = warm_client.request("GET", f"/dashboard?period={period}")
    print(f"first (cold) dashboard view: {status} in {time.monotonic() - warm:.1f} s", flush=True)

    # The clients run in --processes processes (threads within each), so Python's lock on its
    # interpreter does not add its own waits to the latencies measured.
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    ready = context.Barrier(args.processes + 1)
    deadline_value = context.Value("d", 0.0)
    groups = [logins[i::args.processes] for i in range(args.processes)]
    children = [context.Process(target=client_process, args=(group, args.port, password, scorecard, answers, agents, period,
                                                           ready, deadline_value, results)) for group in groups]
    sign_in_started = time.monotonic()
    for child in children:
        child.start()
    with deadline_value.get_lock():
        deadline_value.value = 0.0
    ready.wait()  # every client signed in
    print(f"signed in {len(logins)} users in {time.monotonic() - sign_in_started:.1f} s (bcrypt cost 12 each), "
          f"{args.processes} client processes", flush=True)
    deadline_value.value = time.monotonic() + args.seconds
    measuring.set()
    load_started = time.monotonic()
    ready.wait()  # go
    latencies = {"submit": [], "dashboard": []}
    statuses = {}
    accepted = []
    unanswered = []
    for _ in children:
        part = results.get()
        for kind in latencies:
            latencies[kind] += part["latencies"][kind]
        for key, count in part["statuses"]:
            statuses[tuple(key)] = statuses.get(tuple(key), 0) + count
        accepted += part["accepted"]
        unanswered += part["unanswered"]
    for child in children:
        child.join()
    elapsed = time.monotonic() - load_started
    measuring.clear()

    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)

    with sqlite3.connect(args.db) as db:
        stored_calls = [row[0] for row in db.execute(
            f"SELECT c.external_id FROM evaluations e JOIN calls c ON c.id = e.call_id "
            f"WHERE c.external_id LIKE 'LOAD-%-{os.getpid()}'")]
        evaluations_after = db.execute("SELECT count(*) FROM evaluations").fetchone()[0]
    doctor = subprocess.run([args.binary, "doctor", "--db", args.db], capture_output=True, text=True)

    def pct(values, q):
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    total = sum(len(v) for v in latencies.values())
    print(f"\nserver: callqa serve, {args.inspectors} inspectors submitting + {args.managers} managers on /dashboard?period={period}, {elapsed:.1f} s")
    print(f"database: {evaluations_before:,} evaluations before, {evaluations_after:,} after")
    print(f"{'requests':<12}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}  statuses")
    for kind, values in latencies.items():
        codes = ", ".join(f"{status}: {count}" for (k, status), count in sorted(statuses.items(), key=lambda e: str(e[0])) if k == kind)
        print(f"{kind:<12}{len(values):>8}{len(values) / elapsed:>9.1f}{pct(values, 0.5):>9.1f}{pct(values, 0.99):>9.1f}"
              f"{(max(values) * 1000 if values else 0):>9.1f}  {codes}")
    print(f"{'all':<12}{total:>8}{total / elapsed:>9.1f}")
    print("in the server (access log, from the request read to the answer written):")
    for kind, values in server_ms.items():
        print(f"{kind:<12}{len(values):>8}{len(values) / elapsed:>9.1f}{pct(values, 0.5):>9.1f}{pct(values, 0.99):>9.1f}"
              f"{(max(values) * 1000 if values else 0):>9.1f}")
    errors = sum(count for (kind, status), count in statuses.items() if not (kind == "submit" and status == 201 or kind == "dashboard" and status == 200))
    print(f"errors: {errors}")
    stored = set(stored_calls)
    once = len(stored_calls) == len(stored) and set(accepted) <= stored and stored <= set(accepted) | set(unanswered)
    print(f"accepted submissions: {len(accepted)} (and {len(unanswered)} unanswered); stored: {len(stored_calls)} rows on {len(stored)} calls, "
          f"every accepted one among them: {'exactly once' if once else 'MISMATCH'}")
    print(f"doctor: {'clean' if doctor.returncode == 0 else 'PROBLEMS'}: {doctor.stdout.strip().splitlines()[-1] if doctor.stdout.strip() else doctor.stderr.strip()}")
    sys.exit(0 if errors == 0 and once and doctor.returncode == 0 else 1)


if __name__ == "__main__":
    main()
