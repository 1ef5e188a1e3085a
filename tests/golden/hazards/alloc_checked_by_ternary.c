/* The allocation is checked by the ?: in the same expression: a comparison
 * with NULL anywhere counts as the check for OXI-C0013 (once a known false
 * alarm, tests/bugs/hazards). */
#include <stdlib.h>

int first_or_zero(size_t n)
{
	int *p = calloc(n, sizeof(int)); // EXPECT: none
	int v = p ? p[0] : 0;
	free(p);
	return v;
}
