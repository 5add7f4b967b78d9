/*
 * placement_kernel.c
 *		Randomized check of the pure placement kernel: sorting, one-pass and
 *		binary-search counts and bounds against naive counts (with ties and
 *		infinities), and the range of interpolated placements.  Built with
 *		ASan and UBSan by test/sh/unit.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "placement_core.h"

int
main(void)
{
	srand(42);
	long checks = 0;
	for (int trial = 0; trial < 20000; trial++)
	{
		size_t n = rand() % 40;
		double v[64], s[64];
		for (size_t i = 0; i < n; i++) { int r = rand() % 12; v[i] = r == 0 ? -INFINITY : r == 11 ? INFINITY : (rand() % 8) / 2.0; s[i] = v[i]; }
		placement_sort(s, n);
		for (size_t i = 1; i < n; i++) if (s[i-1] > s[i]) { printf("unsorted\n"); return 1; }
		for (int k = -2; k < 20; k++)
		{
			double x = k == -2 ? -INFINITY : k == 19 ? INFINITY : k / 4.0 - 0.5;
			PlacementCounts a = placement_count_unsorted(v, n, x), b = placement_count_sorted(s, n, x);
			size_t lb = 0, ub = 0;
			for (size_t i = 0; i < n; i++) { lb += s[i] < x; ub += s[i] <= x; }
			if (a.below != lb || a.equal != ub - lb || b.below != lb || b.equal != ub - lb ||
				placement_lower_bound(s, n, x) != lb || placement_upper_bound(s, n, x) != ub)
			{ printf("mismatch n=%zu x=%g\n", n, x); return 1; }
			checks++;
		}
	}
	/* interpolation spot checks */
	double L[] = {0.1, 0.25, 0.5, 0.75, 0.9}, V[] = {10, 20, 20, 35, 50}, p;
	char msg[200];
	if (placement_check_quantiles(L, V, 5, msg, sizeof msg) != PLACEMENT_OK) return 1;
	for (double x = 9; x <= 51; x += 0.125)
	{
		bool ok = placement_interpolate(L, V, 5, x, PLACEMENT_OUTSIDE_NULL, &p);
		if (ok != (x >= 10 && x <= 50)) { printf("range %g\n", x); return 1; }
		if (ok && (p < 10 || p > 90)) { printf("out %g %g\n", x, p); return 1; }
	}
	printf("ok %ld checks\n", checks);
	return 0;
}
