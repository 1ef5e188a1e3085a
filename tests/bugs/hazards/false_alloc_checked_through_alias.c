/* Known false alarm (ITC buffer_overrun_dynamic, cast to another pointer type
 * before the check): p is a copy of buf, and buf is checked before p is used.
 * The copy keeps its own "not yet checked" mark, which a test of buf does not
 * clear. */
#include <stdlib.h>

int first_word(void)
{
	char *buf = calloc(8, 1);
	int *p = (int *)buf;
	if (buf == NULL)
		return -1;
	p[0] = 1;
	free(buf);
	return 0;
}
