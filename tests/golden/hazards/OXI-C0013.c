/* OXI-C0013 alloc-unchecked: the result of malloc/calloc/realloc/strdup (and
 * the kernel's kmalloc family) dereferenced before any condition mentions it.
 * Any if/while condition naming the pointer counts as the check, and so does
 * assert(p); allocators that cannot return NULL (xmalloc, g_malloc, g_new,
 * g_strdup, new) are not reported. Passing the pointer on is not a dereference. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct node {
	int value;
	struct node *next;
};

void *xmalloc(size_t n);

struct node *push_flawed(struct node *head, int value)
{
	struct node *n = malloc(sizeof *n); // EXPECT: OXI-C0013
	n->value = value;
	n->next = head;
	return n;
}

struct node *push_fixed(struct node *head, int value)
{
	struct node *n = malloc(sizeof *n);
	if (n == NULL)
		return NULL;
	n->value = value;
	n->next = head;
	return n;
}

int *counters_flawed(int count)
{
	int *c = calloc(count, sizeof(int)); // EXPECT: OXI-C0013
	c[0] = 1;
	return c;
}

int *counters_asserted(int count)
{
	int *c = calloc(count, sizeof(int));
	assert(c);
	c[0] = 1;
	return c;
}

struct node *push_xmalloc(struct node *head, int value)
{
	struct node *n = xmalloc(sizeof *n);
	n->value = value;
	n->next = head;
	return n;
}
