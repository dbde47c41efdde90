# Starts and stops the loopback fixture server (tests/httpfix/server.py)
# from a shell test.
#
#   httpfix_start ROOT [server options...]
#       starts it and waits until it listens; sets HTTPFIX_PORT, HTTPFIX_URL
#       (http://127.0.0.1:PORT) and HTTPFIX_LOG (its JSON request log)
#   httpfix_start_h2 ROOT DIR LATENCY_MS
#       the same with tests/httpfix/h2serve.js (node): HTTPS with HTTP/2,
#       the certificate of httpfix_pki DIR, LATENCY_MS before each answer;
#       HTTPFIX_URL is https://127.0.0.1:PORT
#   httpfix_pki DIR    makes a private CA (DIR/ca.pem) and a certificate for
#                      127.0.0.1 signed by it (DIR/server.pem, DIR/server.key)
#   httpfix_requests   how many requests it has seen
#   httpfix_stop       stops it (also safe to call twice, or from a trap)
#
# Needs $PYTHON and $BANTIN_SOURCE_DIR, which CTest sets.

HTTPFIX_PID=
HTTPFIX_DIR=

httpfix_start() {
	_root=$1
	shift
	HTTPFIX_DIR=$(mktemp -d)
	HTTPFIX_LOG="$HTTPFIX_DIR/requests.log"
	: > "$HTTPFIX_LOG"
	"$PYTHON" "$BANTIN_SOURCE_DIR/tests/httpfix/server.py" --root "$_root" \
		--port-file "$HTTPFIX_DIR/port" --log "$HTTPFIX_LOG" \
		--lifetime "${HTTPFIX_LIFETIME:-60}" "$@" &
	HTTPFIX_PID=$!
	httpfix_wait http
}

httpfix_start_h2() {
	HTTPFIX_DIR=$(mktemp -d)
	HTTPFIX_LOG="$HTTPFIX_DIR/requests.log"
	: > "$HTTPFIX_LOG"
	node "$BANTIN_SOURCE_DIR/tests/httpfix/h2serve.js" "$1" "$2/server.pem" "$2/server.key" \
		"$HTTPFIX_DIR/port" "$3" "${HTTPFIX_LIFETIME:-60}" "$HTTPFIX_LOG" &
	HTTPFIX_PID=$!
	httpfix_wait https
}

# Waits (10 s at most) for the server to write its port; sets the variables.
httpfix_wait() {
	_i=0
	while [ ! -s "$HTTPFIX_DIR/port" ]; do
		_i=$((_i + 1))
		if [ "$_i" -gt 100 ] || ! kill -0 "$HTTPFIX_PID" 2> /dev/null; then
			echo "httpfix: the fixture server did not start" >&2
			return 1
		fi
		sleep 0.1
	done
	HTTPFIX_PORT=$(cat "$HTTPFIX_DIR/port")
	HTTPFIX_URL="$1://127.0.0.1:$HTTPFIX_PORT"
}

httpfix_pki() {
	mkdir -p "$1"
	(
		cd "$1"
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bantin test CA" \
			-keyout ca.key -out ca.pem
		openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key \
			-out server.csr
		printf 'subjectAltName=IP:127.0.0.1\n' > ext
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
			-extfile ext -out server.pem
	) > /dev/null 2>&1
}

httpfix_requests() {
	wc -l < "$HTTPFIX_LOG" | tr -d ' '
}

httpfix_stop() {
	if [ -n "$HTTPFIX_PID" ]; then
		kill "$HTTPFIX_PID" 2> /dev/null || true
		wait "$HTTPFIX_PID" 2> /dev/null || true
		HTTPFIX_PID=
	fi
	if [ -n "$HTTPFIX_DIR" ]; then
		rm -rf "$HTTPFIX_DIR"
		HTTPFIX_DIR=
	fi
}
