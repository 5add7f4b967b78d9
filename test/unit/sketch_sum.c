/*
 * sketch_sum.c
 *		Unit test of the exact sum of journey.quantile_sketch (sketch_core.h,
 *		"Exact sum"): the terms of hand-derived sums (ties, subnormals,
 *		overflow, cancellation, signs), independence from the order of the
 *		adds, and random sums of integers checked against 128-bit integer
 *		arithmetic (C converts an integer to double correctly rounded).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sketch_core.h"

static int	failures;

/* the terms of the sum of xs[0..n-1], compared with want[0..nwant-1] */
static void
check(const char *name, const double *xs, int n, const double *want, int nwant)
{
	int64_t		acc[SKETCH_ACC_LIMBS];
	double		terms[SKETCH_MAX_SUM_TERMS];
	int			got;
	int			ok;

	memset(acc, 0, sizeof(acc));
	for (int i = 0; i < n; i++)
		sketch_acc_add(acc, xs[i]);
	got = sketch_acc_terms(acc, terms);
	ok = got == nwant;
	for (int i = 0; ok && i < got; i++)
		ok = memcmp(&terms[i], &want[i], sizeof(double)) == 0;
	if (!ok)
	{
		failures++;
		printf("FAIL %s: got %d terms:", name, got);
		for (int i = 0; i < got; i++)
			printf(" %a", terms[i]);
		printf("; want %d:", nwant);
		for (int i = 0; i < nwant; i++)
			printf(" %a", want[i]);
		printf("\n");
	}
}

#define CHECK(name, xs, want) \
	check(name, xs, (int) (sizeof(xs) / sizeof(xs[0])), want, (int) (sizeof(want) / sizeof(want[0])))

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int
main(void)
{
	double		e53 = ldexp(1, -53),
				e52 = ldexp(1, -52),
				tiny = ldexp(1, -1074);

	{
		/* a tie rounds to even (1), the rest is the half ulp */
		double		xs[] = {1, e53};
		double		want[] = {1, e53};

		CHECK("tie to even, down", xs, want);
	}
	{
		/* a tie from an odd mantissa rounds up */
		double		xs[] = {1 + e52, e53};
		double		want[] = {1 + 2 * e52, -e53};

		CHECK("tie to even, up", xs, want);
	}
	{
		/* just above the tie rounds up; the rest 2^-105 - 2^-53 is one double */
		double		xs[] = {1, e53, ldexp(1, -105)};
		double		want[] = {1 + e52, -(e53 - ldexp(1, -105))};

		CHECK("above the tie", xs, want);
	}
	{
		/* negative: -1 - 2^-53 is a tie, to -1, rest -2^-53 */
		double		xs[] = {-1, -e53};
		double		want[] = {-1, -e53};

		CHECK("negative tie", xs, want);
	}
	{
		/* subnormals add exactly */
		double		xs[] = {tiny, tiny, tiny};
		double		want[] = {3 * tiny};

		CHECK("subnormals", xs, want);
	}
	{
		/* cancellation leaves the small value */
		double		xs[] = {1e308, 1e-308, -1e308};
		double		want[] = {1e-308};

		CHECK("cancellation", xs, want);
	}
	{
		/* the extremes: DBL_MAX - DBL_MAX + tiny, with -tiny the other way */
		double		xs[] = {DBL_MAX, tiny, -DBL_MAX, -tiny, -tiny};
		double		want[] = {-tiny};

		CHECK("extremes", xs, want);
	}
	{
		/* beyond the double range: one infinite term */
		double		xs[] = {DBL_MAX, DBL_MAX};
		double		want[] = {INFINITY};

		CHECK("overflow", xs, want);
	}
	{
		/* DBL_MAX + half its ulp is a tie from an odd mantissa: overflows */
		double		xs[] = {DBL_MAX, ldexp(1, 970)};
		double		want[] = {INFINITY};

		CHECK("overflow at the tie", xs, want);
	}
	{
		/*
		 * ... and just under the tie stays DBL_MAX; the rest 2^970 - 2^-1074
		 * rounds to 2^970, which leaves -2^-1074
		 */
		double		xs[] = {DBL_MAX, ldexp(1, 970), -tiny};
		double		want[] = {DBL_MAX, ldexp(1, 970), -tiny};

		CHECK("under the tie", xs, want);
	}
	{
		/* zero and negative zero have no terms */
		double		xs[] = {0.0, -0.0, 5, -5};
		int64_t		acc[SKETCH_ACC_LIMBS];
		double		terms[SKETCH_MAX_SUM_TERMS];

		memset(acc, 0, sizeof(acc));
		for (int i = 0; i < 4; i++)
			sketch_acc_add(acc, xs[i]);
		if (sketch_acc_terms(acc, terms) != 0)
		{
			failures++;
			printf("FAIL zero sum has terms\n");
		}
	}
	{
		/*
		 * deferred carries: limb 0 after 2^30 subtractions of 2^32, limb 1
		 * after 2^30 adds of 2^32: N = 2^94 - 2^62 = (2^32 - 1) 2^62
		 */
		int64_t		acc[SKETCH_ACC_LIMBS];
		double		terms[SKETCH_MAX_SUM_TERMS];

		memset(acc, 0, sizeof(acc));
		acc[0] = -(INT64_C(1) << 62);
		acc[1] = INT64_C(1) << 62;
		if (sketch_acc_terms(acc, terms) != 1 ||
			terms[0] != ldexp(4294967295.0, 62 - 1074))
		{
			failures++;
			printf("FAIL deferred carries: %a\n", terms[0]);
		}
	}

	/*
	 * Random integers k 2^j (k < 2^53, j < 60, signs mixed): the exact sum in
	 * __int128, its terms by converting and subtracting, in any add order.
	 */
	for (int round = 0; round < 2000; round++)
	{
		int			n = 1 + (int) (next() % 300);
		double	   *xs = malloc(sizeof(double) * n);
		__int128	s = 0;
		double		want[8];
		int			nwant = 0;

		for (int i = 0; i < n; i++)
		{
			int64_t		k = (int64_t) (next() >> 11);
			int			j = (int) (next() % 60);
			__int128	v = (__int128) k << j;

			if (next() & 1)
				v = -v;
			xs[i] = (double) v;	/* exact: 53 significant bits */
			s += v;
		}
		while (s != 0)
		{
			double		t = (double) s;

			want[nwant++] = t;
			s -= (__int128) t;
		}
		for (int shuffle = 0; shuffle < 3; shuffle++)
		{
			char		name[64];

			snprintf(name, sizeof(name), "random %d order %d", round, shuffle);
			check(name, xs, n, want, nwant);
			for (int i = n - 1; i > 0; i--)
			{
				int			r = (int) (next() % (uint64_t) (i + 1));
				double		t = xs[i];

				xs[i] = xs[r];
				xs[r] = t;
			}
		}
		free(xs);
	}

	printf("sketch_sum: %s\n", failures ? "FAILED" : "ok");
	return failures != 0;
}
