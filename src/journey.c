/*
 * journey.c
 *		Module entry point and the helpers shared by all features: argument
 *		checks, and = and hash of the types whose valid values are canonical.
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "journey.h"

PG_MODULE_MAGIC;

void
journey_check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %g is out of range", confidence),
				 errdetail("The confidence level must lie strictly between 0 and 1, such as 0.95.")));
}

bool
journey_parse_nps_method(text *method)
{
	char	   *m = text_to_cstring(method);
	bool		adjusted;

	if (strcmp(m, "adjusted-wald") == 0)
		adjusted = true;
	else if (strcmp(m, "wald") == 0)
		adjusted = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown interval method \"%s\"", m),
				 errhint("Valid methods are 'adjusted-wald' (the default) and 'wald'.")));
	pfree(m);
	return adjusted;
}

bool
journey_same_bytes(const struct varlena *a, const struct varlena *b)
{
	return VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
}

/* at seed 0 the low half of hash_any_extended is hash_any */
uint64
journey_hash_bytes(const struct varlena *v, uint64 seed)
{
	return DatumGetUInt64(hash_any_extended((const unsigned char *) VARDATA(v),
											VARSIZE(v) - VARHDRSZ, seed));
}
