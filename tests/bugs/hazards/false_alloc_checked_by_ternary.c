/* Known false alarm: the allocation is checked by the ?: in the same
 * expression. Only if/while conditions and assert() count as checks for
 * OXI-C0013 (OXI-C0020 does honour `p ? p->x : 0`). */
#include <stdlib.h>

int first_or_zero(size_t n)
{
	int *p = calloc(n, sizeof(int));
	int v = p ? p[0] : 0;
	free(p);
	return v;
}
