/* Known miss (CWE-590): free(&x) of a local. The argument of free must be a
 * bare variable name to be followed; `&x`, `buf + 1` and `&buf[1]` are not
 * read, so the most direct non-heap free goes unreported. */
#include <stdlib.h>

struct counter {
	int hits;
};

void reset_counter(void)
{
	struct counter c = {0};
	c.hits = 1;
	free(&c); // EXPECT: OXI-C0016
}
