#!/usr/bin/env python3
"""A stand-in for the UN Comtrade v1 API on 127.0.0.1, for the fetch tests.

It answers /public/v1/preview/... and /data/v1/get/... requests with a
recorded v1 API response (the fixture) when the request's period list holds a
period of the fixture's records, else with an empty result. Faults are
injected on successive requests from --plan (comma-separated):
  ok         a normal answer
  429        HTTP 429 with Retry-After: 1
  500        HTTP 500
  slow       the normal answer after 3 s (longer than the client's time-out)
  truncated  the headers promise the whole body, half of it is sent, then the
             connection is closed
  garbage    HTTP 200 with a body that is cut JSON and a matching length
Requests whose period list holds --fail-period always get HTTP 503. With
--fill-multi, a request for more than one period is answered with as many
rows as its maxRecords allows (the API's row limit reached), so that the
client must split it.
Every request is logged (path and query, one a line) to --log.
"""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

ap = argparse.ArgumentParser()
ap.add_argument("--fixture", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--plan", default="")
ap.add_argument("--fail-period", default="")
ap.add_argument("--fill-multi", action="store_true")
args = ap.parse_args()

with open(args.fixture, "rb") as f:
    FIXTURE = json.load(f)
FIXTURE_PERIODS = {str(r["period"]) for r in FIXTURE["data"]}
EMPTY = {"elapsedTime": "0.01 secs", "count": 0, "data": [], "error": ""}
plan = [p for p in args.plan.split(",") if p]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def send(self, code, body, headers=(), length=None):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        with lock:
            with open(args.log, "a") as lf:
                lf.write(u.path + "?" + u.query + "\n")
            fault = plan.pop(0) if plan else "ok"
        if not (u.path.startswith("/public/v1/preview/C/") or u.path.startswith("/data/v1/get/C/")):
            self.send(404, b'{"error":"not found"}')
            return
        periods = set(q.get("period", [""])[0].split(","))
        if args.fail_period and args.fail_period in periods:
            self.send(503, b"service unavailable")
            return
        doc = FIXTURE if periods & FIXTURE_PERIODS else EMPTY
        if args.fill_multi and len(periods) > 1:
            limit = int(q.get("maxRecords", ["500"])[0])
            doc = {"count": limit, "data": [FIXTURE["data"][0]] * limit, "error": ""}
        body = json.dumps(doc).encode()
        try:
            if fault == "429":
                self.send(429, b'{"statusCode":429,"message":"Rate limit is exceeded"}',
                          [("Retry-After", "1")])
            elif fault == "500":
                self.send(500, b"internal error")
            elif fault == "slow":
                time.sleep(3)
                self.send(200, body)
            elif fault == "truncated":
                self.send(200, body[: len(body) // 2], length=len(body))
                self.close_connection = True
            elif fault == "garbage":
                self.send(200, body[: len(body) // 2])
            else:
                self.send(200, body)
        except (BrokenPipeError, ConnectionResetError):
            pass


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(args.port_file + ".tmp", args.port_file)
srv.serve_forever()
