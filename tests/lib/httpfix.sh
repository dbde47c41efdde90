# Starts and stops the loopback fixture server (tests/httpfix/server.py)
# from a shell test.
#
#   httpfix_start ROOT [server options...]
#       starts it and waits until it listens; sets HTTPFIX_PORT, HTTPFIX_URL
#       (http://127.0.0.1:PORT) and HTTPFIX_LOG (its JSON request log)
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
	HTTPFIX_URL="http://127.0.0.1:$HTTPFIX_PORT"
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
