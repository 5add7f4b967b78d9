#!/usr/bin/env bash
# test/bench/funnel_memory.sh: peak memory of one backend evaluating a
# funnel over one customer with a long history: 10^6 events (every fifth
# matches no step, so 800 000 rows are kept), in time order and not, for
# window_funnel (the level) and window_funnel_times.  The events come from
# generate_series (a 4 MB tuplestore), so the growth of the backend's peak
# resident memory (VmHWM in /proc, read as the server's OS user or root)
# is the aggregate's state plus what its final function allocates.  Run it
# on the database server's machine, inside a throwaway cluster, with
# journey installed:
#
#   pg_virtualenv -t -v 15 bash test/bench/funnel_memory.sh
set -euo pipefail
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS journey"
for agg in window_funnel window_funnel_times; do
	for order in time-ordered unordered; do
		if [ "$order" = time-ordered ]; then
			ts="timestamptz '2026-01-01' + i * interval '1 second'"
		else
			ts="timestamptz '2026-01-01' + (hashint4(i) & 1048575) * interval '1 second'"
		fi
		q="SELECT journey.$agg(interval '1 day', ts, e = 1, e = 2, e = 3, e = 4) IS NOT NULL
		   FROM (SELECT $ts AS ts, i % 5 AS e FROM generate_series(1, 1000000) i) s"
		coproc P { psql -X -q -At 2>&1; }
		echo "SELECT pg_backend_pid();" >&"${P[1]}"
		read -r pid <&"${P[0]}"
		before=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
		echo "SET work_mem = '4MB'; $(echo "$q" | tr '\n\t' '  ');" >&"${P[1]}"
		read -r result <&"${P[0]}"
		after=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
		echo "\\q" >&"${P[1]}"
		wait
		[ "$result" = t ] || { echo "unexpected result: $result" >&2; exit 1; }
		echo "journey.$agg, $order: peak memory +$(( (after - before) / 1024 )) MB ($before -> $after kB)"
	done
done
