/* Known miss (ITC null_pointer, "return value of a function"): a function of
 * the same file always returns NULL. Return values are not followed. */
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
