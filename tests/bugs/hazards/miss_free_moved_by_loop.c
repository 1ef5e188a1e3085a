/* Known miss: s is moved past the leading blanks by an unknown amount and then
 * freed. An offset that is not a known constant is not reported (it may be 0). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int count_words(const char *text)
{
	char *s = strdup(text);
	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	int words = *s != '\0';
	free(s); // EXPECT: OXI-C0017
	return words;
}
