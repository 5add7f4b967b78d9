/*
 * journey.h
 *		Declarations shared by the fmgr glue of every journey feature.
 */
#ifndef JOURNEY_H
#define JOURNEY_H

#include "fmgr.h"
#include "nodes/execnodes.h"

/* confidence level argument: 0 < c < 1, else INVALID_PARAMETER_VALUE */
extern void journey_check_confidence(double confidence);

/* interval method argument: true for 'adjusted-wald', false for 'wald' */
extern bool journey_parse_nps_method(text *method);

/*
 * = and hash (64-bit, seeded) of a type whose equal values have equal
 * bytes once validated (score_summary, funnel_summary): the callers
 * validate the values first.
 */
extern bool journey_same_bytes(const struct varlena *a, const struct varlena *b);
extern uint64 journey_hash_bytes(const struct varlena *v, uint64 seed);

/*
 * Whether a transition function runs inside an aggregate (plain or window),
 * so that it may update its state in place: the per-row form of
 * AggCheckCallContext, without the call.
 */
static inline bool
journey_in_aggregate(FunctionCallInfo fcinfo)
{
	Node	   *context = fcinfo->context;

	return context != NULL &&
		(IsA(context, AggState) || IsA(context, WindowAggState));
}

#endif							/* JOURNEY_H */
