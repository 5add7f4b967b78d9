# test/bench/lib.sh: helpers shared by the benchmark scripts (sourced).
# The caller defines the psql command array "psql".

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
sqlq() { printf '%s' "${1//\'/\'\'}"; }	# quote for a SQL string literal

# the machine and the server settings that matter for the timings
bench_machine() {
	echo "== machine and server"
	echo "cores: $(nproc) online ($(getconf _NPROCESSORS_ONLN) configured: $(getconf _NPROCESSORS_CONF)); cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	"${psql[@]}" -At -c "SELECT version()"
	"${psql[@]}" -At -F' = ' -c "SELECT name, setting || coalesce(unit, '') FROM pg_settings
		WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather',
		               'max_parallel_workers', 'jit', 'autovacuum', 'wal_level') ORDER BY name"
}

# bench_ms(q): server-side wall time of one execution of q in ms.  EXECUTE
# plans with CURSOR_OPT_PARALLEL_OK, so the query may use parallel workers;
# neither the client round trip nor result transfer is timed.
bench_create_timer() {
	"${psql[@]}" <<'SQL'
CREATE OR REPLACE FUNCTION bench_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
BEGIN
	t0 := clock_timestamp();
	EXECUTE q;
	RETURN 1000 * extract(epoch FROM clock_timestamp() - t0);
END
$$;
SQL
}
