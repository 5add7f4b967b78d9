/*
 * placement_core.h
 *		Pure-C kernel of benchmark placement: the percentile rank of a value
 *		among peer values (metrics.md 3.2) and the placement of a value from
 *		published quantiles by linear interpolation (metrics.md 3.3).
 *		No PostgreSQL dependencies: errors are returned as codes with a
 *		message buffer, so the kernels can be tested without a server.
 */
#ifndef JOURNEY_PLACEMENT_CORE_H
#define JOURNEY_PLACEMENT_CORE_H

#include <stdbool.h>
#include <stddef.h>

/* how values equal to x count in a percentile rank (metrics.md 3.2) */
typedef enum PlacementTies
{
	PLACEMENT_TIES_MID = 0,		/* 100 (#(v < x) + #(v = x) / 2) / N */
	PLACEMENT_TIES_BELOW,		/* 100 #(v < x) / N */
	PLACEMENT_TIES_AT_OR_BELOW	/* 100 #(v <= x) / N */
} PlacementTies;

/* what placement from quantiles returns outside [v1, vm] */
typedef enum PlacementOutside
{
	PLACEMENT_OUTSIDE_NULL = 0,	/* undetermined: no result */
	PLACEMENT_OUTSIDE_CLAMP		/* 100 q1 below, 100 qm above */
} PlacementOutside;

/* result codes of the validating functions */
typedef enum PlacementStatus
{
	PLACEMENT_OK = 0,
	PLACEMENT_TOO_SHORT,		/* fewer than 2 quantiles */
	PLACEMENT_BAD_LEVEL,		/* a level outside [0, 1] (or NaN) */
	PLACEMENT_BAD_VALUE,		/* a quantile value that is not finite */
	PLACEMENT_UNORDERED			/* levels not increasing or values decreasing */
} PlacementStatus;

/*
 * Counts of the values below and equal to x.  Comparison is exact; -0 and
 * +0 are equal, and the infinities order normally.  Neither x nor any value
 * may be NaN (the callers reject it).
 */
typedef struct PlacementCounts
{
	size_t		below;			/* #(v < x) */
	size_t		equal;			/* #(v = x) */
} PlacementCounts;

/* parse a tie rule of len bytes (not NUL-terminated); false if unknown */
extern bool placement_parse_ties(const char *str, size_t len, PlacementTies *ties);

/* parse an outside option of len bytes (not NUL-terminated); false if unknown */
extern bool placement_parse_outside(const char *str, size_t len, PlacementOutside *outside);

/* sort n values (no NaN) into increasing order, in place */
extern void placement_sort(double *values, size_t n);

/* first index i with sorted[i] >= x (n if none) */
extern size_t placement_lower_bound(const double *sorted, size_t n, double x);

/* first index i with sorted[i] > x (n if none) */
extern size_t placement_upper_bound(const double *sorted, size_t n, double x);

/* counts by binary search over increasing values: O(log n) */
extern PlacementCounts placement_count_sorted(const double *sorted, size_t n, double x);

/* counts by one pass over values in any order: O(n), no sort */
extern PlacementCounts placement_count_unsorted(const double *values, size_t n, double x);

/*
 * The percentile rank in percent (0..100) from the counts among n > 0
 * values: one IEEE division of two exactly representable numbers while
 * 100 n < 2^53, so the correctly rounded value of the exact fraction.
 */
extern double placement_rank_percent(PlacementCounts c, size_t n, PlacementTies ties);

/*
 * Validate a quantile table: m >= 2 levels strictly increasing in [0, 1],
 * m finite values non-decreasing.  On failure, msg says which element (1-based)
 * is wrong.
 */
extern PlacementStatus placement_check_quantiles(const double *levels, const double *values,
												 size_t m, char *msg, size_t msglen);

/*
 * Place x (not NaN) by linear interpolation in a valid quantile table;
 * returns false (no result) when x lies outside [v1, vm] and outside is
 * PLACEMENT_OUTSIDE_NULL.  The result is in percent.
 */
extern bool placement_interpolate(const double *levels, const double *values, size_t m,
								  double x, PlacementOutside outside, double *percent);

#endif							/* JOURNEY_PLACEMENT_CORE_H */
