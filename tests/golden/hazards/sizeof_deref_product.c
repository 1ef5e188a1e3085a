/* `sizeof *n` is a size, not a product: `malloc(sizeof *p)` is no OXI-C0010
 * (once a known false alarm, tests/bugs/hazards). */
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
