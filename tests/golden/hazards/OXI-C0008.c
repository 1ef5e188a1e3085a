/* OXI-C0008 strlen-alloc-no-nul: an allocation of exactly strlen(s) bytes has
 * no room for the terminator. strlen(s) + 1, or strdup, is not reported. */
#include <stdlib.h>
#include <string.h>

char *dup_flawed(const char *s)
{
	char *copy = malloc(strlen(s)); // EXPECT: OXI-C0008
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, strlen(s) + 1);
	return copy;
}

char *dup_fixed(const char *s)
{
	char *copy = malloc(strlen(s) + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, strlen(s) + 1);
	return copy;
}

char *grow_flawed(char *buf, const char *s)
{
	return realloc(buf, strlen(s)); // EXPECT: OXI-C0008
}
