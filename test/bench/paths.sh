#!/usr/bin/env bash
# test/bench/paths.sh: journey.paths against the same Sankey edges written
# by hand with lead() window functions, on 1 M events of 50 000 customers
# in journey.events (7 touchpoints), forward from the first 'cart', depth
# 3.  Checks first that both give the same rows, then times BENCH_ROUNDS
# alternating rounds and prints the medians and the median of the per-round
# ratios.  Run it inside a throwaway cluster, with journey installed:
#
#   pg_virtualenv -t -v 15 bash test/bench/paths.sh
set -euo pipefail
rounds=${BENCH_ROUNDS:-7}
psql=(psql -X -q -v ON_ERROR_STOP=1)

"${psql[@]}" <<'EOF'
CREATE EXTENSION IF NOT EXISTS journey;
TRUNCATE journey.events;
INSERT INTO journey.events (customer_id, occurred_at, touchpoint)
SELECT 'c' || (hashint4(i) & 65535) % 50000, timestamptz '2026-01-01' + i * interval '17 seconds',
       (ARRAY['home', 'search', 'product', 'cart', 'checkout', 'support', 'delivery'])[1 + (hashint4(i + 11) & 65535) % 7]
FROM generate_series(1, 1000000) i;
VACUUM ANALYZE journey.events;
EOF

journey="SELECT depth, from_event, to_event, customers FROM journey.paths('cart')"
# by hand: each customer's events in journey order (time, then event in
# byte order), the first cart, and the three events after it
by_hand="WITH o AS (
  SELECT customer_id, touchpoint, row_number() OVER w AS rn,
         lead(touchpoint, 1) OVER w AS n1, lead(touchpoint, 2) OVER w AS n2, lead(touchpoint, 3) OVER w AS n3
  FROM journey.events WHERE touchpoint IS NOT NULL
  WINDOW w AS (PARTITION BY customer_id ORDER BY occurred_at, touchpoint COLLATE \"C\")
), a AS (
  SELECT DISTINCT ON (customer_id) customer_id, touchpoint AS e0, n1, n2, n3
  FROM o WHERE touchpoint = 'cart' ORDER BY customer_id, rn
)
SELECT 1 AS depth, e0 AS from_event, n1 AS to_event, count(*) AS customers FROM a GROUP BY 1, 2, 3
UNION ALL SELECT 2, n1, n2, count(*) FROM a WHERE n1 IS NOT NULL GROUP BY 1, 2, 3
UNION ALL SELECT 3, n2, n3, count(*) FROM a WHERE n2 IS NOT NULL GROUP BY 1, 2, 3"

diff=$("${psql[@]}" -At -c "SELECT count(*) FROM (
	(SELECT * FROM ($journey) j EXCEPT ALL SELECT * FROM ($by_hand) h)
	UNION ALL (SELECT * FROM ($by_hand) h EXCEPT ALL SELECT * FROM ($journey) j)) d")
rows=$("${psql[@]}" -At -c "SELECT count(*) FROM ($journey) j")
echo "same rows: $rows edges, $diff differences"
[ "$diff" = 0 ] || exit 1

ms() { "${psql[@]}" -c '\timing on' -c "SELECT count(*), sum(customers) FROM ($1) q" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; }
j=() h=() r=()
for ((i = 1; i <= rounds; i++)); do
	a=$(ms "$journey")
	b=$(ms "$by_hand")
	j+=("$a") h+=("$b") r+=("$(echo "$a / $b" | awk '{printf "%.3f", $1 / $3}')")
	echo "round $i: journey.paths $a ms, by hand $b ms"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "median of $rounds rounds: journey.paths $(median "${j[@]}") ms, by hand $(median "${h[@]}") ms," \
	"journey / by hand $(median "${r[@]}")"
