#!/usr/bin/env python3
"""Tests of the loopback fixture server that the network tests rely on."""
import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture import SERVER, FixtureServer  # noqa: E402

FEED = "<?xml version='1.0'?><rss version='2.0'><channel><title>Hải Phòng</title></channel></rss>\n"
ROUTES = {
    "/gz.xml": {"file": "feed.xml", "gzip": True},
    "/maybe-gz.xml": {"file": "feed.xml", "gzip": "accepted"},
    "/moved": {"redirect": "/feed.xml", "status": 301},
    "/loop": {"redirect": "/loop"},
    "/slow.xml": {"file": "feed.xml", "chunk_size": 10, "chunk_delay": 0.05},
    "/stall.xml": {"file": "feed.xml", "stall_after": 20},
    "/late.xml": {"file": "feed.xml", "delay": 0.3},
    "/busy": {"sequence": [
        {"status": 503, "body": "busy\n", "headers": {"Retry-After": "2"}},
        {"file": "feed.xml"}]},
    "/html": {"body": "<html><body>tin</body></html>", "content_type": "text/html; charset=utf-8"},
    "/fixed": {"file": "feed.xml", "etag": "\"v1\"", "last_modified": "Thu, 29 Dec 2022 09:05:00 GMT"},
}


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        with open(os.path.join(cls.tmp.name, "feed.xml"), "w", encoding="utf-8") as f:
            f.write(FEED)
        with open(os.path.join(cls.tmp.name, "routes.json"), "w") as f:
            json.dump(ROUTES, f)
        cls.srv = FixtureServer(cls.tmp.name, lifetime=60).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)
        cls.tmp.cleanup()

    def get(self, path, headers=None, timeout=10):
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=timeout)
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp, body

    def test_file_with_validators(self):
        resp, body = self.get("/feed.xml")
        self.assertEqual(resp.status, 200)
        self.assertEqual(body.decode("utf-8"), FEED)
        self.assertEqual(resp.getheader("Content-Type"), "application/xml")
        self.assertRegex(resp.getheader("ETag"), r'^"[0-9a-f]{16}"$')
        self.assertRegex(resp.getheader("Last-Modified"), r" GMT$")

    def test_not_modified(self):
        resp, _ = self.get("/feed.xml")
        etag, lm = resp.getheader("ETag"), resp.getheader("Last-Modified")
        resp, body = self.get("/feed.xml", {"If-None-Match": etag})
        self.assertEqual((resp.status, body), (304, b""))
        resp, body = self.get("/feed.xml", {"If-Modified-Since": lm})
        self.assertEqual((resp.status, body), (304, b""))
        resp, _ = self.get("/feed.xml", {"If-None-Match": '"stale"'})
        self.assertEqual(resp.status, 200)
        resp, _ = self.get("/feed.xml", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
        self.assertEqual(resp.status, 200)
        resp, _ = self.get("/fixed", {"If-None-Match": '"v1"'})
        self.assertEqual(resp.status, 304)
        resp, _ = self.get("/fixed")
        self.assertEqual(resp.getheader("Last-Modified"), "Thu, 29 Dec 2022 09:05:00 GMT")

    def test_gzip(self):
        resp, body = self.get("/gz.xml")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body).decode("utf-8"), FEED)
        resp, body = self.get("/maybe-gz.xml")
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(body.decode("utf-8"), FEED)
        resp, body = self.get("/maybe-gz.xml", {"Accept-Encoding": "deflate, gzip"})
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body).decode("utf-8"), FEED)

    def test_redirects(self):
        resp, _ = self.get("/moved")
        self.assertEqual((resp.status, resp.getheader("Location")), (301, "/feed.xml"))
        resp, _ = self.get("/loop")
        self.assertEqual((resp.status, resp.getheader("Location")), (302, "/loop"))

    def test_errors(self):
        resp, _ = self.get("/missing.xml")
        self.assertEqual(resp.status, 404)
        resp, body = self.get("/_status/500")
        self.assertEqual((resp.status, body), (500, b"status 500\n"))
        resp, _ = self.get("/../../etc/passwd")
        self.assertEqual(resp.status, 404)
        resp, body = self.get("/html")
        self.assertEqual(resp.getheader("Content-Type"), "text/html; charset=utf-8")

    def test_slow_and_delayed(self):
        start = time.monotonic()
        resp, body = self.get("/slow.xml")
        self.assertGreaterEqual(time.monotonic() - start, 0.3)
        self.assertEqual(body.decode("utf-8"), FEED)
        start = time.monotonic()
        resp, body = self.get("/late.xml")
        self.assertGreaterEqual(time.monotonic() - start, 0.3)
        self.assertEqual(resp.status, 200)

    def test_stalled_body(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=1)
        conn.request("GET", "/stall.xml")
        resp = conn.getresponse()
        self.assertEqual(resp.getheader("Content-Length"), str(len(FEED.encode())))
        with self.assertRaises((socket.timeout, TimeoutError)):
            resp.read()
        conn.close()

    def test_sequence(self):
        resp, body = self.get("/busy")
        self.assertEqual((resp.status, resp.getheader("Retry-After")), (503, "2"))
        resp, body = self.get("/busy")
        self.assertEqual(resp.status, 200)
        resp, body = self.get("/busy")
        self.assertEqual(resp.status, 200)

    def test_request_log(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=10)
        for _ in range(2):  # two requests on one kept-alive connection
            conn.request("GET", "/feed.xml?log=1", headers={"User-Agent": "bantin/test",
                                                             "X-Probe": "1"})
            conn.getresponse().read()
        conn.close()
        mine = [r for r in self.srv.requests() if r["path"] == "/feed.xml?log=1"]
        self.assertEqual(len(mine), 2)
        self.assertEqual(mine[0]["headers"]["User-Agent"], "bantin/test")
        self.assertEqual(mine[0]["headers"]["X-Probe"], "1")
        self.assertEqual(mine[0]["method"], "GET")
        self.assertEqual(mine[0]["status"], 200)
        self.assertEqual(mine[0]["client_port"], mine[1]["client_port"])


class LifetimeTest(unittest.TestCase):
    def test_exits_by_itself(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.Popen([sys.executable, SERVER, "--root", tmp, "--port-file",
                                     os.path.join(tmp, "port"), "--lifetime", "1"])
            try:
                proc.wait(timeout=10)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            self.assertEqual(proc.returncode, 3)


if __name__ == "__main__":
    unittest.main(verbosity=1)
