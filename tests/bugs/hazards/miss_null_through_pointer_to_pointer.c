/* Known miss (ITC null_pointer, "double pointer to NULL"): `**pp` dereferences
 * p, which is NULL. Taking &p makes p unknown (anything may write it). */
#include <stddef.h>

void store_through_alias(void)
{
	int *p = NULL;
	int **pp = &p;
	**pp = 1; // EXPECT: OXI-C0020
}
