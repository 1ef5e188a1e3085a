/* Known miss (ITC null_pointer, "check, then use outside the check"): the
 * condition says p may be NULL, and the dereference after the branch does not
 * check it. A test for NULL makes p NULL inside the branch only; after it p is
 * unknown again (cppcheck calls this nullPointerRedundantCheck). */
#include <stddef.h>

int *lookup(int key);

void update(int key)
{
	int *p = lookup(key);
	if (p != NULL)
		*p += 1;
	*p = 2; // EXPECT: OXI-C0020
}
