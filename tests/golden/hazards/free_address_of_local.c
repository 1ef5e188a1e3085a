/* CWE-590: free(&x) of a local is no heap memory (once a known miss,
 * tests/bugs/hazards). */
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
