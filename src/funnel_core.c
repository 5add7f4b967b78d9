/*
 * funnel_core.c
 *		Kernel of journey.window_funnel: mode parsing, the stable sort, the
 *		reference scan of funnels.md 1.4 (all modes), and the attempts of 2
 *		(time to convert) and 3 (exclusion steps).
 *
 * Scan.  Per level k the scan keeps the start of the latest-starting chain
 * that has reached k so far (live[k]); starts only move forward, so that
 * start is the best one for every later window test and the greedy scan is
 * exact.  Rows are taken one instant (tie group) at a time; inside a group
 * the entries come in step order, rows in input order.  strict_increase
 * extends level k - 1 -> k only from the starts as they were before the
 * current instant (snap[]), so that one instant never fills two steps.
 * strict_once allows several steps at one instant only when distinct rows
 * fill them: a chain reaching level k at instant t uses rows of t for a run
 * of steps j..k, and the latest start is the one with the smallest feasible
 * j, found by an incremental bipartite matching (steps j..k-1 to rows of
 * the instant).  Between instants only the latest start per level matters,
 * since later entries use other rows.
 *
 * Matching.  Steps are at most 32, so a step with at least 32 candidate
 * rows can always be matched last; keeping the first FUNNEL_CANDIDATES
 * rows per step (one more, for the row being tested) bounds the work per
 * instant whatever its number of rows.
 */
#include "funnel_core.h"

#include <string.h>

#define FUNNEL_CANDIDATES	(FUNNEL_MAX_STEPS + 1)
#define CHECK_EVERY			4096

#define BIT(k)		(UINT64_C(1) << (k))

/* ---------------------------------------------------------------------
 * Modes
 * --------------------------------------------------------------------- */

static const struct
{
	const char *name;
	uint32_t	bit;
}			mode_words[] =
{
	{"strict_deduplication", FUNNEL_STRICT_DEDUPLICATION},
	{"strict_order", FUNNEL_STRICT_ORDER},
	{"strict_increase", FUNNEL_STRICT_INCREASE},
	{"strict_once", FUNNEL_STRICT_ONCE},
	{"allow_reentry", FUNNEL_ALLOW_REENTRY},
};

#define N_MODE_WORDS	(sizeof(mode_words) / sizeof(mode_words[0]))

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

FunnelModeError
funnel_parse_modes(const char *s, size_t len, uint32_t *modes,
				   const char **word, size_t *wordlen)
{
	size_t		i = 0;
	uint32_t	m = 0;
	bool		blank = true;

	for (size_t k = 0; k < len; k++)
		if (!is_space(s[k]))
			blank = false;
	*modes = 0;
	if (blank)
		return FUNNEL_MODE_OK;	/* '' = default */

	for (;;)
	{
		size_t		b = i,
					e;
		bool		found = false;

		while (i < len && s[i] != ',')
			i++;
		e = i;
		while (b < e && is_space(s[b]))
			b++;
		while (e > b && is_space(s[e - 1]))
			e--;
		for (size_t w = 0; w < N_MODE_WORDS; w++)
			if (strlen(mode_words[w].name) == e - b &&
				memcmp(mode_words[w].name, s + b, e - b) == 0)
			{
				m |= mode_words[w].bit;
				found = true;
			}
		if (!found)
		{
			*word = s + b;
			*wordlen = e - b;
			return (e - b == 6 && memcmp(s + b, "strict", 6) == 0) ?
				FUNNEL_MODE_LEGACY_STRICT : FUNNEL_MODE_UNKNOWN;
		}
		if (i >= len)
			break;
		i++;					/* the comma */
	}
	if ((m & FUNNEL_ALLOW_REENTRY) && !(m & FUNNEL_STRICT_ORDER))
		return FUNNEL_MODE_REENTRY_ALONE;
	*modes = m;
	return FUNNEL_MODE_OK;
}

const char *
funnel_modes_name(uint32_t modes)
{
	static char buf[128];
	size_t		len = 0;

	buf[0] = '\0';
	for (size_t w = 0; w < N_MODE_WORDS; w++)
		if (modes & mode_words[w].bit)
		{
			size_t		l = strlen(mode_words[w].name);

			if (len > 0)
				buf[len++] = ',';
			memcpy(buf + len, mode_words[w].name, l + 1);
			len += l;
		}
	return buf;
}

/* ---------------------------------------------------------------------
 * Sort
 * --------------------------------------------------------------------- */

/*
 * Rows of either width: FunnelRows, or packed rows.  The functions that
 * take both are always inlined into one function per width, so the width
 * is a constant there.
 */
#define ALWAYS_INLINE inline __attribute__((always_inline))

static ALWAYS_INLINE int64_t
row_ts(const void *rows, bool packed, size_t i)
{
	return packed ? funnel_packed_ts(((const FunnelPackedRow *) rows)[i])
		: ((const FunnelRow *) rows)[i].ts;
}

static ALWAYS_INLINE uint32_t
row_steps(const void *rows, bool packed, size_t i)
{
	return packed ? funnel_packed_steps(((const FunnelPackedRow *) rows)[i])
		: ((const FunnelRow *) rows)[i].steps;
}

static ALWAYS_INLINE uint32_t
row_exclusions(const void *rows, bool packed, size_t i)
{
	return packed ? 0 : ((const FunnelRow *) rows)[i].exclusions;
}

static ALWAYS_INLINE void
copy_row(void *dst, size_t di, const void *src, size_t si, bool packed)
{
	if (packed)
		((FunnelPackedRow *) dst)[di] = ((const FunnelPackedRow *) src)[si];
	else
		((FunnelRow *) dst)[di] = ((const FunnelRow *) src)[si];
}

/* stable sort by time; tmp holds n rows */
static ALWAYS_INLINE void
sort_rows(void *rows, size_t n, void *tmp, bool packed, FunnelInterruptCheck check)
{
	void	   *src = rows,
			   *dst = tmp;
	size_t		width;
	bool		sorted = true;

	for (size_t i = 1; i < n && sorted; i++)
		sorted = row_ts(rows, packed, i - 1) <= row_ts(rows, packed, i);
	if (sorted)
		return;

	/* a customer's few rows: insertion sort (stable, no copying passes) */
	if (n <= 32)
	{
		for (size_t i = 1; i < n; i++)
		{
			union
			{
				FunnelRow	wide;
				FunnelPackedRow packed;
			}			r;
			int64_t		t = row_ts(rows, packed, i);
			size_t		j = i;

			copy_row(&r, 0, rows, i, packed);
			while (j > 0 && row_ts(rows, packed, j - 1) > t)
			{
				copy_row(rows, j, rows, j - 1, packed);
				j--;
			}
			copy_row(rows, j, &r, 0, packed);
		}
		return;
	}

	/* bottom-up merge sort: stable, n log n, no recursion */
	for (width = 1; width < n; width *= 2)
	{
		for (size_t lo = 0; lo < n; lo += 2 * width)
		{
			size_t		mid = lo + width < n ? lo + width : n;
			size_t		hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t		a = lo,
						b = mid,
						o = lo;

			while (a < mid && b < hi)
			{
				if (row_ts(src, packed, b) < row_ts(src, packed, a))
					copy_row(dst, o++, src, b++, packed);
				else
					copy_row(dst, o++, src, a++, packed);
			}
			while (a < mid)
				copy_row(dst, o++, src, a++, packed);
			while (b < hi)
				copy_row(dst, o++, src, b++, packed);
		}
		if (check)
			check();
		{
			void	   *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != rows)
		memcpy(rows, src, n * (packed ? sizeof(FunnelPackedRow) : sizeof(FunnelRow)));
}

void
funnel_sort(FunnelRow *rows, size_t n, FunnelRow *tmp, FunnelInterruptCheck check)
{
	sort_rows(rows, n, tmp, false, check);
}

void
funnel_sort_packed(FunnelPackedRow *rows, size_t n, FunnelPackedRow *tmp,
				   FunnelInterruptCheck check)
{
	sort_rows(rows, n, tmp, true, check);
}

/* ---------------------------------------------------------------------
 * Window arithmetic
 * --------------------------------------------------------------------- */

/*
 * The last instant inside the window of a chain started at start: an
 * infinite start stays infinite (as timestamp + interval does), a finite
 * one saturates below +infinity.
 */
static inline int64_t
window_end(int64_t start, int64_t window)
{
	if (start == FUNNEL_TS_NOBEGIN || start == FUNNEL_TS_NOEND)
		return start;
	if (start > FUNNEL_TS_NOEND - 1 - window)
		return FUNNEL_TS_NOEND - 1;
	return start + window;
}

/* ---------------------------------------------------------------------
 * Matching of steps to the distinct rows of one instant (strict_once)
 * --------------------------------------------------------------------- */

typedef struct Matcher
{
	/* per row (index into the sorted rows); valid when *_epoch matches */
	uint32_t   *owner;			/* step the row is matched to */
	uint32_t   *owner_epoch;
	uint32_t   *visit_epoch;
	uint32_t	epoch;
	uint32_t	visit;
	size_t		nrows;
	/* candidate rows per step at the current instant */
	int			ncand[FUNNEL_MAX_STEPS + 1];
	uint32_t	cand[FUNNEL_MAX_STEPS + 1][FUNNEL_CANDIDATES];
	/* rows used by the last matching, per step */
	uint32_t	step_row[FUNNEL_MAX_STEPS + 1];
} Matcher;

static void
matcher_init(Matcher *m, void *scratch, size_t nrows)
{
	uint32_t   *base = (uint32_t *) scratch;

	m->owner = base;
	m->owner_epoch = base + nrows;
	m->visit_epoch = base + 2 * nrows;
	memset(m->owner_epoch, 0, nrows * sizeof(uint32_t));
	memset(m->visit_epoch, 0, nrows * sizeof(uint32_t));
	m->epoch = 0;
	m->visit = 0;
	m->nrows = nrows;
}

/* epochs wrap after 2^32 matchings: start the stamps over */
static void
matcher_tick(Matcher *m, uint32_t *counter)
{
	if (*counter == UINT32_MAX)
	{
		memset(m->owner_epoch, 0, m->nrows * sizeof(uint32_t));
		memset(m->visit_epoch, 0, m->nrows * sizeof(uint32_t));
		m->epoch = 0;
		m->visit = 0;
	}
	(*counter)++;
}

/*
 * Kuhn's augmenting path from step.  The depth is bounded by the number of
 * steps (each level of the recursion moves to another matched step).
 */
static bool
augment(Matcher *m, int step, uint32_t excluded)
{
	for (int c = 0; c < m->ncand[step]; c++)
	{
		uint32_t	r = m->cand[step][c];

		if (r == excluded || m->visit_epoch[r] == m->visit)
			continue;
		m->visit_epoch[r] = m->visit;
		if (m->owner_epoch[r] != m->epoch || augment(m, (int) m->owner[r], excluded))
		{
			m->owner[r] = (uint32_t) step;
			m->owner_epoch[r] = m->epoch;
			m->step_row[step] = r;
			return true;
		}
	}
	return false;
}

/*
 * The smallest j in lo..hi + 1 such that steps j..hi can be filled by
 * distinct candidate rows other than excluded (hi + 1: not even step hi).
 * Steps outside usable have no usable entries at this instant.
 */
static int
min_run(Matcher *m, int lo, int hi, uint32_t excluded, uint64_t usable)
{
	int			j = hi + 1;

	matcher_tick(m, &m->epoch);
	for (int i = hi; i >= lo; i--)
	{
		if (!(usable & BIT(i)))
			break;
		matcher_tick(m, &m->visit);
		if (!augment(m, i, excluded))
			break;
		j = i;
	}
	return j;
}

/* ---------------------------------------------------------------------
 * The scan (funnels.md 1.4)
 * --------------------------------------------------------------------- */

/*
 * The scanned prefix: every entry of rows before group_start; in the group
 * starting there, the entries of steps below step and those of step step
 * from rows before row.  No stop: group_start = n.
 */
typedef struct Prefix
{
	size_t		group_start;
	size_t		group_end;
	int			step;
	size_t		row;
} Prefix;

static inline bool
in_prefix(const Prefix *pf, size_t r, int step)
{
	if (r < pf->group_start)
		return true;
	if (r >= pf->group_end)
		return false;
	return step < pf->step || (step == pf->step && r < pf->row);
}

typedef struct ScanState
{
	int64_t		live[FUNNEL_MAX_STEPS + 1];
	uint64_t	reached;		/* bit k: level k reached */
	int64_t		snap[FUNNEL_MAX_STEPS + 1];
	uint64_t	snap_reached;
	int			level;
} ScanState;

static inline void
reach(ScanState *st, int k, int64_t start)
{
	if (!(st->reached & BIT(k)) || st->live[k] < start)
		st->live[k] = start;
	st->reached |= BIT(k);
	if (k > st->level)
		st->level = k;
}

/*
 * Run the scan; returns the level and sets *pf to the scanned prefix.  When
 * full is false the scan may end as soon as the last level is reached (the
 * prefix is then not needed).
 */
static ALWAYS_INLINE int
scan(const FunnelParams *p, const void *rows, bool packed, size_t n, bool full,
	 Matcher *matcher, FunnelInterruptCheck check, Prefix *pf)
{
	const int	N = p->nsteps;
	const int64_t W = p->window;
	const bool	dedup = (p->modes & FUNNEL_STRICT_DEDUPLICATION) != 0;
	const bool	order = (p->modes & FUNNEL_STRICT_ORDER) != 0;
	const bool	reentry = (p->modes & FUNNEL_ALLOW_REENTRY) != 0;
	const bool	increase = (p->modes & FUNNEL_STRICT_INCREASE) != 0;
	const bool	once = (p->modes & FUNNEL_STRICT_ONCE) != 0 && !increase;
	ScanState	st;
	bool		started = false;
	size_t		g0 = 0;
	size_t		work = 0;

	memset(&st, 0, sizeof(st));
	pf->group_start = pf->group_end = n;
	pf->step = 0;
	pf->row = 0;

	while (g0 < n)
	{
		const int64_t t = row_ts(rows, packed, g0);
		size_t		g1 = g0 + 1;
		uint32_t	present = row_steps(rows, packed, g0);
		uint64_t	usable = 0;	/* strict_once: steps with entries here */

		while (g1 < n && row_ts(rows, packed, g1) == t)
			present |= row_steps(rows, packed, g1++);

		if ((work += g1 - g0) >= CHECK_EVERY)
		{
			work = 0;
			if (check)
				check();
		}

		/* strict_order: a row matching no step interrupts a started funnel */
		if (order && started)
			for (size_t r = g0; r < g1; r++)
				if (row_steps(rows, packed, r) == 0)
				{
					pf->group_start = g0;
					pf->group_end = g1;
					pf->step = 0;
					pf->row = r;
					return st.level;
				}

		if (increase || once)
		{
			memcpy(st.snap, st.live, sizeof(st.live));
			st.snap_reached = st.reached;
		}
		if (once)
		{
			for (int k = 1; k <= N; k++)
				matcher->ncand[k] = 0;
			for (size_t r = g0; r < g1; r++)
			{
				uint32_t	s = row_steps(rows, packed, r);

				while (s)
				{
					int			k = __builtin_ctz(s) + 1;

					s &= s - 1;
					if (matcher->ncand[k] < FUNNEL_CANDIDATES)
						matcher->cand[k][matcher->ncand[k]++] = (uint32_t) r;
				}
			}
		}

		while (present)
		{
			const int	k = __builtin_ctz(present) + 1;
			/* strict_once: the smallest feasible run start without exclusion */
			int			base_j = -1;
			int			base_nused = 0;
			uint32_t	base_used[FUNNEL_MAX_STEPS];

			present &= present - 1;
			if (k == 1)
			{
				started = true;
				reach(&st, 1, t);
				usable |= BIT(1);
				continue;
			}
			for (size_t r = g0; r < g1; r++)
			{
				if (!(row_steps(rows, packed, r) & (UINT32_C(1) << (k - 1))))
					continue;
				if (dedup && (st.reached & BIT(k)))
					goto stop;
				if (order && started && !(st.reached & BIT(k - 1)))
				{
					if (reentry)
						continue;	/* skipped: the step stays unusable here */
					goto stop;
				}
				usable |= BIT(k);
				if (increase)
				{
					if ((st.snap_reached & BIT(k - 1)) && t <= window_end(st.snap[k - 1], W))
						reach(&st, k, st.snap[k - 1]);
				}
				else if (once)
				{
					int			j;
					bool		uses_r = false;

					if (base_j < 0)
					{
						base_j = min_run(matcher, 1, k - 1, UINT32_MAX, usable);
						base_nused = 0;
						for (int i = base_j; i <= k - 1; i++)
							base_used[base_nused++] = matcher->step_row[i];
					}
					for (int u = 0; u < base_nused; u++)
						uses_r |= base_used[u] == (uint32_t) r;
					j = uses_r ? min_run(matcher, 1, k - 1, (uint32_t) r, usable) : base_j;
					if (j == 1)
						reach(&st, k, t);
					else if ((st.snap_reached & BIT(j - 1)) && t <= window_end(st.snap[j - 1], W))
						reach(&st, k, st.snap[j - 1]);
				}
				else
				{
					if ((st.reached & BIT(k - 1)) && t <= window_end(st.live[k - 1], W))
						reach(&st, k, st.live[k - 1]);
				}
				continue;
		stop:
				pf->group_start = g0;
				pf->group_end = g1;
				pf->step = k;
				pf->row = r;
				return st.level;
			}
		}
		if (st.level == N && !full)
			return st.level;
		g0 = g1;
	}
	return st.level;
}

/* ---------------------------------------------------------------------
 * Attempts (funnels.md 2 and 3)
 * --------------------------------------------------------------------- */

typedef struct Lists
{
	/* per step: indices of the rows with an entry in the prefix, ascending */
	uint32_t   *step[FUNNEL_MAX_STEPS + 1];
	size_t		nstep[FUNNEL_MAX_STEPS + 1];
	/* per exclusion: indices of the rows where it is true */
	uint32_t   *excl[FUNNEL_MAX_EXCLUSIONS];
	size_t		nexcl[FUNNEL_MAX_EXCLUSIONS];
} Lists;

/* first position in list whose time is >= t (strictly > t if after) */
static ALWAYS_INLINE size_t
first_at(const void *rows, bool packed, const uint32_t *list, size_t n, int64_t t, bool after)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int64_t		v = row_ts(rows, packed, list[mid]);

		if (v < t || (after && v == t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * strict_once: can steps lo..hi all happen at instant t with distinct rows
 * (the entries of the prefix)?
 */
static ALWAYS_INLINE bool
run_fits(Matcher *m, const void *rows, bool packed, const Lists *ls, int lo, int hi, int64_t t)
{
	uint64_t	usable = 0;

	for (int i = lo; i <= hi; i++)
	{
		size_t		pos = first_at(rows, packed, ls->step[i], ls->nstep[i], t, false);

		m->ncand[i] = 0;
		while (pos < ls->nstep[i] && row_ts(rows, packed, ls->step[i][pos]) == t &&
			   m->ncand[i] < FUNNEL_CANDIDATES)
			m->cand[i][m->ncand[i]++] = ls->step[i][pos++];
		if (m->ncand[i] > 0)
			usable |= BIT(i);
	}
	return min_run(m, lo, hi, UINT32_MAX, usable) == lo;
}

/*
 * The attempt from start time s: the deepest valid chain from s with every
 * later step at its earliest time.  Returns its level; fills times.
 */
static ALWAYS_INLINE int
attempt(const FunnelParams *p, const void *rows, bool packed, const Lists *ls, Matcher *m,
		int64_t s, int64_t *times)
{
	const bool	increase = (p->modes & FUNNEL_STRICT_INCREASE) != 0;
	const bool	once = (p->modes & FUNNEL_STRICT_ONCE) != 0 && !increase;
	const int64_t end = window_end(s, p->window);
	int64_t		prev = s;
	int			run_lo = 1;		/* first step of the run at instant prev */
	int			level = 1;

	times[0] = s;
	for (int i = 2; i <= p->nsteps; i++)
	{
		size_t		pos = first_at(rows, packed, ls->step[i], ls->nstep[i], prev, increase);
		int64_t		t;

		if (pos >= ls->nstep[i])
			break;
		t = row_ts(rows, packed, ls->step[i][pos]);
		if (once && t == prev && !run_fits(m, rows, packed, ls, run_lo, i, t))
		{
			pos = first_at(rows, packed, ls->step[i], ls->nstep[i], prev, true);
			if (pos >= ls->nstep[i])
				break;
			t = row_ts(rows, packed, ls->step[i][pos]);
		}
		if (t > end)
			break;
		if (t != prev)
			run_lo = i;
		times[i - 1] = t;
		prev = t;
		level = i;
	}
	return level;
}

/* whether an exclusion event spoils the attempt of level L with times */
static ALWAYS_INLINE bool
spoiled(const FunnelParams *p, const void *rows, bool packed, const Lists *ls,
		int L, const int64_t *times)
{
	for (int x = 0; x < p->nexclusions; x++)
	{
		const int	a = p->excl_from[x],
					b = p->excl_to[x];
		size_t		pos;
		int64_t		v;

		if (L < a)
			continue;
		pos = first_at(rows, packed, ls->excl[x], ls->nexcl[x], times[a - 1], true);
		if (pos >= ls->nexcl[x])
			continue;
		v = row_ts(rows, packed, ls->excl[x][pos]);
		if (L >= b ? v < times[b - 1] : v <= window_end(times[0], p->window))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------------
 * Entry points
 * --------------------------------------------------------------------- */

static bool
needs_attempts(const FunnelParams *p, bool want_times)
{
	return want_times || p->nexclusions > 0;
}

static size_t
align8(size_t x)
{
	return (x + 7) & ~(size_t) 7;
}

static ALWAYS_INLINE size_t
scratch_size(const void *rows, bool packed, size_t n, const FunnelParams *p, bool want_times)
{
	size_t		size = 0;

	if ((p->modes & FUNNEL_STRICT_ONCE) && !(p->modes & FUNNEL_STRICT_INCREASE))
		size += align8(3 * n * sizeof(uint32_t));
	if (needs_attempts(p, want_times))
	{
		size_t		entries = 0;

		for (size_t r = 0; r < n; r++)
			entries += (size_t) __builtin_popcount(row_steps(rows, packed, r)) +
				(size_t) __builtin_popcount(row_exclusions(rows, packed, r));
		size += align8(entries * sizeof(uint32_t));
	}
	return size;
}

size_t
funnel_scratch_size(const FunnelRow *rows, size_t n, const FunnelParams *p, bool want_times)
{
	return scratch_size(rows, false, n, p, want_times);
}

size_t
funnel_scratch_size_packed(const FunnelPackedRow *rows, size_t n, const FunnelParams *p,
						   bool want_times)
{
	return scratch_size(rows, true, n, p, want_times);
}

static ALWAYS_INLINE void
evaluate_rows(const FunnelParams *p, const void *rows, bool packed, size_t n,
			  bool want_times, void *scratch, FunnelInterruptCheck check,
			  FunnelResult *res)
{
	const bool	attempts = needs_attempts(p, want_times);
	const bool	once = (p->modes & FUNNEL_STRICT_ONCE) && !(p->modes & FUNNEL_STRICT_INCREASE);
	char	   *next = (char *) scratch;
	Matcher		matcher;
	Prefix		pf;
	Lists		ls;
	int			L;
	size_t		nstarts;
	int64_t		batch_end = 0;	/* completion time of the current batch */
	size_t		batch_lo = 0,
				batch_hi = 0;	/* its starts: ls.step[1][lo..hi) */
	bool		in_batch = false;

	/* times[] is filled up to ntimes: no need to clear it */
	res->level = 0;
	res->ntimes = 0;
	res->times_null = false;
	res->inconsistent = false;
	/* no rows: no scratch (it may be NULL), and nothing to match */
	if (once && n > 0)
	{
		matcher_init(&matcher, next, n);
		next += align8(3 * n * sizeof(uint32_t));
	}

	/* full a constant in each copy: the level alone may stop early */
	L = attempts ? scan(p, rows, packed, n, true, &matcher, check, &pf)
		: scan(p, rows, packed, n, false, &matcher, check, &pf);
	res->level = L;
	if (!attempts || L == 0)
		return;

	/* index the prefix entries per step and the exclusion events */
	{
		uint32_t   *slot = (uint32_t *) next;

		for (int i = 1; i <= p->nsteps; i++)
		{
			size_t		cnt = 0;

			for (size_t r = 0; r < n; r++)
				cnt += (row_steps(rows, packed, r) >> (i - 1)) & 1;
			ls.step[i] = slot;
			ls.nstep[i] = 0;
			slot += cnt;
		}
		for (int x = 0; x < p->nexclusions; x++)
		{
			size_t		cnt = 0;

			for (size_t r = 0; r < n; r++)
				cnt += (row_exclusions(rows, packed, r) >> x) & 1;
			ls.excl[x] = slot;
			ls.nexcl[x] = 0;
			slot += cnt;
		}
		for (size_t r = 0; r < n; r++)
		{
			uint32_t	s = row_steps(rows, packed, r),
						e = row_exclusions(rows, packed, r);

			while (s)
			{
				int			i = __builtin_ctz(s) + 1;

				s &= s - 1;
				if (in_prefix(&pf, r, i))
					ls.step[i][ls.nstep[i]++] = (uint32_t) r;
			}
			while (e)
			{
				int			x = __builtin_ctz(e);

				e &= e - 1;
				if (x < p->nexclusions)
					ls.excl[x][ls.nexcl[x]++] = (uint32_t) r;
			}
		}
	}

	/*
	 * Walk the attempts by increasing start.  Their completion times do not
	 * decrease, so the attempts of level L come in batches of equal
	 * completion; inside a batch the latest start is reported first.  The
	 * first attempt that no exclusion spoils is the reported one.
	 */
	nstarts = ls.nstep[1];
	for (size_t a = 0; a <= nstarts; a++)
	{
		int64_t		times[FUNNEL_MAX_STEPS];
		int			lvl = 0;

		if (a < nstarts)
		{
			if (check && (a % CHECK_EVERY) == CHECK_EVERY - 1)
				check();
			/* one attempt per distinct start time: take the last tied row */
			if (a + 1 < nstarts && row_ts(rows, packed, ls.step[1][a + 1]) == row_ts(rows, packed, ls.step[1][a]))
				continue;
			lvl = attempt(p, rows, packed, &ls, &matcher, row_ts(rows, packed, ls.step[1][a]), times);
			if (lvl != L)
				continue;
			if (in_batch && times[L - 1] == batch_end)
			{
				batch_hi = a + 1;
				continue;
			}
		}
		if (in_batch)
		{
			/* the batch is complete: latest start first */
			for (size_t b = batch_hi; b-- > batch_lo;)
			{
				int64_t		bt[FUNNEL_MAX_STEPS];

				if (b + 1 < batch_hi && row_ts(rows, packed, ls.step[1][b + 1]) == row_ts(rows, packed, ls.step[1][b]))
					continue;
				if (attempt(p, rows, packed, &ls, &matcher, row_ts(rows, packed, ls.step[1][b]), bt) != L ||
					bt[L - 1] != batch_end)
					continue;
				if (!spoiled(p, rows, packed, &ls, L, bt))
				{
					memcpy(res->times, bt, L * sizeof(int64_t));
					res->ntimes = L;
					return;
				}
			}
		}
		if (a < nstarts)
		{
			in_batch = true;
			batch_end = times[L - 1];
			batch_lo = a;
			batch_hi = a + 1;
		}
	}

	/* every attempt of level L is spoiled: the customer is excluded */
	if (p->nexclusions == 0)
		res->inconsistent = true;
	res->level = -1;
	res->times_null = true;
}

void
funnel_evaluate(const FunnelParams *p, const FunnelRow *rows, size_t n,
				bool want_times, void *scratch, FunnelInterruptCheck check,
				FunnelResult *res)
{
	evaluate_rows(p, rows, false, n, want_times, scratch, check, res);
}

void
funnel_evaluate_packed(const FunnelParams *p, const FunnelPackedRow *rows, size_t n,
					   bool want_times, void *scratch, FunnelInterruptCheck check,
					   FunnelResult *res)
{
	evaluate_rows(p, rows, true, n, want_times, scratch, check, res);
}
