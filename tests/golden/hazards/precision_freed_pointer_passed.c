/* CWE-416: the freed buffer is handed to puts, which reads it. Printing the
 * address (`%p`) reads nothing through it. */
#include <stdio.h>
#include <stdlib.h>

void show_and_free(char *msg)
{
	free(msg);
	puts(msg); // EXPECT: OXI-C0014
}

void show_address_after_free(char *msg)
{
	free(msg);
	printf("released %p\n", (void *)msg);
}
