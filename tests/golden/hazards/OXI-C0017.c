/* OXI-C0017 free-offset-pointer: free of a heap pointer moved by a known
 * number of elements (p++, p += n) since its allocation. Reported at high
 * confidence; not when the offset is unknown (p += n with n unknown) or the
 * pointer was moved back. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int parse_sign_flawed(const char *text)
{
	char *s = strdup(text);
	int sign = 1;
	if (s == NULL)
		return 0;
	if (*s == '-')
		sign = -1;
	s++;
	free(s); // EXPECT: OXI-C0017
	return sign;
}

int parse_sign_fixed(const char *text)
{
	char *copy = strdup(text);
	char *s = copy;
	int sign = 1;
	if (copy == NULL)
		return 0;
	if (*s == '-')
		sign = -1;
	s++;
	free(copy);
	return sign;
}

int skip_blanks_unknown(const char *text)
{
	char *s = strdup(text);
	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	free(s); // EXPECT: OXI-C0017=medium
	return 0;
}

void skip_header_fixed(void)
{
	char *p = malloc(16);
	if (p == NULL)
		return;
	p += 4;
	p[0] = 1;
	p -= 4;
	free(p);
}
