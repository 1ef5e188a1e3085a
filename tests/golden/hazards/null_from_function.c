/* ITC null_pointer, "return value of a function": a function of the same
 * file whose every return returns NULL gives NULL to its callers (once a
 * known miss, tests/bugs/hazards). */
#include <stddef.h>

static int *find_slot(void)
{
	return NULL;
}

void use_slot(void)
{
	int *p = find_slot();
	*p = 1; // EXPECT: OXI-C0020
}
