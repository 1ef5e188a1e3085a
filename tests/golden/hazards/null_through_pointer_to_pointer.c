/* ITC null_pointer, "double pointer to NULL": `**pp` dereferences p, which
 * is NULL. `pp = &p` keeps what is known of p (once a known miss,
 * tests/bugs/hazards). */
#include <stddef.h>

void store_through_alias(void)
{
	int *p = NULL;
	int **pp = &p;
	**pp = 1; // EXPECT: OXI-C0020
}
