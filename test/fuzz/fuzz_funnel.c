/*
 * fuzz_funnel.c
 *		libFuzzer harness for the window_funnel kernel: the mode parser, the
 *		sort and the evaluation (scan, strict_once matching, attempts,
 *		exclusions).  The bytes give the parameters and a group of rows on a
 *		small time grid (many ties, rows matching several steps).  Whatever
 *		the input, the evaluation must finish without a sanitizer report and
 *		its result must be consistent:
 *		- level in 0..N, or -1 only with exclusions;
 *		- the level does not depend on whether times are asked for (without
 *		  exclusions) nor on the input order (except strict_deduplication
 *		  with strict_once, where tied multi-step rows are taken in input
 *		  order by definition);
 *		- the reported times are level long, each a time at which a row
 *		  matches that step, non-decreasing (strictly under strict_increase),
 *		  all inside the window of the first;
 *		- when every row packs into 8 bytes, the packed rows give the same
 *		  level and times (funnel_evaluate_packed) as the same rows in the
 *		  same input order as FunnelRows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "funnel_core.h"

static uint32_t
take(const uint8_t **p, size_t *left, int bytes)
{
	uint32_t	v = 0;

	for (int i = 0; i < bytes; i++)
	{
		v <<= 8;
		if (*left > 0)
		{
			v |= **p;
			(*p)++;
			(*left)--;
		}
	}
	return v;
}

static void
evaluate(const FunnelParams *p, FunnelRow *rows, size_t n, bool times, FunnelResult *res)
{
	FunnelRow  *tmp = malloc((n + 1) * sizeof(FunnelRow));
	size_t		size;
	void	   *scratch;

	funnel_sort(rows, n, tmp, NULL);
	for (size_t i = 1; i < n; i++)
		if (rows[i - 1].ts > rows[i].ts)
			abort();
	size = funnel_scratch_size(rows, n, p, times);
	scratch = malloc(size + 8);
	funnel_evaluate(p, rows, n, times, scratch, NULL, res);
	free(scratch);
	free(tmp);
	if (res->inconsistent)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data;
	size_t		left = size;
	FunnelParams params;
	FunnelRow	rows[64],
				orig[64],
				rev[64];
	size_t		n;
	FunnelResult plain,
				timed,
				reversed;
	uint32_t	modes;
	const char *word;
	size_t		wordlen;
	uint32_t	stepmask;

	/* the whole input as a mode list: a status, never a crash */
	(void) funnel_parse_modes((const char *) data, size, &modes, &word, &wordlen);

	memset(&params, 0, sizeof(params));
	params.nsteps = 1 + take(&p, &left, 1) % FUNNEL_MAX_STEPS;
	if (params.nsteps > 6 && (take(&p, &left, 1) & 3) != 0)
		params.nsteps = 1 + params.nsteps % 6;	/* mostly short funnels */
	params.window = take(&p, &left, 1) % 8;
	if (params.window == 7)
		params.window = INT64_MAX;	/* saturation */
	params.modes = take(&p, &left, 1) & FUNNEL_KNOWN_MODES;
	if ((params.modes & FUNNEL_ALLOW_REENTRY) && !(params.modes & FUNNEL_STRICT_ORDER))
		params.modes |= FUNNEL_STRICT_ORDER;
	params.nexclusions = params.nsteps >= 2 ? take(&p, &left, 1) % 3 : 0;
	for (int x = 0; x < params.nexclusions; x++)
	{
		int			a = 1 + take(&p, &left, 1) % (params.nsteps - 1);
		int			b = a + 1 + take(&p, &left, 1) % (params.nsteps - a);

		params.excl_from[x] = (uint8_t) a;
		params.excl_to[x] = (uint8_t) b;
	}
	stepmask = params.nsteps == 32 ? UINT32_MAX : (UINT32_C(1) << params.nsteps) - 1;

	for (n = 0; n < 64 && left >= 3; n++)
	{
		uint32_t	t = take(&p, &left, 1);

		rows[n].ts = (t == 255) ? INT64_MAX : (t == 254) ? INT64_MIN : (int64_t) (t % 16);
		rows[n].steps = take(&p, &left, 1) & stepmask;
		if (params.nsteps > 8)
			rows[n].steps |= (take(&p, &left, 2) << 8) & stepmask;
		rows[n].exclusions = take(&p, &left, 1) & ((UINT32_C(1) << params.nexclusions) - 1);
	}
	memcpy(orig, rows, n * sizeof(FunnelRow));
	for (size_t i = 0; i < n; i++)
		rev[i] = orig[n - 1 - i];

	evaluate(&params, rows, n, false, &plain);
	memcpy(rows, orig, n * sizeof(FunnelRow));
	evaluate(&params, rows, n, true, &timed);
	evaluate(&params, rev, n, false, &reversed);

	if (plain.level < -1 || plain.level > params.nsteps)
		abort();
	if (plain.level == -1 && params.nexclusions == 0)
		abort();
	if (plain.level != timed.level)
		abort();
	if (reversed.level != plain.level &&
		(params.modes & (FUNNEL_STRICT_DEDUPLICATION | FUNNEL_STRICT_ONCE)) !=
		(FUNNEL_STRICT_DEDUPLICATION | FUNNEL_STRICT_ONCE))
		abort();
	if (timed.level == -1)
	{
		if (!timed.times_null)
			abort();
	}
	else
	{
		if (timed.times_null || timed.ntimes != timed.level)
			abort();
		for (int k = 0; k < timed.ntimes; k++)
		{
			bool		found = false;

			for (size_t r = 0; r < n; r++)
				if (rows[r].ts == timed.times[k] && (rows[r].steps >> k) & 1)
					found = true;
			if (!found)
				abort();
			if (k > 0 && (timed.times[k] < timed.times[k - 1] ||
						  ((params.modes & FUNNEL_STRICT_INCREASE) && timed.times[k] == timed.times[k - 1])))
				abort();
			if (timed.times[0] != INT64_MIN && timed.times[0] != INT64_MAX &&
				timed.times[k] - timed.times[0] > params.window && timed.times[k] != INT64_MAX)
				abort();
		}
	}

	/* the packed evaluation of the same rows in the same order */
	{
		FunnelPackedRow packed[64],
					ptmp[64];
		bool		all = true;

		for (size_t i = 0; i < n && all; i++)
		{
			all = funnel_packable(orig[i].ts, orig[i].steps, orig[i].exclusions);
			packed[i] = funnel_pack(orig[i].ts, orig[i].steps);
		}
		if (all)
		{
			FunnelResult pl;
			size_t		size;
			void	   *scratch;

			funnel_sort_packed(packed, n, ptmp, NULL);
			for (size_t i = 0; i < n; i++)
				if (funnel_packed_ts(packed[i]) != rows[i].ts ||
					funnel_packed_steps(packed[i]) != rows[i].steps)
					abort();	/* not the stable order funnel_sort gave */
			size = funnel_scratch_size_packed(packed, n, &params, true);
			if (size != funnel_scratch_size(rows, n, &params, true))
				abort();
			scratch = malloc(size + 8);
			funnel_evaluate_packed(&params, packed, n, true, scratch, NULL, &pl);
			if (pl.level != timed.level || pl.ntimes != timed.ntimes ||
				pl.times_null != timed.times_null || pl.inconsistent ||
				memcmp(pl.times, timed.times, sizeof(int64_t) * pl.ntimes) != 0)
				abort();
			free(scratch);
		}
	}
	return 0;
}
