# Shared by the benchmark scripts (sourced, with $here set to bench/):
# a scratch directory $tmp that goes away on exit with the server the
# script starts (its pid in $server), and the feeds file of a served set.
python=${PYTHON:-python3}
tmp=$(mktemp -d)
server=
server2=
bench_cleanup() {
	[ -n "$server" ] && kill "$server" 2> /dev/null
	[ -n "$server2" ] && kill "$server2" 2> /dev/null
	rm -rf "$tmp"
}
trap bench_cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE # the cleanup above runs on the way out

# Waits for the server to write its port into $tmp/port; prints it.
bench_port() {
	while [ ! -s "$tmp/port" ]; do sleep 0.1; done
	cat "$tmp/port"
}

# bench_feeds URL_PREFIX N [OPTIONS]: a feeds file line for each of
# URL_PREFIX/feed-1.xml to feed-N.xml, with OPTIONS after each URL.
bench_feeds() {
	n=1
	while [ "$n" -le "$2" ]; do
		echo "$1/feed-$n.xml${3:+ $3}"
		n=$((n + 1))
	done
}
