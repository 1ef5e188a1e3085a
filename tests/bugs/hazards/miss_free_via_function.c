/* Known miss (ITC double_free, "free in another function"): drop_cache frees
 * the global and the caller frees it again. Calls are not followed into
 * functions of the same file. */
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
