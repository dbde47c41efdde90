"""Starts the loopback fixture server (server.py) from a Python test.

    with FixtureServer(root) as srv:
        srv.url            # "http://127.0.0.1:PORT"
        srv.requests()     # the request log, a list of dicts
"""
import json
import os
import subprocess
import sys
import tempfile
import time

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "server.py")


class FixtureServer:
    def __init__(self, root, lifetime=60, extra=()):
        self.root = root
        self.lifetime = lifetime
        self.extra = list(extra)
        self.proc = None

    def __enter__(self):
        self.dir = tempfile.TemporaryDirectory()
        port_file = os.path.join(self.dir.name, "port")
        self.log = os.path.join(self.dir.name, "requests.log")
        open(self.log, "w").close()
        self.proc = subprocess.Popen(
            [sys.executable, SERVER, "--root", self.root, "--port-file", port_file,
             "--log", self.log, "--lifetime", str(self.lifetime)] + self.extra)
        deadline = time.monotonic() + 10
        while not os.path.exists(port_file):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.__exit__(None, None, None)
                raise RuntimeError("the fixture server did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def requests(self):
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.dir.cleanup()
        return False
