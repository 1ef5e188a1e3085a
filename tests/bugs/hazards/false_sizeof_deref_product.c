/* Known false alarm (a detector bug, low confidence): `sizeof *n` is read as a
 * product (the unary `*` after sizeof is taken for a multiplication), so every
 * `malloc(sizeof *p)` is an OXI-C0010 "product that can overflow". */
#include <stdlib.h>

struct node {
	int value;
};

struct node *new_node(void)
{
	struct node *n = malloc(sizeof *n); // EXPECT: none
	if (n == NULL)
		return NULL;
	n->value = 0;
	return n;
}
