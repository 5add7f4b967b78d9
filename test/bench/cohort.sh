#!/usr/bin/env bash
# test/bench/cohort.sh: journey.cohort_retention (first-time, daily, 7
# periods, any event) against the same matrix written by hand, on 1 M
# events of 50 000 customers in journey.events.  Checks first that both
# give the same rows, then times BENCH_ROUNDS alternating rounds and prints
# the medians and the median of the per-round ratios (each query summed,
# so that no part of it can be planned away), then times three other
# definitions alone.  Run it inside a
# throwaway cluster, with journey installed:
#
#   pg_virtualenv -t -v 15 bash test/bench/cohort.sh
set -euo pipefail
rounds=${BENCH_ROUNDS:-5}
psql=(psql -X -q -v ON_ERROR_STOP=1)

"${psql[@]}" <<'SQL'
CREATE EXTENSION IF NOT EXISTS journey;
TRUNCATE journey.events;
INSERT INTO journey.events (customer_id, occurred_at, touchpoint)
SELECT 'c' || (hashint4(i) & 65535) % 50000, timestamptz '2026-01-01' + i * interval '17 seconds',
       (ARRAY['home', 'search', 'product', 'cart', 'checkout', 'support', 'delivery'])[1 + (hashint4(i + 11) & 65535) % 7]
FROM generate_series(1, 1000000) i;
VACUUM ANALYZE journey.events;
SQL

journey="SELECT cohort, cohort_size, period, retained
FROM journey.cohort_retention(periods => 7, cutoff => '2027-01-01', time_zone => 'UTC')"
# by hand: birth = first event, cohort = its UTC day, a return is a later
# event, its period the number of UTC days after the birth's
by_hand="WITH b AS (SELECT customer_id, min(occurred_at) AS b FROM journey.events GROUP BY customer_id),
r AS (SELECT e.customer_id, (b.b AT TIME ZONE 'UTC')::date AS cohort,
             (e.occurred_at AT TIME ZONE 'UTC')::date - (b.b AT TIME ZONE 'UTC')::date AS n
      FROM journey.events e JOIN b USING (customer_id) WHERE e.occurred_at > b.b),
sizes AS (SELECT (b AT TIME ZONE 'UTC')::date AS cohort, count(*) AS cohort_size FROM b GROUP BY 1),
cells AS (SELECT cohort, n, count(DISTINCT customer_id) AS retained FROM r WHERE n BETWEEN 0 AND 7 GROUP BY 1, 2)
SELECT s.cohort, s.cohort_size, p AS period, coalesce(c.retained, 0) AS retained
FROM sizes s CROSS JOIN generate_series(0, 7) p LEFT JOIN cells c ON c.cohort = s.cohort AND c.n = p"

diff=$("${psql[@]}" -At -c "SELECT count(*) FROM (
	(SELECT * FROM ($journey) j EXCEPT ALL SELECT * FROM ($by_hand) h)
	UNION ALL (SELECT * FROM ($by_hand) h EXCEPT ALL SELECT * FROM ($journey) j)) d")
rows=$("${psql[@]}" -At -c "SELECT count(*) FROM ($journey) j")
echo "same rows: $rows cells, $diff differences"
[ "$diff" = 0 ] || exit 1

ms() { "${psql[@]}" -c '\timing on' -c "SELECT count(*), sum(retained) FROM ($1) q" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; }
j=() h=() r=()
for ((i = 1; i <= rounds; i++)); do
	a=$(ms "$journey")
	b=$(ms "$by_hand")
	j+=("$a") h+=("$b") r+=("$(echo "$a / $b" | awk '{printf "%.3f", $1 / $3}')")
	echo "round $i: journey.cohort_retention $a ms, by hand $b ms"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "median of $rounds rounds: journey.cohort_retention $(median "${j[@]}") ms, by hand $(median "${h[@]}") ms," \
	"journey / by hand $(median "${r[@]}")"

# other definitions on the same events (no hand-written counterpart): the
# median of the rounds; the recurring daily "any event" matrix, whose
# memberships (one per customer and active day) each probe the next 8 days
# of their customer's returns (about 8 s), once
others=(
	"'home', 'cart', 'week', 4, bounded => false"
	"'checkout', 'delivery', '24 hours', 3, first_time => false"
)
for args in "${others[@]}"; do
	t=()
	for ((i = 1; i <= rounds; i++)); do
		t+=("$(ms "SELECT cohort, cohort_size, period, retained FROM journey.cohort_retention($args, cutoff => '2027-01-01', time_zone => 'UTC')")")
	done
	echo "cohort_retention($args): median of $rounds rounds $(median "${t[@]}") ms"
done
args="first_time => false, periods => 7"
echo "cohort_retention($args), any event: $(ms "SELECT cohort, cohort_size, period, retained FROM journey.cohort_retention($args, cutoff => '2027-01-01', time_zone => 'UTC')") ms (one round)"
