/* Known false alarm (ITC free_nondynamically_allocated_memory, "in an if inside
 * a while loop"): a only takes the values 1 and 2 in the body, so `a == 5`
 * never holds and the free never runs. A variable the loop body assigns has no
 * known range in the body, so the branch is not known to be dead. */
#include <stdlib.h>

void release_label(void)
{
	char *label = "a";
	int a = 0, b = 2;
	while (a < b) {
		a++;
		if (a == 5)
			free(label);
	}
}
