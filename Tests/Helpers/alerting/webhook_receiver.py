#!/usr/bin/env python3
"""A webhook receiver for the alerting tests: appends every POST it gets to a JSON-lines file.

Each line is {"path": "/hook", "received": <unix time>, "body": <the JSON body>}. Tests read the file
(KIOSK_TEST_ALERT_WEBHOOK_LOG) and pick out their own alerts by the `kiosk` label.
Usage: webhook_receiver.py PORT LOGFILE
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1])
log_path = sys.argv[2]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unparsed": raw.decode("utf-8", "replace")}
        line = json.dumps({"path": self.path, "received": time.time(), "body": body}, ensure_ascii=False)
        with lock, open(log_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")
            log.flush()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
