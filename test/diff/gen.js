'use strict';
// test/diff/gen.js: seeded random funnel events for the differential test
// against ClickHouse (test/diff/chdb.sh) and for test/bench/funnel.sh.
//
// Every row is (customer, t, m, nm): t = integer microseconds (NULL
// sometimes), m = bitmask of the true steps (bit i-1 = step i, 32 steps),
// nm = bitmask of the steps whose value is NULL (NULL wins over m).  The
// same rows serve every N (steps 1..N = bits 0..N-1), so a row matching no
// step for N = 4 may match step 7 for N = 8.  See shared/funnels.md §8.
//
//   node gen.js --seed 1 --customers 100000 --out /tmp/ev.tsv    (standalone)
//
// Kinds of customers (light ones: ids 1..customers):
//   random  each row matches each step with probability p in [0.2, 0.3]
//           (multi-matching rows, repeats); plus rows matching nothing
//   walk    rows walk through the steps 1, 2, 3 ... (advance, stay, fall
//           back), with a few extra random bits: reaches deep levels of N = 8
//           and 32 and exercises strict_order / strict_deduplication
//   burst   few distinct instants, many rows each (ties everywhere)
// Times: a per-customer base in 0..2e15 µs (chdb_diff.js reads t as µs after
// 1940-01-01 in PostgreSQL, so 1940..2003; ClickHouse gets the integer)
// plus grid points GRID µs apart, span chosen so ties are common; about 10 %
// of the rows get an offset off the grid (±1 µs, random µs, half a step), so
// an inclusive window boundary is hit from both sides.  Some customers have
// NULL step values (NULL = false), some rows have a NULL timestamp, a few
// customers have only NULL timestamps (journey: NULL, ClickHouse: absent).
// Medium customers (ids MEDIUM_BASE+1..) have 100..400 rows; heavy customers
// (ids HEAVY_BASE+1..) have 10^4..3*10^4 rows at about one row per grid point.

const fs = require('fs');

const GRID = 1000000;			// one grid step: 1 s in µs
const MEDIUM_BASE = 2000000;
const HEAVY_BASE = 3000000;

// sfc32, seeded through splitmix32: deterministic across platforms
function rng(seed) {
	let s = seed >>> 0;
	function sm() {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	}
	let a = sm(), b = sm(), c = sm(), d = sm();
	function next() {	// uint32
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t >>> 0;
	}
	for (let i = 0; i < 12; i++) next();
	const r = {
		u32: next,
		float: () => next() / 4294967296,
		int: (lo, hi) => lo + Math.floor(next() / 4294967296 * (hi - lo + 1)),	// lo..hi
		chance: (p) => next() / 4294967296 < p,
	};
	return r;
}

// Rows are kept in growable typed arrays: c, t (float64 holds µs exactly up
// to 2^53), tnull, m, nm.
class Rows {
	constructor(cap) {
		this.n = 0;
		this.alloc(cap);
	}
	alloc(cap) {
		const old = this;
		const c = new Uint32Array(cap), t = new Float64Array(cap), tn = new Uint8Array(cap),
			m = new Uint32Array(cap), nm = new Uint32Array(cap);
		if (this.c) {
			c.set(old.c.subarray(0, this.n)); t.set(old.t.subarray(0, this.n));
			tn.set(old.tnull.subarray(0, this.n)); m.set(old.m.subarray(0, this.n));
			nm.set(old.nm.subarray(0, this.n));
		}
		this.c = c; this.t = t; this.tnull = tn; this.m = m; this.nm = nm; this.cap = cap;
	}
	push(c, t, tnull, m, nm) {
		if (this.n === this.cap) this.alloc(this.cap * 2);
		const i = this.n++;
		this.c[i] = c; this.t[i] = t; this.tnull[i] = tnull ? 1 : 0; this.m[i] = m >>> 0; this.nm[i] = nm >>> 0;
	}
}

function randomBits(r, p) {
	let m = 0;
	for (let i = 0; i < 32; i++) if (r.chance(p)) m |= 1 << i;
	return m >>> 0;
}

// one customer's rows, in random order
function customer(r, rows, id, k, kind) {
	const span = kind === 'heavy' ? k
		: kind === 'burst' ? r.int(0, 3)
		: [Math.max(0, k >> 2), k, 3 * k, r.int(0, 6)][r.int(0, 3)];	// grid points
	const base = r.int(0, 2000000000) * GRID;	// < 2^53 µs, a whole grid point
	const p = 0.2 + 0.1 * r.float();
	const pNoise = [0, 0.05, 0.15, 0.3][r.int(0, 3)];
	const pNullStep = r.chance(0.3) ? 0.02 + 0.06 * r.float() : 0;
	const pNullTs = r.chance(0.001) ? 1 : r.chance(0.1) ? 0.05 : 0;	// a few: every t NULL
	const pOff = r.chance(0.5) ? 0.1 : 0.02;
	const walk = kind === 'walk';
	let step = 0, idx = 0;
	const out = [];
	for (let j = 0; j < k; j++) {
		let ti;
		if (walk) {	// times mostly increasing with the walk
			idx += r.chance(0.3) ? 0 : r.int(1, 3);
			ti = r.chance(0.1) ? r.int(0, Math.max(idx, 1)) : idx;
		} else {
			ti = r.int(0, span);
		}
		let t = base + ti * GRID;
		if (r.chance(pOff)) {
			const u = r.int(0, 4);
			t += u === 0 ? 1 : u === 1 ? -1 : u === 2 ? GRID / 2 : r.int(1, GRID - 1);
		}
		if (t < 0) t = 0;
		let m;
		if (r.chance(pNoise)) {
			m = 0;
		} else if (walk) {
			m = (1 << step) | randomBits(r, 0.03);
			const u = r.float();
			if (u < 0.6) step = Math.min(step + 1, 31);
			else if (u < 0.7) step = Math.max(step - 1, 0);
			else if (u < 0.75) step = 0;
		} else {
			m = randomBits(r, p);
		}
		const nm = pNullStep > 0 ? randomBits(r, pNullStep) : 0;
		out.push([t, r.chance(pNullTs), m >>> 0, nm]);
	}
	for (let j = out.length - 1; j > 0; j--) {	// input order must never matter
		const i = r.int(0, j);
		const x = out[i]; out[i] = out[j]; out[j] = x;
	}
	for (const [t, tn, m, nm] of out) rows.push(id, t, tn, m, nm);
}

// opts: seed, customers, medium, heavy, heavyMin, heavyMax
function generate(opts) {
	const r = rng(opts.seed);
	const rows = new Rows(1 << 20);
	const kinds = [];
	for (let id = 1; id <= opts.customers; id++) {
		const u = r.float();
		const kind = u < 0.6 ? 'random' : u < 0.9 ? 'walk' : 'burst';
		const k = r.chance(0.3) ? r.int(1, 6) : r.int(1, 50);
		customer(r, rows, id, k, kind);
	}
	for (let i = 1; i <= (opts.medium || 0); i++)
		customer(r, rows, MEDIUM_BASE + i, r.int(100, 400), r.chance(0.5) ? 'random' : 'walk');
	for (let i = 1; i <= (opts.heavy || 0); i++)
		customer(r, rows, HEAVY_BASE + i, r.int(opts.heavyMin || 10000, opts.heavyMax || 30000),
			i % 2 ? 'heavy' : 'walk');
	return rows;
}

// TSV: c, t (\N when NULL), m, nm
function writeTsv(rows, path) {
	const fd = fs.openSync(path, 'w');
	const chunk = 65536;
	for (let s = 0; s < rows.n; s += chunk) {
		const e = Math.min(rows.n, s + chunk);
		let buf = '';
		for (let i = s; i < e; i++)
			buf += rows.c[i] + '\t' + (rows.tnull[i] ? '\\N' : rows.t[i]) + '\t' + rows.m[i] + '\t' + rows.nm[i] + '\n';
		fs.writeSync(fd, buf);
	}
	fs.closeSync(fd);
}

module.exports = { rng, generate, writeTsv, GRID, MEDIUM_BASE, HEAVY_BASE };

if (require.main === module) {
	const a = process.argv.slice(2);
	const arg = (name, dflt) => { const i = a.indexOf('--' + name); return i >= 0 ? a[i + 1] : dflt; };
	const rows = generate({
		seed: Number(arg('seed', 1)), customers: Number(arg('customers', 100000)),
		medium: Number(arg('medium', 0)), heavy: Number(arg('heavy', 0)),
	});
	writeTsv(rows, arg('out', '/dev/stdout'));
	process.stderr.write(`${rows.n} rows\n`);
}
