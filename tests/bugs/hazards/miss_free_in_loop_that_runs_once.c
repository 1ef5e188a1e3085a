/* Known miss (a detector bug; ITC double_free, "free in a loop"): the loop
 * runs once and frees ptr, which is freed again after it. The condition
 * `flag == 0` is evaluated with flag's value before the loop (0), so the loop
 * is taken for an endless one, left only by break, and what its body did is
 * undone; the body's `flag++` makes the condition false after one pass. */
#include <stdlib.h>

void release_once(void)
{
	char *ptr = malloc(16);
	int flag = 0;
	while (flag == 0) {
		free(ptr);
		flag++;
	}
	free(ptr); // EXPECT: OXI-C0015
}
