/* Known false alarm (a detector bug): after `if (!a || !b) return -1;` both
 * pointers are set. condition() gives up on the first `||` while looking for
 * `p && ...`, before it reaches the code meant for `!a || !b`, so that
 * refinement never applies and the NULL "on some path" facts survive. */
#include <stddef.h>

struct item {
	int key;
	struct item *next;
};

int both_next_keys(struct item *a, struct item *b)
{
	if (a->key < 0)
		a = NULL;
	if (b->key < 0)
		b = NULL;
	if (!a || !b)
		return -1;
	return a->next->key + b->next->key;
}
