/* Known miss (CWE-416): the freed buffer is handed to puts, which reads it.
 * Only dereferences in the function itself (*p, p[i], p->x) count as uses;
 * passing the pointer to a call does not. */
#include <stdio.h>
#include <stdlib.h>

void show_and_free(char *msg)
{
	free(msg);
	puts(msg); // EXPECT: OXI-C0014
}
