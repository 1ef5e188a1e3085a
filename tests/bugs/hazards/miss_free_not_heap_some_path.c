/* Known miss: n points to a static array unless name is set, and is freed on
 * both paths. After the branch, n pointing to the array on one path and to
 * heap memory on the other becomes "unknown" (only NULL and freed have a
 * "some path" form). */
#include <stdlib.h>
#include <string.h>

static char default_name[] = "anonymous";

void rename_user(const char *name)
{
	char *n = default_name;
	if (name != NULL)
		n = strdup(name);
	free(n); // EXPECT: OXI-C0016
}
