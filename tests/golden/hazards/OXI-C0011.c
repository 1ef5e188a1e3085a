/* OXI-C0011 alloca: every alloca (__builtin_alloca, _alloca) is reported at
 * medium confidence, whatever its size: no refinement. */
#include <alloca.h>
#include <stdlib.h>
#include <string.h>

void render_flawed(const char *text, size_t len)
{
	char *copy = alloca(len + 1); // EXPECT: OXI-C0011=low
	memcpy(copy, text, len);
	copy[len] = '\0';
}

int render_fixed(const char *text, size_t len)
{
	if (len > 4096)
		return -1;
	char *copy = malloc(len + 1);
	if (copy == NULL)
		return -1;
	memcpy(copy, text, len);
	copy[len] = '\0';
	free(copy);
	return 0;
}
