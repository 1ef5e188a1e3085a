/* OXI-C0025 return-local-address: the address of a local escapes the
 * function: `return &local;` or `return local_array;` (high), returning a
 * pointer that points into a local (medium), or storing such an address
 * through a pointer parameter (`*out = buf;`, medium). Static locals are not
 * locals here. */
#include <stdio.h>

const char *format_id_flawed(int id)
{
	char text[16];
	snprintf(text, sizeof text, "id-%d", id);
	return text; // EXPECT: OXI-C0025
}

const char *format_id_fixed(int id)
{
	static char text[16];
	snprintf(text, sizeof text, "id-%d", id);
	return text;
}

int *counter_flawed(void)
{
	int count = 0;
	return &count; // EXPECT: OXI-C0025
}

const char *skip_flawed(void)
{
	char line[32] = "  key=value";
	char *p = line;
	while (*p == ' ')
		p++;
	return p; // EXPECT: OXI-C0025
}

void name_flawed(const char **out)
{
	char buf[8] = "guest";
	*out = buf; // EXPECT: OXI-C0025
}

void name_fixed(char *out, size_t size)
{
	snprintf(out, size, "%s", "guest");
}
