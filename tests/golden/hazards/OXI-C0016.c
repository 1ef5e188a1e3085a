/* OXI-C0016 free-not-heap: free (or delete) of an array, of a pointer to an
 * array or to a local (&x), or of a string literal. Not reported once the
 * pointer has been reassigned to heap memory. */
#include <stdlib.h>
#include <string.h>

static char default_name[] = "anonymous";

void rename_flawed(char **slot, const char *name)
{
	char *n = default_name;
	if (name == NULL)
		return;
	free(n); // EXPECT: OXI-C0016
	*slot = strdup(name);
}

void rename_fixed(char **slot, const char *name)
{
	char *n = *slot;
	if (name == NULL)
		return;
	free(n);
	*slot = strdup(name);
}

void scratch_flawed(void)
{
	char scratch[64];
	scratch[0] = '\0';
	free(scratch); // EXPECT: OXI-C0016
}

void label_flawed(void)
{
	char *label = "none";
	free(label); // EXPECT: OXI-C0016
}

void label_fixed(void)
{
	char *label = "none";
	label = strdup(label);
	free(label);
}
