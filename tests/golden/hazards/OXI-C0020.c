/* OXI-C0020 null-dereference: a pointer dereferenced where it is NULL on the
 * path: set to NULL (high), or inside the branch of a condition that found it
 * NULL (medium). NULL on some path only (a branch that set it and fell
 * through) is medium where that path leads straight to the dereference and low
 * inside a later branch; a preprocessor conditional in between makes it low.
 * Not reported: after `if (!p) return;` (or break, continue, goto, exit,
 * abort), with likely()/unlikely()
 * around the test, after assert(p), BUG_ON(!p) or WARN_ON(!p), when the check
 * is in the same expression (`p && p->x`, `p ? p->x : 0`), in dead code
 * (`if (0)`), or after the pointer is passed bare to a macro that may assign
 * it. */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

struct item {
	int key;
	struct item *next;
};

struct item *find(struct item *head, int key);

int next_key_flawed(struct item *it)
{
	if (it->key < 0)
		it = NULL;
	return it->next->key; // EXPECT: OXI-C0020=medium
}

int next_key_fixed(struct item *it)
{
	if (it->key < 0)
		it = NULL;
	return it ? it->next->key : -1;
}

int next_key_returns(struct item *it)
{
	if (it->key < 0)
		it = NULL;
	if (unlikely(!it))
		return -1;
	return it->next->key;
}

int next_key_asserted(struct item *it)
{
	if (it->key < 0)
		it = NULL;
	assert(it != NULL);
	return it->next->key;
}

int report_flawed(struct item *it)
{
	if (it == NULL)
		fprintf(stderr, "no item %d\n", it->key); // EXPECT: OXI-C0020=medium
	return 0;
}

int report_fixed(struct item *it)
{
	if (it == NULL) {
		fprintf(stderr, "no item\n");
		return -1;
	}
	return it->key;
}

int reset_flawed(void)
{
	struct item *cursor = NULL;
	cursor->key = 0; // EXPECT: OXI-C0020=high
	return 0;
}

int reset_fixed(struct item *head)
{
	struct item *cursor = NULL;
	cursor = find(head, 0);
	if (cursor == NULL)
		return -1;
	cursor->key = 0;
	return 0;
}

int later_branch_flawed(struct item *it, int verbose)
{
	if (it->key < 0)
		it = NULL;
	if (verbose)
		printf("%d\n", it->next->key); // EXPECT: OXI-C0020=medium
	return 0;
}

int config_flawed(void)
{
	struct item *it = NULL;
#ifdef TRACE_ITEMS
	puts("default item");
#endif
	return it->key; // EXPECT: OXI-C0020=low
}

int dead_fixed(void)
{
	struct item *it = NULL;
	if (0)
		return it->key;
	return 0;
}

int macro_fixed(struct item *head)
{
	struct item *it = NULL;
	LOOKUP(head, it);
	return it->key;
}
