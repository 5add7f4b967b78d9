/*
 * journey.h
 *		Declarations shared by the fmgr glue of every journey feature.
 */
#ifndef JOURNEY_H
#define JOURNEY_H

#include "fmgr.h"

/* confidence level argument: 0 < c < 1, else INVALID_PARAMETER_VALUE */
extern void journey_check_confidence(double confidence);

/* interval method argument: true for 'adjusted-wald', false for 'wald' */
extern bool journey_parse_nps_method(text *method);

/* the memory context of the calling aggregate, or NULL outside one */
extern MemoryContext journey_agg_context(FunctionCallInfo fcinfo);

#endif							/* JOURNEY_H */
