/*
 * placement_core.c
 *		Pure-C kernel of benchmark placement (see placement_core.h).
 *
 * Percentile rank (metrics.md 3.2): the counts of peers below and equal to
 * x, from one pass over unsorted values or two binary searches over sorted
 * ones, and the rank in percent under a tie rule.
 *
 * Placement from quantiles (metrics.md 3.3): levels q1 < ... < qm in [0, 1],
 * values v1 <= ... <= vm; inside [v1, vm] linear interpolation on the
 * segment with vj < x < vj+1, or the middle of the run of values equal to x;
 * outside, no result or the clamped level.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement_core.h"

/* whether len bytes at str spell the NUL-terminated word */
static bool
WordEquals(const char *str, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(str, word, len) == 0;
}

bool
placement_parse_ties(const char *str, size_t len, PlacementTies *ties)
{
	if (WordEquals(str, len, "mid"))
		*ties = PLACEMENT_TIES_MID;
	else if (WordEquals(str, len, "below"))
		*ties = PLACEMENT_TIES_BELOW;
	else if (WordEquals(str, len, "at-or-below"))
		*ties = PLACEMENT_TIES_AT_OR_BELOW;
	else
		return false;
	return true;
}

bool
placement_parse_outside(const char *str, size_t len, PlacementOutside *outside)
{
	if (WordEquals(str, len, "null"))
		*outside = PLACEMENT_OUTSIDE_NULL;
	else if (WordEquals(str, len, "clamp"))
		*outside = PLACEMENT_OUTSIDE_CLAMP;
	else
		return false;
	return true;
}

/*
 * Print a double for a message as PostgreSQL prints float8 (NaN, Infinity),
 * with %g precision: messages need not round-trip.
 */
static const char *
FormatDouble(double v, char *buf, size_t buflen)
{
	if (isnan(v))
		return "NaN";
	if (isinf(v))
		return v > 0 ? "Infinity" : "-Infinity";
	snprintf(buf, buflen, "%g", v);
	return buf;
}

static int
CompareDoubles(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

void
placement_sort(double *values, size_t n)
{
	if (n > 1)
		qsort(values, n, sizeof(double), CompareDoubles);
}

/*
 * The binary searches are branch-free (the compiler emits a conditional
 * move): the window [base, base + n) always holds the answer, and halves on
 * every step whatever the comparison says, so there is nothing to mispredict
 * when a query's values fall anywhere in the peers.
 */
size_t
placement_lower_bound(const double *sorted, size_t n, double x)
{
	const double *base = sorted;

	if (n == 0)
		return 0;
	while (n > 1)
	{
		size_t		half = n / 2;

		base = (base[half - 1] < x) ? base + half : base;
		n -= half;
	}
	return (size_t) (base - sorted) + (*base < x);
}

size_t
placement_upper_bound(const double *sorted, size_t n, double x)
{
	const double *base = sorted;

	if (n == 0)
		return 0;
	while (n > 1)
	{
		size_t		half = n / 2;

		base = (base[half - 1] <= x) ? base + half : base;
		n -= half;
	}
	return (size_t) (base - sorted) + (*base <= x);
}

PlacementCounts
placement_count_sorted(const double *sorted, size_t n, double x)
{
	PlacementCounts c;
	size_t		lo = placement_lower_bound(sorted, n, x);

	c.below = lo;
	/* most values equal no peer: skip the second search then */
	if (lo < n && sorted[lo] == x)
		c.equal = placement_upper_bound(sorted + lo, n - lo, x);
	else
		c.equal = 0;
	return c;
}

PlacementCounts
placement_count_unsorted(const double *values, size_t n, double x)
{
	PlacementCounts c = {0, 0};

	for (size_t i = 0; i < n; i++)
	{
		c.below += values[i] < x;
		c.equal += values[i] == x;
	}
	return c;
}

/*
 * below + equal / 2 is a multiple of 1/2 below 2^52, so it is exact; 100
 * times it is an integer, exact below 2^53; the division is the one rounding.
 * The plain-SQL formula 100.0::float8 * (below + 0.5 * equal) / count gives
 * the same bits.
 */
double
placement_rank_percent(PlacementCounts c, size_t n, PlacementTies ties)
{
	switch (ties)
	{
		case PLACEMENT_TIES_BELOW:
			return 100.0 * (double) c.below / (double) n;
		case PLACEMENT_TIES_AT_OR_BELOW:
			return 100.0 * (double) (c.below + c.equal) / (double) n;
		case PLACEMENT_TIES_MID:
		default:
			return 100.0 * ((double) c.below + 0.5 * (double) c.equal) / (double) n;
	}
}

PlacementStatus
placement_check_quantiles(const double *levels, const double *values, size_t m,
						  char *msg, size_t msglen)
{
	char		a[32],
				b[32];

	if (m < 2)
	{
		snprintf(msg, msglen, "a quantile table needs at least 2 quantiles, got %zu", m);
		return PLACEMENT_TOO_SHORT;
	}
	for (size_t i = 0; i < m; i++)
	{
		/* written so that NaN fails too */
		if (!(levels[i] >= 0.0 && levels[i] <= 1.0))
		{
			snprintf(msg, msglen, "quantile level %s at position %zu is out of range 0..1",
					 FormatDouble(levels[i], a, sizeof(a)), i + 1);
			return PLACEMENT_BAD_LEVEL;
		}
		if (!isfinite(values[i]))
		{
			snprintf(msg, msglen, "quantile value %s at position %zu is not finite",
					 FormatDouble(values[i], a, sizeof(a)), i + 1);
			return PLACEMENT_BAD_VALUE;
		}
	}
	for (size_t i = 1; i < m; i++)
	{
		if (!(levels[i - 1] < levels[i]))
		{
			snprintf(msg, msglen, "quantile levels are not strictly increasing: "
					 "level %s at position %zu follows %s",
					 FormatDouble(levels[i], a, sizeof(a)), i + 1,
					 FormatDouble(levels[i - 1], b, sizeof(b)));
			return PLACEMENT_UNORDERED;
		}
		if (!(values[i - 1] <= values[i]))
		{
			snprintf(msg, msglen, "quantile values are decreasing: "
					 "value %s at position %zu follows %s",
					 FormatDouble(values[i], a, sizeof(a)), i + 1,
					 FormatDouble(values[i - 1], b, sizeof(b)));
			return PLACEMENT_UNORDERED;
		}
	}
	return PLACEMENT_OK;
}

bool
placement_interpolate(const double *levels, const double *values, size_t m,
					  double x, PlacementOutside outside, double *percent)
{
	size_t		lo,
				hi,
				j;
	double		qj,
				qk,
				frac,
				q;

	if (x < values[0] || x > values[m - 1])
	{
		if (outside == PLACEMENT_OUTSIDE_NULL)
			return false;
		*percent = 100.0 * (x < values[0] ? levels[0] : levels[m - 1]);
		return true;
	}

	/* values[lo .. hi - 1] are the ones equal to x */
	lo = placement_lower_bound(values, m, x);
	hi = placement_upper_bound(values + lo, m - lo, x) + lo;
	if (lo < hi)
	{
		/* on a quantile: the middle of its run (the level itself if alone) */
		*percent = 100.0 * ((levels[lo] + levels[hi - 1]) / 2.0);
		return true;
	}

	/* values[lo - 1] < x < values[lo], 0 < lo < m: one rising segment */
	j = lo - 1;
	qj = levels[j];
	qk = levels[j + 1];
	if (isfinite(values[j + 1] - values[j]))
		frac = (qk - qj) * (x - values[j]) / (values[j + 1] - values[j]);
	else
	{
		/* the span overflows: the same ratio on halved values */
		frac = (qk - qj) * (x / 2.0 - values[j] / 2.0) /
			(values[j + 1] / 2.0 - values[j] / 2.0);
	}
	q = qj + frac;
	/* rounding must not leave the segment */
	if (q < qj)
		q = qj;
	if (q > qk)
		q = qk;
	*percent = 100.0 * q;
	return true;
}
