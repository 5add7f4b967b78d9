/*
 * fuzz_scores.c
 *		libFuzzer harness for the pure score_summary codecs: the text parser
 *		and the binary decoder.  Whatever the input, they must return a
 *		status without crashing, and every accepted value must satisfy the
 *		invariants and round-trip exactly through both forms.
 *
 *		clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *			test/fuzz/fuzz_scores.c src/scores_core.c -lm -o fuzz_scores
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scores_core.h"

static void
CheckRoundTrips(const ScoreHist *h)
{
	char		msg[128];
	char		text[512];
	uint8_t		bin[SCORE_BINARY_SIZE];
	ScoreHist	again;

	if (score_hist_check(h, msg, sizeof(msg)) != SCORE_OK)
		abort();
	if (score_hist_format(h, text, sizeof(text)) >= sizeof(text))
		abort();
	if (score_hist_parse(text, &again, msg, sizeof(msg)) != SCORE_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();
	score_hist_encode(h, bin);
	if (score_hist_decode(bin, sizeof(bin), &again, msg, sizeof(msg)) != SCORE_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		msg[128];
	ScoreHist	h;
	char	   *str;

	/* the bytes as a binary value */
	if (score_hist_decode(data, size, &h, msg, sizeof(msg)) == SCORE_OK)
		CheckRoundTrips(&h);

	/* the bytes as a NUL-terminated text value */
	str = malloc(size + 1);
	memcpy(str, data, size);
	str[size] = '\0';
	if (score_hist_parse(str, &h, msg, sizeof(msg)) == SCORE_OK)
		CheckRoundTrips(&h);
	free(str);
	return 0;
}
