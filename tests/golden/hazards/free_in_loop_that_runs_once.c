/* ITC double_free, "free in a loop": the loop runs at least once and frees
 * ptr, which is freed again after it. A loop whose condition is true on entry
 * but depends on variables runs at least once; what its body did holds after
 * it (once a known miss, tests/bugs/hazards). */
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
