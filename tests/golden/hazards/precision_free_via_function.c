/* ITC double_free, "free in another function": drop_cache frees the global
 * and the caller frees it again (the callee's summary: the globals it frees
 * before anything can stop it). */
#include <stdlib.h>

static char *cache;

static void drop_cache(void)
{
	free(cache);
}

void reset_cache(void)
{
	cache = malloc(64);
	drop_cache();
	free(cache); // EXPECT: OXI-C0015
}

void reset_cache_fixed(void)
{
	cache = malloc(64);
	drop_cache();
	cache = NULL;
	free(cache);
}
