#!/usr/bin/env python3
"""A loopback HTTP server for bantin's network tests.

usage: server.py --root DIR --port-file FILE [--log FILE] [--routes FILE]
                 [--lifetime SECONDS] [--latency SECONDS] [--tls CERT KEY]

Binds 127.0.0.1 on a free port and writes the port number to --port-file
once it accepts connections. Exits by itself after --lifetime seconds
(default 60) whatever happens, so a failed test never leaves it running.

Files below --root are served with an ETag and a Last-Modified header, and
answer 304 Not Modified to a matching If-None-Match or If-Modified-Since.
A directory is served as its index.html or index.xml.
A missing file is 404. /_status/NNN answers with status NNN. Asked as an
HTTP proxy (an absolute URL), it serves the URL's path the same way. With --tls it
speaks HTTPS with the given certificate chain.

--routes (default: ROOT/routes.json when it exists) is a JSON object that maps
a request path (query included, if any) to a reply:
  status        HTTP status (200)
  file          file below ROOT to send (default: the path itself)
  body          the body as a string, instead of a file
  content_type  Content-Type (guessed from the file name otherwise)
  headers       extra response headers, an object
  gzip          true: gzip the body and send Content-Encoding: gzip;
                "accepted": only when the request's Accept-Encoding has gzip
  redirect      a Location; status defaults to 302
  delay         seconds to wait before answering
  chunk_size, chunk_delay
                send the body in pieces with a pause between them (slow body)
  stall_after   send only this many body bytes, then hold the connection open
                without sending more (until the client gives up or lifetime)
  conditional   false: no ETag, no Last-Modified, never 304
  etag, last_modified
                fixed validators instead of those derived from the file
  sequence      a list of replies used one after another by successive
                requests for this path (the last one repeats)

--log FILE gets one JSON object per request, one per line:
  {"method", "path", "headers": {name: value}, "client_port", "status"}
client_port tells connections apart (keep-alive reuse keeps the port).
Slow replies (delay, chunk_size, stall_after) are logged when they start,
with the status they will have, since the client may give up before the end.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import mimetypes
import os
import socketserver
import ssl
import sys
import threading
import time

MIME = {".xml": "application/xml", ".rss": "application/rss+xml",
        ".atom": "application/atom+xml", ".json": "application/json",
        ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


class Fixture:
    def __init__(self, args):
        self.root = os.path.realpath(args.root)
        self.latency = args.latency
        self.log_path = args.log
        self.lock = threading.Lock()
        self.counts = {}
        routes = args.routes or os.path.join(self.root, "routes.json")
        self.routes = {}
        if os.path.exists(routes):
            with open(routes, encoding="utf-8") as f:
                self.routes = json.load(f)

    def route(self, path):
        spec = self.routes.get(path)
        if spec is None:
            spec = self.routes.get(path.split("?", 1)[0], {})
        seq = spec.get("sequence")
        if seq:
            with self.lock:
                n = self.counts.get(path, 0)
                self.counts[path] = n + 1
            spec = seq[min(n, len(seq) - 1)]
        return spec

    def record(self, entry):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "httpfix/1"
    fixture = None

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    def do_HEAD(self):
        self.serve(head=True)

    def do_GET(self):
        self.serve(head=False)

    def serve(self, head):
        fx = self.fixture
        if fx.latency:
            time.sleep(fx.latency)
        if self.path.startswith("http://"):  # asked as a proxy: the path is what counts
            self.path = "/" + self.path.split("/", 3)[3] if self.path.count("/") >= 3 else "/"
        spec = fx.route(self.path)
        entry = {"method": self.command, "path": self.path,
                 "headers": dict(self.headers.items()),
                 "client_port": self.client_address[1]}
        slow = any(k in spec for k in ("delay", "stall_after", "chunk_size"))
        if slow:  # the client may give up first: log it now
            fx.record(dict(entry, status=spec.get("status", 200)))
        status = self.reply(spec, head)
        if not slow:
            fx.record(dict(entry, status=status))

    def load_body(self, spec):
        """Returns (body bytes, file path or None), or None when missing."""
        if "body" in spec:
            return spec["body"].encode("utf-8"), None
        rel = spec.get("file", self.path.split("?", 1)[0]).lstrip("/")
        path = os.path.realpath(os.path.join(self.fixture.root, rel))
        if os.path.isdir(path):  # a directory's index, as a web server's /slug/
            path = next((os.path.join(path, i) for i in ("index.html", "index.xml")
                         if os.path.isfile(os.path.join(path, i))), path)
        if not path.startswith(self.fixture.root + os.sep) or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read(), path

    def reply(self, spec, head):
        if spec.get("delay"):
            time.sleep(spec["delay"])
        if self.path.startswith("/_status/"):
            code = int(self.path.split("/")[2])
            return self.send_simple(code, f"status {code}\n")
        if "redirect" in spec:
            self.send_response(spec.get("status", 302))
            self.send_header("Location", spec["redirect"])
            self.send_extra(spec)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return spec.get("status", 302)
        loaded = self.load_body(spec)
        if loaded is None:
            return self.send_simple(404, "not found\n")
        body, path = loaded
        status = spec.get("status", 200)
        validators = []
        if spec.get("conditional", True) and status == 200:
            etag = spec.get("etag") or '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if "last_modified" in spec:
                lm = spec["last_modified"]
            elif path:
                lm = email.utils.formatdate(int(os.path.getmtime(path)), usegmt=True)
            else:
                lm = None
            validators.append(("ETag", etag))
            if lm:
                validators.append(("Last-Modified", lm))
            if self.not_modified(etag, lm):
                self.send_response(304)
                for k, v in validators:
                    self.send_header(k, v)
                self.end_headers()
                return 304
        ctype = spec.get("content_type")
        if ctype is None:
            ext = os.path.splitext(path or "")[1]
            ctype = MIME.get(ext) or mimetypes.guess_type(path or "")[0] or "application/octet-stream"
        gz = spec.get("gzip", False)
        if gz == "accepted":
            gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        for k, v in validators:
            self.send_header(k, v)
        self.send_extra(spec)
        self.end_headers()
        if not head:
            self.send_body(spec, body)
        return status

    def not_modified(self, etag, lm):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            return etag in tags or "*" in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None and lm is not None:
            try:
                return email.utils.parsedate_to_datetime(ims) >= \
                    email.utils.parsedate_to_datetime(lm)
            except (TypeError, ValueError):
                return False
        return False

    def send_extra(self, spec):
        for k, v in spec.get("headers", {}).items():
            self.send_header(k, str(v))

    def send_simple(self, code, text):
        body = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return code

    def send_body(self, spec, body):
        try:
            if "stall_after" in spec:
                self.wfile.write(body[:spec["stall_after"]])
                self.wfile.flush()
                while True:  # hold the connection; lifetime ends us
                    time.sleep(1)
            size = spec.get("chunk_size")
            if size:
                for i in range(0, len(body), size):
                    self.wfile.write(body[i:i + size])
                    self.wfile.flush()
                    time.sleep(spec.get("chunk_delay", 0))
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    ap = argparse.ArgumentParser(description="loopback HTTP fixture server")
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--routes")
    ap.add_argument("--lifetime", type=float, default=60.0)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate chain and key (PEM)")
    args = ap.parse_args()

    # The hard limit: whatever state the test is in, the server goes away.
    timer = threading.Timer(args.lifetime, lambda: os._exit(3))
    timer.daemon = True
    timer.start()

    Handler.fixture = Fixture(args)
    httpd = Server(("127.0.0.1", 0), Handler)
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(httpd.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
