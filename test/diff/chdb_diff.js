'use strict';
// test/diff/chdb_diff.js: the differential test of journey.window_funnel and
// journey.retention against ClickHouse (chdb), per shared/funnels.md §8.
// Started by test/diff/chdb.sh, which installs chdb and provides a
// PostgreSQL (PGHOST/PGPORT/PGUSER/PGDATABASE) with journey installed.
//
// Environment (defaults in brackets):
//   CHDB_MODULE     path of the installed chdb package (required)
//   DIFF_WORK       scratch directory (required; the TSV file goes there)
//   DIFF_SEED [1]   generator seed ("random": a random one, printed)
//   DIFF_CUSTOMERS [100000]  DIFF_MEDIUM [200]  DIFF_HEAVY [6]
//   DIFF_CHAIN_LIMIT [20000] CH strict_once cost cap, see "eligibility"
//   DIFF_PG_JOBS [2]         concurrent PostgreSQL queries
//   DIFF_SHOW [12]           mismatches printed in full (at most)
//
// What it does:
//   1. generates the events (gen.js), writes one TSV (c, t µs, m, nm, e)
//   2. loads it into PostgreSQL (ts = 1940-01-01 UTC + t µs, exact integer
//      arithmetic, so times before and after 1970; s = bool[32] with NULLs)
//      and into a chdb session table (s_i = coalesce(step, 0), t IS NOT NULL)
//   3. for 19 (N, W) configurations, N in {1,2,3,4,8,32}, W in {0, 1, 3, 10
//      grid steps, large} (every N gets 0 and large, N = 4 all five; see
//      CONFIGS) runs all 24 valid mode combinations on both sides, GROUP BY c
//      ORDER BY c, and compares per customer; under strict_increase CH runs
//      with strict_once added (exact oracle), and CH's plain strict_increase
//      is compared with that oracle too (the CH bug #52844 must show up).
//      The PostgreSQL mode text has the words in a random order with random
//      spaces and repeats; the default mode alternates '' and no argument.
//   4. variants on the PostgreSQL side against the same CH results:
//      timestamp instead of timestamptz, aggregate ORDER BY ts (sorted input),
//      and a forced parallel plan (partial aggregation: combine, serialize,
//      deserialize) on a globally shuffled copy of the table (see VARIANTS)
//   5. retention for 2, 3, 4, 8, 32 conditions
//   6. invalid modes and step counts must fail on both sides; empty group
//
// Eligibility: CH's strict_once keeps every candidate chain and explodes on
// customers with many multi-matching rows inside one window (4.7 s for one
// customer with 45 rows on 2 instants, N = 8).  For each customer and (N, W)
// the number of chains (entries for steps 1..k in scan order inside the
// window, k = 1..N; an upper bound of what CH keeps) is counted; customers
// above DIFF_CHAIN_LIMIT are left out of the strict_once/strict_increase
// columns of that (N, W) (CH runs them through windowFunnelIf), and counted
// as "skipped".  All other modes compare every customer, heavy ones included.
//
// Run time on 2 cores: about 6 minutes (CH ~0.3-1 s per column per query on
// 2 M rows, journey ~24 aggregates per PostgreSQL query, 2 queries at a time).

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const gen = require('./gen.js');

const env = process.env;
const CHDB_MODULE = env.CHDB_MODULE;
const WORK = env.DIFF_WORK;
if (!CHDB_MODULE || !WORK) {
	console.error('chdb_diff.js: CHDB_MODULE and DIFF_WORK must be set (run test/diff/chdb.sh)');
	process.exit(2);
}
const SEED = env.DIFF_SEED === 'random' ? (Math.random() * 2 ** 31) >>> 0 : Number(env.DIFF_SEED || 1);
const CUSTOMERS = Number(env.DIFF_CUSTOMERS || 100000);
const MEDIUM = Number(env.DIFF_MEDIUM || 200);
const HEAVY = Number(env.DIFF_HEAVY || 6);
const CHAIN_LIMIT = Number(env.DIFF_CHAIN_LIMIT || 20000);
const PG_JOBS = Number(env.DIFF_PG_JOBS || 2);
const SHOW = Number(env.DIFF_SHOW || 12);
const G = gen.GRID;
const LARGE = 1e15;			// µs, ~31.7 years: more than any customer's span
const PG_EPOCH = '1940-01-01 00:00:00+00';	// PostgreSQL ts = PG_EPOCH + t µs
const PG_EPOCH_US = Date.UTC(1940, 0, 1) * 1000;

const { Session } = require(CHDB_MODULE);

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1) + ' s';
const log = (s) => console.log(s);
const problems = [];			// unexpected results: the exit status

// ---------------------------------------------------------------- modes
const WORDS = ['strict_deduplication', 'strict_order', 'strict_increase', 'strict_once', 'allow_reentry'];
const SHORT = { strict_deduplication: 'dedup', strict_order: 'order', strict_increase: 'increase', strict_once: 'once', allow_reentry: 'reentry' };
const MODES = [];			// {words, label, once (CH needs strict_once), inc}
for (let b = 0; b < 32; b++) {
	const words = WORDS.filter((_, i) => b & (1 << i));
	if (words.includes('allow_reentry') && !words.includes('strict_order')) continue;
	MODES.push({
		words, label: words.length ? words.map((w) => SHORT[w]).join('+') : 'default',
		inc: words.includes('strict_increase'), once: words.includes('strict_increase') || words.includes('strict_once'),
		// strict_deduplication + strict_once (without strict_increase): the
		// result depends on the input order of entries equal in (t, step), in
		// CH, in journey and in the reference scan of funnels.md §1.4 alike
		// (a@0 {1,2}, b@0 {2}, c@1 {3}, W = 1: rows a, b, c give 3, rows b, a, c
		// give 2).  So both sides get the same order (line number id), and the
		// parallel variant, whose order is unknown, leaves these modes out.
		tieOrder: words.includes('strict_deduplication') && words.includes('strict_once') && !words.includes('strict_increase'),
	});
}
if (MODES.length !== 24) throw new Error('expected 24 mode combinations');
// CH plain strict_increase (no strict_once) is run for these too, and
// compared with the oracle: the CH bug #52844 must show up
const INC_PLAIN = MODES.filter((m) => m.label === 'increase' || m.label === 'dedup+increase');

// The PostgreSQL mode text: the words in a random order, random spaces
// around them, sometimes one word twice (allowed: changes nothing).  CH gets
// the same words in the same order (plus strict_once for the oracle).
function pgModeText(r, words) {
	if (!words.length) return '';
	const w = words.slice();
	for (let i = w.length - 1; i > 0; i--) { const j = r.int(0, i); [w[i], w[j]] = [w[j], w[i]]; }
	if (r.chance(0.15)) w.push(w[r.int(0, w.length - 1)]);
	const sp = () => (r.chance(0.2) ? ' ' : '');
	return { text: w.map((x) => sp() + x + sp()).join(','), order: [...new Set(w)] };
}
const sqlLit = (s) => "'" + String(s).replace(/'/g, "''") + "'";
const chParams = (words) => words.map((w) => ', ' + sqlLit(w)).join('');
const usToPgInterval = (w) => `interval '${w} microseconds'`;
const fmtW = (w) => (w === LARGE ? 'large' : w === 0 ? '0' : (w / G) + 'g');

// ------------------------------------------------------------- configs
// (N, W) pairs; the CH results of each serve all PostgreSQL variants.
const CONFIGS = [];
// Every N has 0 and large; together they cover 1, 3 and 10 grid steps
// (the time grid: ties are common, ~10 % of the rows are off the grid).
for (const [N, Ws] of [[1, [3 * G]], [2, [0, G, LARGE]], [3, [0, 3 * G, LARGE]], [4, [0, G, 3 * G, 10 * G, LARGE]],
	[8, [0, G, 10 * G, LARGE]], [32, [0, 3 * G, LARGE]]])
	for (const W of Ws) CONFIGS.push({ idx: CONFIGS.length, N, W });
if (CONFIGS.length > 32) throw new Error('eligibility mask holds 32 configurations');
// PostgreSQL variants: name, FROM item, ts column, aggregate ORDER BY, forced
// parallel plan, the configurations it runs on.
// Input order within a customer: CH sees the rows in file order (its table
// is ORDER BY (c, id), id = line number; one thread); serial and timestamp
// read (SELECT * FROM ev ORDER BY c, id), so journey gets the same order and
// sorts by itself; "ORDER BY ts" passes the rows sorted (aggregate ORDER BY
// ts, id: ties still in file order); "parallel" reads a shuffled copy with a
// forced partial aggregation (combine, serialize, deserialize), in no known
// order.
const VARIANTS = [
	{ name: 'serial', from: '(SELECT * FROM ev ORDER BY c, id) x', ts: 'ts', order: false, parallel: false, on: () => true },
	{ name: 'timestamp', from: '(SELECT * FROM ev ORDER BY c, id) x', ts: 'tsl', order: false, parallel: false, on: (c) => c.N === 4 && c.W === 3 * G },
	{ name: 'ORDER BY ts', from: 'ev', ts: 'ts', order: true, parallel: false, on: (c) => (c.N === 4 && c.W === G) || (c.N === 32 && c.W === 3 * G) },
	{ name: 'parallel', from: 'ev_shuf', ts: 'ts', order: false, parallel: true, on: (c) => (c.N === 4 && c.W === 3 * G) || (c.N === 32 && c.W === LARGE) || (c.N === 8 && c.W === 0) || (c.N === 2 && c.W === G) },
];

// --------------------------------------------------------------- data
log(`== generate: seed ${SEED}, ${CUSTOMERS} customers (1..50 events), ${MEDIUM} medium (100..400), ${HEAVY} heavy (10^4..3*10^4)`);
const rows = gen.generate({ seed: SEED, customers: CUSTOMERS, medium: MEDIUM, heavy: HEAVY });
// customers: rows are contiguous per customer
const cust = [];			// {c, lo, hi}
for (let i = 0; i < rows.n;) {
	let j = i;
	while (j < rows.n && rows.c[j] === rows.c[i]) j++;
	cust.push({ c: rows.c[i], lo: i, hi: j });
	i = j;
}
const custById = new Map(cust.map((x, i) => [x.c, i]));
log(`   ${rows.n} rows, ${cust.length} customers (${secs()})`);


// The entries (t, k) of one customer's rows with a non-NULL t, k = 1..32 the
// steps true on the row (NULL = false), in scan order (t, k).  Sorted by the
// key (t - tmin) * 64 + k, exact while a customer spans < 2^47 µs.
function entries(ci) {
	const { lo, hi } = cust[ci];
	let tmin = Infinity;
	for (let i = lo; i < hi; i++) if (!rows.tnull[i] && rows.t[i] < tmin) tmin = rows.t[i];
	const key = [];
	for (let i = lo; i < hi; i++) {
		if (rows.tnull[i]) continue;
		const rel = rows.t[i] - tmin;
		if (rel >= 2 ** 47) throw new Error(`customer ${cust[ci].c} spans too long`);
		const b = (rows.m[i] & ~rows.nm[i]) >>> 0;
		for (let k = 0; k < 32; k++) if (b & (1 << k)) key.push(rel * 64 + k + 1);
	}
	key.sort((a, b) => a - b);
	const T = new Float64Array(key.length), K = new Uint8Array(key.length);
	for (let x = 0; x < key.length; x++) { K[x] = key[x] % 64; T[x] = tmin + (key[x] - K[x]) / 64; }
	return { T, K };
}

// Number of chains (entries for steps 1..k, k <= N, in scan order, inside
// the window of the first) of one customer, Infinity above limit or when
// counting would take too long.  An upper bound of the candidate chains CH's
// strict_once keeps (it also needs distinct rows, and stops early).
function chainCount(T, K, N, W, limit) {
	const n = T.length;
	let total = 0, ops = 0;
	const acc = new Float64Array(N + 1);
	for (let i = 0; i < n;) {
		if (K[i] !== 1) { i++; continue; }
		const s = T[i];
		acc.fill(0);
		for (let j = i; j < n && T[j] <= s + W; j++) {
			const k = K[j];
			if (k === 1) { if (T[j] === s) { acc[1]++; total++; } }
			else if (k <= N && acc[k - 1] > 0) { acc[k] += acc[k - 1]; total += acc[k - 1]; }
			if (total > limit || ++ops > 3e6) return Infinity;
		}
		while (i < n && T[i] === s) i++;	// the next distinct start time
	}
	return total;
}

const elig = new Uint32Array(cust.length);	// bit cf.idx: compared in the strict_once columns
for (const cf of CONFIGS) cf.skipped = 0;
for (let ci = 0; ci < cust.length; ci++) {
	const { T, K } = entries(ci);
	let mask = 0;
	for (const cf of CONFIGS) {
		if (chainCount(T, K, cf.N, cf.W, CHAIN_LIMIT) <= CHAIN_LIMIT) mask |= 1 << cf.idx;
		else cf.skipped++;
	}
	elig[ci] = mask >>> 0;
}
log(`   strict_once eligibility (at most ${CHAIN_LIMIT} chains per customer) computed (${secs()})`);

const tsv = path.join(WORK, 'ev.tsv');
{
	const fd = fs.openSync(tsv, 'w');
	let buf = '';
	for (let ci = 0; ci < cust.length; ci++) {
		for (let i = cust[ci].lo; i < cust[ci].hi; i++)
			buf += rows.c[i] + '\t' + (rows.tnull[i] ? '\\N' : rows.t[i]) + '\t' + rows.m[i] + '\t' + rows.nm[i] + '\t' + elig[ci] + '\t' + (i + 1) + '\n';
		if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
	}
	fs.writeSync(fd, buf);
	fs.closeSync(fd);
	log(`   wrote ${tsv}: ${(fs.statSync(tsv).size / 1048576).toFixed(0)} MB (${secs()})`);
}

// ---------------------------------------------------------- PostgreSQL
// psql(sql, outFile): runs the script with ON_ERROR_STOP; stdout to outFile
// (big results) or returned.
function psql(sql, outFile) {
	return new Promise((resolve, reject) => {
		const fd = outFile ? fs.openSync(outFile, 'w') : 'pipe';
		const p = spawn('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-f', '-'], { stdio: ['pipe', fd, 'pipe'] });
		let out = '', err = '';
		if (!outFile) p.stdout.on('data', (d) => { out += d; });
		p.stderr.on('data', (d) => { err += d; });
		p.on('error', reject);
		p.on('close', (code) => {
			if (outFile) fs.closeSync(fd);
			if (code !== 0) reject(new Error(`psql failed (${code}): ${err.trim().slice(0, 2000)}`));
			else resolve(out);
		});
		p.stdin.end(sql);
	});
}
const stepArray = Array.from({ length: 32 }, (_, i) =>
	`CASE WHEN nm & ${2 ** i} <> 0 THEN NULL ELSE m & ${2 ** i} <> 0 END`).join(', ');
const loadSql = `
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS journey;
DROP TABLE IF EXISTS diff_raw, ev, ev_shuf;
CREATE UNLOGGED TABLE diff_raw (c int, t bigint, m bigint, nm bigint, e bigint, id int);
\\copy diff_raw FROM '${tsv.replace(/'/g, "''")}'
-- ts = ${PG_EPOCH} + t µs, built from whole seconds and µs (no float
-- rounding: both products are exact); tsl the same instant as timestamp;
-- s[i] = step i (NULL where nm says so)
CREATE UNLOGGED TABLE ev AS
	SELECT c, id, t, ts, ts AT TIME ZONE 'UTC' AS tsl, s
	FROM (SELECT c, id, t, timestamptz '${PG_EPOCH}' + (t / 1000000) * interval '1 second' + (t % 1000000) * interval '1 microsecond' AS ts,
	             ARRAY[${stepArray}] AS s
	      FROM diff_raw) x
	ORDER BY c;
CREATE INDEX ON ev (c, id);
-- the same rows in a random global order, for the parallel plans: a
-- customer's rows end up in different workers and their states are combined
CREATE UNLOGGED TABLE ev_shuf AS SELECT * FROM ev ORDER BY hashtext(ctid::text);
VACUUM ANALYZE ev, ev_shuf;
-- every timestamp exact: (ts - epoch) in µs = t, for both columns
SELECT count(*), count(ts), count(DISTINCT c),
       count(*) FILTER (WHERE (extract(epoch FROM ts - timestamptz '${PG_EPOCH}') * 1000000)::bigint <> t
                           OR (extract(epoch FROM tsl - timestamp '${PG_EPOCH.slice(0, 19)}') * 1000000)::bigint <> t),
       min(ts), max(ts)
FROM ev;
`;

// ---------------------------------------------------------- ClickHouse
const stepsCh = (N) => Array.from({ length: N }, (_, i) => 's' + (i + 1)).join(', ');
const chStepCols = Array.from({ length: 32 }, (_, i) =>
	`coalesce(if(bitTest(nm, ${i}), NULL, bitTest(m, ${i})), 0) AS s${i + 1}`).join(', ');

// ------------------------------------------------------------- queries
// For each config: the mode texts (deterministic in the seed), the CH query
// and the PostgreSQL queries of its variants.
const mr = gen.rng(SEED ^ 0x5bd1e995);
for (const cf of CONFIGS) {
	cf.modes = MODES.map((m) => {
		const f = pgModeText(mr, m.words);
		const order = f ? f.order : [];
		const chWords = m.inc && !order.includes('strict_once') ? [...order, 'strict_once'] : order;
		// the default mode: the form without mode text on every other config
		const pgText = f ? f.text : (cf.idx % 2 ? null : '');
		return { ...m, pgText, chWords, plainWords: order };
	});
	// one CH column per distinct word set (strict_increase and
	// strict_increase,strict_once are the same CH call); m.chCol, m.plainCol:
	// field numbers in the CH result line
	const st = stepsCh(cf.N);
	const cols = [], byKey = new Map();
	const col = (words, sql) => {
		const key = [...words].sort().join(',') + (sql.startsWith('windowFunnelIf') ? '/if' : '');
		if (!byKey.has(key)) { cols.push(sql); byKey.set(key, cols.length); }
		return byKey.get(key);
	};
	for (const m of cf.modes) {
		m.chCol = col(m.chWords, m.once
			? `windowFunnelIf(${cf.W}${chParams(m.chWords)})(t, ${st}, bitTest(e, ${cf.idx}))`
			: `windowFunnel(${cf.W}${chParams(m.chWords)})(t, ${st})`);
		if (INC_PLAIN.some((x) => x.label === m.label))
			m.plainCol = col(m.plainWords, `windowFunnel(${cf.W}${chParams(m.plainWords)})(t, ${st})`);
	}
	// one thread: CH then sees each customer's rows in file order (the tie
	// order matters for strict_deduplication + strict_once, see MODES)
	cf.chSql = `SELECT c, ${cols.join(', ')} FROM ev GROUP BY c ORDER BY c SETTINGS max_threads = 1`;
}
function pgArgs(N, ts, order) {
	const a = N <= 4 ? Array.from({ length: N }, (_, i) => `s[${i + 1}]`).join(', ')
		: N === 32 ? 'VARIADIC s' : `VARIADIC s[1:${N}]`;
	return `${ts}, ${a}${order ? ` ORDER BY ${ts}, id` : ''}`;
}
function pgSql(cf, v) {
	const w = usToPgInterval(cf.W);
	const cols = cf.modes.map((m) => m.pgText === null
		? `journey.window_funnel(${w}, ${pgArgs(cf.N, v.ts, v.order)})`
		: `journey.window_funnel(${w}, ${sqlLit(m.pgText)}, ${pgArgs(cf.N, v.ts, v.order)})`);
	const q = `SELECT c, ${cols.join(', ')} FROM ${v.from} GROUP BY c ORDER BY c`;
	const set = v.parallel
		? `SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET enable_hashagg = off; SET work_mem = '256MB';`
		: `SET max_parallel_workers_per_gather = 0; SET enable_hashagg = off; SET work_mem = '256MB';`;
	return { q, set };
}

// ------------------------------------------------------------ compare
// Result lines "c\tv1\tv2..." of both sides, sorted by c.
function parseLines(text) {
	const out = new Map();
	for (const line of text.split('\n')) {
		if (!line) continue;
		const f = line.split('\t');
		out.set(Number(f[0]), f);
	}
	return out;
}
const tally = new Map();		// mode label -> {compared, mismatches, skipped}
for (const m of MODES) tally.set(m.label, { compared: 0, mismatches: 0, skipped: 0, configs: 0 });
const incTally = new Map();		// plain strict_increase label -> customers where CH plain != oracle
for (const m of INC_PLAIN) incTally.set(m.label, { compared: 0, differ: 0 });
let shown = 0, totalCompared = 0, totalMismatch = 0;
const mismatchKeys = [];

function pgTsText(tus) {	// PostgreSQL timestamptz literal of PG_EPOCH + t µs
	const tot = PG_EPOCH_US + tus;
	const s = Math.floor(tot / 1e6), f = tot - s * 1e6;
	return new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ') + '.' + String(f).padStart(6, '0') + '+00';
}
function showMismatch(cf, v, m, c, pgv, chv) {
	const ci = custById.get(c);
	const { lo, hi } = cust[ci];
	const idx = [];
	for (let i = lo; i < hi; i++) idx.push(i);
	idx.sort((a, b) => (rows.tnull[a] - rows.tnull[b]) || (rows.t[a] - rows.t[b]));
	const N = cf.N, maskN = N === 32 ? 0xffffffff : (2 ** N - 1);
	const stepsOf = (x) => { const r = []; for (let k = 0; k < N; k++) if (x & (1 << k)) r.push(k + 1); return r.join(',') || '-'; };
	const out = [];
	out.push(`MISMATCH seed ${SEED}, N=${N}, W=${cf.W} µs (${fmtW(cf.W)}), mode ${m.label} (PostgreSQL ${m.pgText === null ? 'no mode argument' : sqlLit(m.pgText)}, CH ${m.once ? 'windowFunnelIf' : 'windowFunnel'}(${cf.W}${chParams(m.chWords)})), variant ${v.name}`);
	out.push(`  customer ${c}: journey ${pgv === '\\N' ? 'NULL' : pgv}, ClickHouse ${chv === undefined ? '(no row: every t NULL)' : chv}; ${hi - lo} rows (#input position):`);
	const t1 = idx.length && !rows.tnull[idx[0]] ? rows.t[idx[0]] : 0;
	const lim = 60;
	for (const i of idx.slice(0, lim))
		out.push(`    #${i - lo + 1} t=${rows.tnull[i] ? 'NULL' : rows.t[i] + ' (+' + (rows.t[i] - t1) + ')'} steps=${stepsOf(rows.m[i] & maskN)}${rows.nm[i] & maskN ? ' null=' + stepsOf(rows.nm[i] & maskN) : ''}`);
	if (idx.length > lim) out.push(`    ... ${idx.length - lim} more rows`);
	if (idx.length <= lim) {	// the reproducers keep the input order (#)
		const inOrder = idx.slice().sort((a, b) => a - b);
		const vals = inOrder.map((i) => {
			const a = [];
			for (let k = 0; k < N; k++) a.push(rows.nm[i] & (1 << k) ? 'NULL' : rows.m[i] & (1 << k) ? 'true' : 'false');
			return `(${rows.tnull[i] ? 'NULL' : sqlLit(pgTsText(rows.t[i]))}::${v.ts === 'tsl' ? 'timestamp' : 'timestamptz'}, ARRAY[${a.join(',')}])`;
		});
		out.push(`  PostgreSQL: SELECT journey.window_funnel(${usToPgInterval(cf.W)}, ${sqlLit(m.pgText || '')}, ts, VARIADIC s) FROM (VALUES ${vals.join(', ')}) v(ts, s);`);
		const chVals = inOrder.filter((i) => !rows.tnull[i]).map((i) => `(${rows.t[i]}, ${((rows.m[i] & ~rows.nm[i]) & maskN) >>> 0})`);
		out.push(`  ClickHouse: SELECT windowFunnel(${cf.W}${chParams(m.chWords)})(t, ${Array.from({ length: N }, (_, k) => `bitTest(m, ${k})`).join(', ')}) FROM values('t UInt64, m UInt32', ${chVals.join(', ')});`);
	}
	log(out.join('\n'));
}

// compare one PostgreSQL result (variant v of config cf) with the CH result
function compare(cf, v, pgText, chRows) {
	const pg = parseLines(pgText);
	let compared = 0, mismatches = 0, skipped = 0, nullOk = 0, orderSkipped = 0;
	const perMode = cf.modes.map(() => ({ compared: 0, mismatches: 0, skipped: 0, orderSkipped: 0 }));
	if (pg.size !== cust.length) {
		problems.push(`N=${cf.N} W=${fmtW(cf.W)} ${v.name}: PostgreSQL returned ${pg.size} customers, expected ${cust.length}`);
	}
	for (let ci = 0; ci < cust.length; ci++) {
		const c = cust[ci].c;
		const p = pg.get(c), h = chRows.get(c);
		if (!p) continue;
		const eligible = (elig[ci] >>> cf.idx) & 1;
		if (!h) nullOk++;
		for (let j = 0; j < cf.modes.length; j++) {
			const m = cf.modes[j];
			const pv = p[j + 1];
			let bad;
			if (!h) bad = pv !== '\\N';				// no usable row: NULL (CH: no group)
			else if (m.once && !eligible) { perMode[j].skipped++; skipped++; continue; }
			else if (m.tieOrder && v.parallel) { perMode[j].orderSkipped++; orderSkipped++; continue; }
			else bad = pv !== h[m.chCol];
			perMode[j].compared++; compared++;
			if (bad) {
				perMode[j].mismatches++; mismatches++;
				if (shown < SHOW && perMode[j].mismatches <= 2) { shown++; showMismatch(cf, v, m, c, pv, h ? h[m.chCol] : undefined); }
			}
		}
	}
	cf.modes.forEach((m, j) => {
		const t = tally.get(m.label);
		t.compared += perMode[j].compared; t.mismatches += perMode[j].mismatches; t.skipped += perMode[j].skipped + perMode[j].orderSkipped; t.configs++;
		if (perMode[j].mismatches) mismatchKeys.push(`N=${cf.N} W=${fmtW(cf.W)} ${v.name} ${m.label}: ${perMode[j].mismatches}`);
	});
	totalCompared += compared; totalMismatch += mismatches;
	return { compared, mismatches, skipped, nullOk, orderSkipped };
}
// CH plain strict_increase against the oracle (strict_increase + strict_once)
function compareIncrease(cf, chRows) {
	const res = [];
	cf.modes.filter((m) => m.plainCol).forEach((m) => {
		let compared = 0, differ = 0;
		for (let ci = 0; ci < cust.length; ci++) {
			if (!((elig[ci] >>> cf.idx) & 1)) continue;
			const h = chRows.get(cust[ci].c);
			if (!h) continue;
			compared++;
			if (h[m.chCol] !== h[m.plainCol]) differ++;
		}
		const t = incTally.get(m.label);
		t.compared += compared; t.differ += differ;
		res.push([m.label, differ]);
	});
	return res.map((x) => `${x[0]} ${x[1]}`).join(', ');
}

// ---------------------------------------------------------------- main
async function main() {
	log(`== load into PostgreSQL (${process.env.PGHOST || 'default host'}:${process.env.PGPORT || ''}, database ${process.env.PGDATABASE || ''})`);
	const ld = (await psql(loadSql)).trim().split('|');
	log(`   ${ld[0]} rows, ${ld[1]} with a timestamp, ${ld[2]} customers, ${ld[3]} timestamps not exact; ts ${ld[4]} .. ${ld[5]} (${secs()})`);
	if (Number(ld[0]) !== rows.n || ld[3] !== '0') problems.push('PostgreSQL load: row count or timestamp mismatch');
	const funnelInstalled = (await psql(`SELECT count(*) FROM pg_proc WHERE proname = 'window_funnel' AND pronamespace = 'journey'::regnamespace`)).trim() !== '0';
	const ver = (await psql(`SELECT extversion FROM pg_extension WHERE extname = 'journey'`)).trim();
	log(`   journey ${ver}, window_funnel ${funnelInstalled ? 'installed' : 'NOT INSTALLED'}`);

	log(`== load into chdb (session in ${WORK})`);
	const sess = new Session(path.join(WORK, 'chdb-session'));
	const chv = sess.query('SELECT version()', 'TSV').trim();
	log(`   ClickHouse ${chv}`);
	if (!chv.startsWith('26.7')) problems.push(`chdb runs ClickHouse ${chv}, expected 26.7`);
	sess.query(`CREATE DATABASE IF NOT EXISTS diff`);
	sess.query(`USE diff`);
	sess.query(`DROP TABLE IF EXISTS ev_all`);
	sess.query(`DROP TABLE IF EXISTS ev`);
	sess.query(`CREATE TABLE ev_all ENGINE = MergeTree ORDER BY (c, id) AS
		SELECT * FROM file('${tsv}', 'TSV', 'c UInt32, t Nullable(UInt64), m UInt32, nm UInt32, e UInt32, id UInt32')`);
	// NULL step = false: s_i = coalesce(step, 0) (funnels.md §1.6); NULL t: WHERE
	sess.query(`CREATE TABLE ev ENGINE = MergeTree ORDER BY (c, id) AS
		SELECT c, id, assumeNotNull(t) AS t, e, ${chStepCols} FROM (SELECT * FROM ev_all WHERE t IS NOT NULL)`);
	const chCount = sess.query(`SELECT count(), (SELECT count() FROM ev), uniqExact(c) FROM ev_all`, 'TSV').trim().split('\t');
	log(`   ${chCount[0]} rows, ${chCount[1]} with a timestamp, ${chCount[2]} customers (${secs()})`);
	if (chCount[0] !== ld[0] || chCount[1] !== ld[1]) problems.push('chdb and PostgreSQL loaded different rows');

	if (funnelInstalled) await funnels(sess);
	else problems.push('journey.window_funnel is not installed: no funnel comparison ran');
	await retention(sess);
	await errors(sess, funnelInstalled);
	sess.cleanup ? sess.cleanup() : sess.close();

	log('');
	log(`== summary per mode (all N, W and variants; "skipped" = left out of CH strict_once, see chdb_diff.js)`);
	log(`   ${'mode'.padEnd(34)} ${'runs'.padStart(5)} ${'compared'.padStart(10)} ${'mismatches'.padStart(10)} ${'skipped'.padStart(9)}`);
	for (const m of MODES) {
		const t = tally.get(m.label);
		log(`   ${m.label.padEnd(34)} ${String(t.configs).padStart(5)} ${String(t.compared).padStart(10)} ${String(t.mismatches).padStart(10)} ${String(t.skipped).padStart(9)}`);
	}
	if (funnelInstalled) {
		log(`== CH plain strict_increase vs strict_increase + strict_once (CH bug #52844), customers that differ, all N and W:`);
		for (const [label, t] of incTally) log(`   ${label.padEnd(34)} ${t.differ} of ${t.compared}`);
		const plain = incTally.get('increase');
		if (!(plain.differ > 0)) problems.push('CH plain strict_increase never differed from the oracle: the bug case is not exercised');
		if (totalMismatch) problems.push(`${totalMismatch} funnel mismatches: ${mismatchKeys.slice(0, 20).join('; ')}${mismatchKeys.length > 20 ? ' ...' : ''}`);
	}
	log('');
	for (const p of problems) log(`FAIL: ${p}`);
	const summary = `chdb diff: seed ${SEED}, ${totalCompared} funnel comparisons, ${totalMismatch} mismatches, ${retTotals.compared} retention comparisons, ${retTotals.mismatches} mismatches, ${errTotals.ok} of ${errTotals.n} error checks ok; ${problems.length ? 'FAILED' : 'ok'} (${secs()})`;
	log(summary);
	if (env.DIFF_SUMMARY_FILE) fs.writeFileSync(env.DIFF_SUMMARY_FILE, summary + '\n');
	process.exitCode = problems.length ? 1 : 0;
}

async function funnels(sess) {
	const jobs = [];
	for (const cf of CONFIGS) for (const v of VARIANTS) if (v.on(cf)) jobs.push({ cf, v });
	log(`== window_funnel: ${CONFIGS.length} (N, W) configurations x 24 modes, ${jobs.length} PostgreSQL queries (${PG_JOBS} at a time), ${CONFIGS.length} ClickHouse queries`);
	log(`   W: 0, 1g, 3g, 10g (grid steps of ${G} µs), large = ${LARGE} µs.  Per line: customer x mode results compared, mismatches,`);
	log(`   skipped in the strict_once/strict_increase columns (customers over the chain limit), customers with no timestamp (NULL`);
	log(`   expected), customers where CH's plain strict_increase (and with strict_deduplication) differs from the`);
	log(`   strict_increase + strict_once oracle`);
	// the parallel plans must really be partial aggregations
	for (const { cf, v } of jobs.filter((j) => j.v.parallel)) {
		const { q, set } = pgSql(cf, v);
		const plan = await psql(`${set}\nEXPLAIN (COSTS OFF) ${q};`);
		if (!/Partial/.test(plan) || !/Gather/.test(plan)) problems.push(`N=${cf.N} W=${fmtW(cf.W)}: the parallel variant got no partial aggregation plan`);
	}
	// ClickHouse: one query at a time, off the event loop, at most 3
	// configurations ahead of the comparisons (each parsed result is big)
	const chDone = new Map();
	const chTime = new Map();
	const consumed = new Map();	// config idx -> {promise, resolve}: all its comparisons done
	for (const cf of CONFIGS) {
		let resolve;
		const promise = new Promise((r) => { resolve = r; });
		consumed.set(cf.idx, { promise, resolve });
	}
	const remaining = new Map();
	for (const { cf } of jobs) remaining.set(cf.idx, (remaining.get(cf.idx) || 0) + 1);
	let chChain = Promise.resolve();
	for (const cf of CONFIGS) {
		chChain = chChain.then(async () => {
			if (cf.idx >= 3) await consumed.get(cf.idx - 3).promise;
			const t = Date.now();
			const r = await sess.queryAsync(cf.chSql, { format: 'TSV' });
			chTime.set(cf.idx, (Date.now() - t) / 1000);
			return parseLines(r.text());
		});
		chDone.set(cf.idx, chChain);
		chChain = chChain.catch(() => {});	// an error is reported by its own config only
	}
	let next = 0;
	async function worker(w) {
		while (next < jobs.length) {
			const { cf, v } = jobs[next++];
			const { q, set } = pgSql(cf, v);
			const file = path.join(WORK, `pg-${cf.idx}-${v.name.replace(/\W/g, '')}.tsv`);
			const t = Date.now();
			let pgText;
			try {
				await psql(`${set}\nCOPY (${q}) TO STDOUT;`, file);
				pgText = fs.readFileSync(file, 'utf8');
			} catch (e) {
				problems.push(`N=${cf.N} W=${fmtW(cf.W)} ${v.name}: PostgreSQL error: ${e.message.slice(0, 500)}`);
				log(`   N=${cf.N} W=${fmtW(cf.W)} ${v.name}: PostgreSQL ERROR ${e.message.slice(0, 500)}`);
				pgText = null;
			}
			const pgSecs = (Date.now() - t) / 1000;
			fs.rmSync(file, { force: true });
			let chRows;
			try { chRows = await chDone.get(cf.idx); } catch (e) {
				problems.push(`N=${cf.N} W=${fmtW(cf.W)}: ClickHouse error: ${String(e.message).slice(0, 500)}`);
				chRows = null;
			}
			if (pgText !== null && chRows) {
				const r = compare(cf, v, pgText, chRows);
				let inc = '';
				if (v.name === 'serial' && cf.N > 1) inc = '; CH plain strict_increase wrong: ' + compareIncrease(cf, chRows);
				log(`   N=${String(cf.N).padEnd(2)} W=${fmtW(cf.W).padEnd(5)} ${v.name.padEnd(11)} ${String(r.compared).padStart(8)} compared, ${r.mismatches} mismatches, ${r.skipped} skipped (${cf.skipped} customers)${r.orderSkipped ? `, ${r.orderSkipped} not compared (dedup+once: tie order)` : ''}, ${r.nullOk} no-timestamp customers${inc} [pg ${pgSecs.toFixed(1)} s, ch ${(chTime.get(cf.idx) || 0).toFixed(1)} s]`);
			}
			remaining.set(cf.idx, remaining.get(cf.idx) - 1);
			if (remaining.get(cf.idx) === 0) {	// free the CH result, let CH go on
				chDone.delete(cf.idx);
				consumed.get(cf.idx).resolve();
			}
		}
	}
	await Promise.all(Array.from({ length: PG_JOBS }, (_, w) => worker(w)));
	await chChain;
	log(`   done (${secs()})`);
}

const retTotals = { compared: 0, mismatches: 0 };
async function retention(sess) {
	const Ns = [2, 3, 4, 8, 32];
	log(`== retention: ${Ns.join(', ')} conditions, every row (t NULL too)`);
	const pgCols = Ns.map((N) => `journey.retention(${N <= 4 ? Array.from({ length: N }, (_, i) => `s[${i + 1}]`).join(', ') : N === 32 ? 'VARIADIC s' : `VARIADIC s[1:${N}]`})`);
	const chCols = Ns.map((N) => `retention(${Array.from({ length: N }, (_, i) => `coalesce(if(bitTest(nm, ${i}), NULL, bitTest(m, ${i})), 0)`).join(', ')})`);
	const file = path.join(WORK, 'pg-retention.tsv');
	const chR = parseLines(sess.query(`SELECT c, ${chCols.join(', ')} FROM ev_all GROUP BY c ORDER BY c`, 'TSV'));
	for (const [par, set] of [['serial', 'SET max_parallel_workers_per_gather = 0;'],
		['parallel', 'SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2; SET enable_hashagg = off;']]) {
		await psql(`${set}\nCOPY (SELECT c, ${pgCols.join(', ')} FROM ${par === 'serial' ? 'ev' : 'ev_shuf'} GROUP BY c ORDER BY c) TO STDOUT;`, file);
		const pg = parseLines(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		const per = Ns.map(() => [0, 0]);
		let printed = 0;
		for (const { c } of cust) {
			const p = pg.get(c), h = chR.get(c);
			Ns.forEach((N, j) => {
				per[j][0]++;
				const want = h ? '{' + h[j + 1].slice(1, -1).split(',').map((x) => (x === '1' ? 't' : 'f')).join(',') + '}' : undefined;
				const got = p ? p[j + 1] : undefined;
				if (got !== want) {
					per[j][1]++;
					if (printed++ < 3) log(`   MISMATCH seed ${SEED} retention N=${N} ${par} customer ${c}: journey ${got}, ClickHouse ${h ? h[j + 1] : '(none)'}`);
				}
			});
		}
		Ns.forEach((N, j) => {
			retTotals.compared += per[j][0]; retTotals.mismatches += per[j][1];
			if (per[j][1]) problems.push(`retention N=${N} ${par}: ${per[j][1]} mismatches`);
		});
		log(`   ${par}: ${Ns.map((N, j) => `N=${N} ${per[j][0]} compared, ${per[j][1]} mismatches`).join('; ')}`);
	}
}

const errTotals = { n: 0, ok: 0 };
async function errors(sess, funnelInstalled) {
	log(`== invalid arguments: must fail on both sides`);
	// a customer with rows that have a timestamp
	const c = cust.find((x) => { for (let i = x.lo; i < x.hi; i++) if (!rows.tnull[i]) return true; return false; }).c;
	const pgTry = `CREATE OR REPLACE FUNCTION pg_temp.try_sql(q text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN EXECUTE q; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $f$;`;
	const checks = [];
	const badModes = [
		['allow_reentry', 'allow_reentry'], ['allow_reentry,strict_once', 'allow_reentry'],
		['strict_deduplication,allow_reentry,strict_increase', 'allow_reentry'],
		['strict', 'strict'], ['strict_order,strict', 'strict'], ['foo', 'foo'], ['strict_order,bogus', 'bogus'],
		['strict_once , strict_incr', 'strict_incr'],
	];
	if (funnelInstalled) {
		for (const [mode, word] of badModes) {
			const words = mode.split(',').map((x) => x.trim());
			checks.push({
				what: `window_funnel mode ${sqlLit(mode)}`, word, state: '22023',
				pg: `SELECT journey.window_funnel(interval '1 second', ${sqlLit(mode)}, ts, s[1], s[2]) FROM ev WHERE c = ${c}`,
				ch: `SELECT windowFunnel(1000000${chParams(words)})(t, s1, s2) FROM ev WHERE c = ${c}`,
			});
		}
		const s33 = Array.from({ length: 33 }, (_, i) => `s[${(i % 32) + 1}]`).join(', ');
		checks.push({
			what: 'window_funnel with 33 steps', state: '22023',
			pg: `SELECT journey.window_funnel(interval '1 second', ts, ${s33}) FROM ev WHERE c = ${c}`,
			ch: `SELECT windowFunnel(1000000)(t, ${Array.from({ length: 33 }, (_, i) => `s${(i % 32) + 1}`).join(', ')}) FROM ev WHERE c = ${c}`,
		});
		checks.push({
			what: 'window_funnel with 0 steps', state: '22023',
			pg: `SELECT journey.window_funnel(interval '1 second', ts, VARIADIC '{}'::bool[]) FROM ev WHERE c = ${c}`,
			ch: `SELECT windowFunnel(1000000)(t) FROM ev WHERE c = ${c}`,
		});
	}
	checks.push({
		what: 'retention with 1 condition',
		pg: `SELECT journey.retention(s[1]) FROM ev WHERE c = ${c}`,
		ch: `SELECT retention(s1) FROM ev WHERE c = ${c}`,
	});
	checks.push({
		what: 'retention with 33 conditions',
		pg: `SELECT journey.retention(${Array.from({ length: 33 }, (_, i) => `s[${(i % 32) + 1}]`).join(', ')}) FROM ev WHERE c = ${c}`,
		ch: `SELECT retention(${Array.from({ length: 33 }, (_, i) => `s${(i % 32) + 1}`).join(', ')}) FROM ev WHERE c = ${c}`,
	});
	const pgOut = (await psql(pgTry + '\n' + checks.map((k) => `SELECT pg_temp.try_sql(${sqlLit(k.pg)});`).join('\n'))).trim().split('\n');
	checks.forEach((k, i) => {
		let chRes;
		try { chRes = 'ok: ' + sess.query(k.ch, 'TSV').trim(); } catch (e) { chRes = 'error: ' + String(e.message).split('\n')[0].slice(0, 120); }
		const pgRes = pgOut[i] || '(no output)';
		const pgOk = pgRes !== 'ok' && (!k.state || pgRes.startsWith(k.state)) && (!k.word || pgRes.includes(k.word));
		const chOk = chRes.startsWith('error');
		errTotals.n++;
		if (pgOk && chOk) errTotals.ok++;
		else problems.push(`${k.what}: PostgreSQL ${pgRes.slice(0, 150)} / ClickHouse ${chRes}`);
		log(`   ${pgOk && chOk ? 'ok  ' : 'FAIL'} ${k.what}: PostgreSQL ${pgRes.slice(0, 140)} | ClickHouse ${chRes}`);
	});
	if (funnelInstalled) {
		// empty group: journey NULL (project rule), CH 0 (documented deviation)
		const pgE = (await psql(`SELECT coalesce(journey.window_funnel(interval '1 second', ts, s[1], s[2])::text, 'NULL') FROM ev WHERE false`)).trim();
		const chE = sess.query(`SELECT windowFunnel(1000000)(t, s1, s2) FROM ev WHERE 0`, 'TSV').trim();
		errTotals.n++;
		if (pgE === 'NULL' && chE === '0') errTotals.ok++;
		else problems.push(`empty group: journey ${pgE} (want NULL), ClickHouse ${chE} (want 0)`);
		log(`   ${pgE === 'NULL' && chE === '0' ? 'ok  ' : 'FAIL'} empty group: journey ${pgE}, ClickHouse ${chE} (deviation by design, funnels.md §1.6)`);
	}
}

main().catch((e) => { console.error(e.stack || e); process.exit(2); });
