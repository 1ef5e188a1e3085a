/* A copy whose length a condition earlier in the function compares with the
 * destination's size (`if (len >= sizeof(key)) return`), or tests by the
 * source's own length variable (`backends_len`), is checked as its author
 * meant: low, not a default finding. A format the function builds with
 * snprintf from a literal is the program's own: low. */
#include <stdio.h>
#include <string.h>

int copy_key_fixed(const char *encoded, size_t encoded_len)
{
	char key[25];
	if (encoded_len >= sizeof(key))
		return -1;
	strcpy(key, encoded);
	return key[0];
}

int copy_key_flawed(const char *encoded)
{
	char key[25];
	strcpy(key, encoded); // EXPECT: OXI-C0001=medium
	return key[0];
}

size_t copy_list_fixed(char *buffer, size_t size, const char *backends, size_t backends_len)
{
	if (size <= backends_len) {
		strncpy(buffer, backends, size - 1);
		buffer[size - 1] = '\0';
		return size - 1;
	}
	strcpy(buffer, backends);
	return backends_len;
}

void progress_fixed(FILE *out, const char *line, double percent, int width)
{
	char format[40];
	snprintf(format, sizeof(format), "\r%%-%ds %%5.1f%%%%", width);
	fprintf(out, format, line, percent);
}

void progress_flawed(FILE *out, const char *line, double percent)
{
	char format[40];
	if (!fgets(format, sizeof format, stdin))
		return;
	fprintf(out, format, line, percent); // EXPECT: OXI-C0009=medium
}
