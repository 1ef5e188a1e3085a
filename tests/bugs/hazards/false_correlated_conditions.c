/* Known false alarm (path-insensitivity): it is NULL only when k is set, and
 * then the function returns before the dereference. The two tests of k are not
 * related, so the NULL from the first branch reaches the dereference as a
 * "some path" fact at medium confidence. */
#include <stddef.h>

struct item {
	int key;
};

int key_unless(struct item *it, int k)
{
	if (k)
		it = NULL;
	if (k)
		return 0;
	return it->key;
}
