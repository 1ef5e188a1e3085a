/* Known miss (CWE-416, the classic list teardown): the step `p = p->next`
 * reads p after the body freed it. The step of a for loop is read with the
 * header, before the body, so the free is never seen before it. */
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

void free_list(struct node *head)
{
	struct node *p;
	for (p = head; p != NULL; p = p->next) // EXPECT: OXI-C0014
		free(p);
}
