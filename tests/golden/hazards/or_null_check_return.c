/* After `if (!a || !b) return -1;` both pointers are set: a condition that
 * cannot fall through makes each `!p` of a disjunction false after it (once
 * a known false alarm, tests/bugs/hazards). */
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
	return a->next->key + b->next->key; // EXPECT: none
}
