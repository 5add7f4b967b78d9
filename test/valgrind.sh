#!/usr/bin/env bash
# test/valgrind.sh: run the pg_regress suite against a PostgreSQL 15 server
# running under valgrind memcheck, and report every valgrind error whose
# stack passes through journey.so.  Not part of test/run (it takes a few
# minutes); run it before a release and after touching C code.
set -euo pipefail
cd "$(dirname "$0")/.."
test/deps valgrind
test/build
bindir=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/journey-valgrind.XXXXXX)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
as_owner "$bindir/initdb" -D "$work/data" -A trust -U postgres >/dev/null
as_owner valgrind --quiet --trace-children=yes --track-origins=yes --num-callers=30 \
	--log-file="$work/vg.%p.log" \
	"$bindir/postgres" -D "$work/data" -k "$work" -p 54329 -c listen_addresses='' \
	-c max_parallel_workers_per_gather=2 >"$work/server.log" 2>&1 &
for _ in $(seq 1 120); do
	"$bindir/pg_isready" -q -h "$work" -p 54329 && break
	sleep 1
done
status=0
# VALGRIND_REGRESS="test_helpers window_funnel" runs only those files
PGHOST=$work PGPORT=54329 PGUSER=postgres make -s installcheck PG_CONFIG=$bindir/pg_config \
	${VALGRIND_REGRESS:+REGRESS="$VALGRIND_REGRESS"} || status=1
as_owner "$bindir/pg_ctl" -D "$work/data" -m fast stop >/dev/null || true
sleep 2
# every error report with a frame in journey.so
hits=$(grep -l "journey.so" "$work"/vg.*.log 2>/dev/null || true)
if [ -n "$hits" ]; then
	echo "valgrind errors in journey:"
	for f in $hits; do cat "$f"; done
	status=1
else
	total=$(cat "$work"/vg.*.log 2>/dev/null | grep -c "^==[0-9]*== [A-Z]" || true)
	echo "valgrind: no error report passes through journey.so ($total report lines elsewhere in the server)"
fi
[ $status -eq 0 ] && rm -rf "$work" || echo "logs kept in $work"
exit $status
