/* OXI-C0002 strcat-unbounded: strcat does not know how much room is left.
 * No refinement: every strcat is reported, because the used length of the
 * destination is not followed. The fixed variant tracks it and uses snprintf. */
#include <stdio.h>
#include <string.h>

void build_path_flawed(char *out, const char *dir, const char *file)
{
	strcpy(out, dir); // EXPECT: OXI-C0001
	strcat(out, "/"); // EXPECT: OXI-C0002
	strcat(out, file); // EXPECT: OXI-C0002
}

int build_path_fixed(char *out, size_t size, const char *dir, const char *file)
{
	int n = snprintf(out, size, "%s/%s", dir, file);
	return n >= 0 && (size_t)n < size ? 0 : -1;
}

void join_words_flawed(void)
{
	char line[80] = "";
	strcat(line, "even a literal into a large buffer"); // EXPECT: OXI-C0002
	puts(line);
}

void join_words_fixed(void)
{
	char line[80];
	size_t used = 0;
	used += (size_t)snprintf(line + used, sizeof line - used, "%s", "a literal");
	puts(line);
}
