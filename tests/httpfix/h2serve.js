// An HTTPS server speaking HTTP/2 (and HTTP/1.1 to clients without it), as a
// portal behind a modern web server does, for the HTTP/2 test and the
// refresh benchmark: the files of ROOT with an ETag, 304 Not Modified to a
// matching If-None-Match, and LATENCY_MS of delay before each answer. With
// LOG, one JSON line per request: its path, the number of the connection
// (session) it came on, and how many requests were being answered when it
// came, itself included.
//
// usage: node h2serve.js ROOT CERT KEY PORT_FILE LATENCY_MS LIFETIME_S [LOG]
"use strict";
const fs = require("fs");
const http2 = require("http2");
const path = require("path");
const crypto = require("crypto");

const [root, cert, key, portFile, latency, lifetime, log] = process.argv.slice(2);
let sessions = 0;
let inflight = 0;

function etagOf(file) {
	const st = fs.statSync(file); // every time: a file that changes gets a new one
	return '"' + crypto.createHash("sha1").update(file + st.size + st.mtimeMs).digest("hex").slice(0, 16) + '"';
}

// maxSessionMemory: node refuses streams (ENHANCE_YOUR_CALM) past 10 MB of a session's
// buffers by default, which many large feeds on one connection pass.
const server = http2.createSecureServer({
	cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true, maxSessionMemory: 512,
});
server.on("session", (session) => {
	session.bantinNumber = ++sessions;
});
server.on("request", (req, res) => {
	inflight++;
	res.on("close", () => inflight--);
	if (log) {
		const session = req.stream !== undefined ? req.stream.session.bantinNumber : 0;
		fs.appendFileSync(log, JSON.stringify({ path: req.url, session, inflight }) + "\n");
	}
	setTimeout(() => {
		const file = path.join(root, path.normalize(req.url.split("?")[0]));
		if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) {
			res.writeHead(404, { "content-type": "text/plain" });
			res.end("not found\n");
			return;
		}
		const etag = etagOf(file);
		if (req.headers["if-none-match"] === etag) {
			res.writeHead(304, { etag });
			res.end();
			return;
		}
		const body = fs.readFileSync(file);
		res.writeHead(200, { "content-type": "application/rss+xml", etag, "content-length": body.length });
		res.end(body);
	}, Number(latency));
});
server.listen(0, "127.0.0.1", () => {
	fs.writeFileSync(portFile + ".tmp", String(server.address().port));
	fs.renameSync(portFile + ".tmp", portFile);
});
setTimeout(() => process.exit(3), Number(lifetime) * 1000).unref();
