/*
 * funnel_core.h
 *		Pure-C kernel of journey.window_funnel and window_funnel_times
 *		(funnels.md sections 1 to 3).  No PostgreSQL dependencies, so the
 *		algorithms can be unit-tested and fuzzed alone.
 *
 * The aggregate keeps one row per usable input row (a row whose timestamp
 * is not NULL and which matches a step or an exclusion; under strict_order
 * every row, since a row matching nothing interrupts the funnel), packed in
 * 8 bytes while it can be, else a FunnelRow.  The final function sorts the
 * rows by time (stably: rows of one instant keep their input order) and
 * runs the scan of funnels.md 1.4 over them; the times and exclusions then
 * walk the attempts of 2 and 3.  Every function takes rows of either
 * width as they are.
 */
#ifndef JOURNEY_FUNNEL_CORE_H
#define JOURNEY_FUNNEL_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FUNNEL_MAX_STEPS		32
#define FUNNEL_MAX_EXCLUSIONS	32

/* mode bits */
#define FUNNEL_STRICT_DEDUPLICATION	0x01
#define FUNNEL_STRICT_ORDER			0x02
#define FUNNEL_STRICT_INCREASE		0x04
#define FUNNEL_STRICT_ONCE			0x08
#define FUNNEL_ALLOW_REENTRY		0x10
#define FUNNEL_KNOWN_MODES			0x1f

/* timestamps as PostgreSQL stores them: microseconds, +-infinity at the ends */
#define FUNNEL_TS_NOBEGIN		INT64_MIN
#define FUNNEL_TS_NOEND			INT64_MAX

typedef struct FunnelRow
{
	int64_t		ts;
	uint32_t	steps;			/* bit i - 1: step i is true */
	uint32_t	exclusions;		/* bit m: exclusion m is true */
} FunnelRow;

/*
 * A packed row: 8 bytes instead of a FunnelRow's 16, for the usual row (it
 * matches none of steps 9 to 32 and no exclusion, and its time lies
 * within 2^55 microseconds, about 1 142 years, of 2000-01-01).  The
 * timestamp, offset by 2^55 so that it is not negative, fills the upper 56
 * bits and the steps the lower 8, so packed rows in time order are in
 * increasing numeric order.
 */
typedef uint64_t FunnelPackedRow;

#define FUNNEL_PACKED_STEP_BITS	8
#define FUNNEL_PACKED_TS_OFFSET	(UINT64_C(1) << 55)
#define FUNNEL_PACKED_STEP_MASK	((UINT64_C(1) << FUNNEL_PACKED_STEP_BITS) - 1)

static inline bool
funnel_packable(int64_t ts, uint32_t steps, uint32_t exclusions)
{
	/* unsigned arithmetic, so the sum cannot overflow; negative times below
	 * -2^55 wrap to above 2^64 - 2^55 and fail the test like large ones */
	return steps <= FUNNEL_PACKED_STEP_MASK && exclusions == 0 &&
		(uint64_t) ts + FUNNEL_PACKED_TS_OFFSET < (UINT64_C(1) << (64 - FUNNEL_PACKED_STEP_BITS));
}

static inline FunnelPackedRow
funnel_pack(int64_t ts, uint32_t steps)
{
	return (((uint64_t) ts + FUNNEL_PACKED_TS_OFFSET) << FUNNEL_PACKED_STEP_BITS) | steps;
}

static inline int64_t
funnel_packed_ts(FunnelPackedRow p)
{
	return (int64_t) ((p >> FUNNEL_PACKED_STEP_BITS) - FUNNEL_PACKED_TS_OFFSET);
}

static inline uint32_t
funnel_packed_steps(FunnelPackedRow p)
{
	return (uint32_t) (p & FUNNEL_PACKED_STEP_MASK);
}

typedef struct FunnelParams
{
	int64_t		window;			/* microseconds, >= 0 */
	uint32_t	modes;			/* FUNNEL_* mode bits, a valid combination */
	int			nsteps;			/* 1..FUNNEL_MAX_STEPS */
	int			nexclusions;	/* 0..FUNNEL_MAX_EXCLUSIONS */
	uint8_t		excl_from[FUNNEL_MAX_EXCLUSIONS];	/* 1 <= from < to <= nsteps */
	uint8_t		excl_to[FUNNEL_MAX_EXCLUSIONS];
} FunnelParams;

/* funnel_parse_modes results */
typedef enum FunnelModeError
{
	FUNNEL_MODE_OK,
	FUNNEL_MODE_UNKNOWN,		/* *word is not a mode */
	FUNNEL_MODE_LEGACY_STRICT,	/* the pre-2023 ClickHouse word "strict" */
	FUNNEL_MODE_REENTRY_ALONE	/* allow_reentry without strict_order */
} FunnelModeError;

/*
 * Parse a comma-separated mode list of len bytes (no terminator needed).
 * On FUNNEL_MODE_UNKNOWN / LEGACY_STRICT, *word and *wordlen point at the
 * offending word (spaces trimmed).
 */
extern FunnelModeError funnel_parse_modes(const char *s, size_t len, uint32_t *modes,
										  const char **word, size_t *wordlen);

/* the canonical comma-separated spelling of modes, in a static buffer */
extern const char *funnel_modes_name(uint32_t modes);

/* called every few thousand rows of work: lets the server cancel a query */
typedef void (*FunnelInterruptCheck) (void);

/*
 * Stable sort of rows by ts; tmp must hold n rows.  Calls check (if not
 * NULL) between merge passes.
 */
extern void funnel_sort(FunnelRow *rows, size_t n, FunnelRow *tmp,
						FunnelInterruptCheck check);
/* the same for packed rows (stable by time, not by value); tmp: n rows */
extern void funnel_sort_packed(FunnelPackedRow *rows, size_t n, FunnelPackedRow *tmp,
							   FunnelInterruptCheck check);

/*
 * Scratch memory funnel_evaluate needs for these rows, in bytes (the
 * strict_once matching and the index of the attempt search); the caller
 * allocates it.
 */
extern size_t funnel_scratch_size(const FunnelRow *rows, size_t n, const FunnelParams *p,
								  bool want_times);

typedef struct FunnelResult
{
	int			level;			/* 0..nsteps, or -1: excluded */
	int			ntimes;			/* entries of times[] filled (level, or 0) */
	bool		times_null;		/* no reported attempt (excluded) */
	bool		inconsistent;	/* no attempt reached the level: a bug */
	int64_t		times[FUNNEL_MAX_STEPS];
} FunnelResult;

/*
 * Evaluate one group: rows sorted by funnel_sort, n >= 0.  Computes the
 * level (funnels.md 1.4), and when want_times or exclusions are given, the
 * reported attempt (2, 3).  scratch: funnel_scratch_size bytes, aligned
 * for int64.
 */
extern void funnel_evaluate(const FunnelParams *p, const FunnelRow *rows, size_t n,
							bool want_times, void *scratch,
							FunnelInterruptCheck check, FunnelResult *result);

/* funnel_scratch_size and funnel_evaluate for packed rows */
extern size_t funnel_scratch_size_packed(const FunnelPackedRow *rows, size_t n,
										 const FunnelParams *p, bool want_times);
extern void funnel_evaluate_packed(const FunnelParams *p, const FunnelPackedRow *rows, size_t n,
								   bool want_times, void *scratch,
								   FunnelInterruptCheck check, FunnelResult *result);

#endif							/* JOURNEY_FUNNEL_CORE_H */
