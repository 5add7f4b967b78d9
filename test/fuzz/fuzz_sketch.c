/*
 * fuzz_sketch.c
 *		libFuzzer harness for the pure quantile_sketch codecs: the text
 *		parser and the varint count decoder.  Whatever the input, they must
 *		return a status without crashing; every accepted text must pass the
 *		checks, format back to the same text, and answer quantile and rank
 *		queries inside [min, max] and [0, 1].
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sketch_core.h"

static void *allocs[4];
static int	nallocs;

static void *
Alloc(size_t size)
{
	void	   *p = calloc(1, size);

	if (nallocs < 4)
		allocs[nallocs++] = p;
	return p;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		msg[160];
	SketchData	s;
	char	   *str = malloc(size + 1);
	int64_t		counts[64];
	size_t		used;

	/* the bytes as varint counts */
	(void) sketch_varint_decode(data, size, counts, 64, &used, msg, sizeof(msg));

	/* the bytes as text */
	memcpy(str, data, size);
	str[size] = '\0';
	nallocs = 0;
	if (sketch_parse(str, &s, Alloc, msg, sizeof(msg)) == SKETCH_OK)
	{
		size_t		len = sketch_format(&s, NULL, 0);
		char	   *out = malloc(len + 1);
		SketchData	again;
		char	   *out2;

		sketch_format(&s, out, len + 1);
		for (double p = 0.0; p <= 1.0; p += 0.125)
		{
			double		q = sketch_quantile(&s, p);
			double		r = sketch_rank(&s, q);

			if (!(q >= s.min && q <= s.max) || !(r >= 0.0 && r <= 1.0))
				abort();
		}
		for (int i = 0; i < nallocs; i++)
			free(allocs[i]);
		nallocs = 0;
		if (sketch_parse(out, &again, Alloc, msg, sizeof(msg)) != SKETCH_OK)
			abort();
		out2 = malloc(len + 1);
		if (sketch_format(&again, out2, len + 1) != len || strcmp(out, out2) != 0)
			abort();
		free(out);
		free(out2);
	}
	for (int i = 0; i < nallocs; i++)
		free(allocs[i]);
	free(str);
	return 0;
}
