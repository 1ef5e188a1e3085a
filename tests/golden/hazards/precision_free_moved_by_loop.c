/* s is moved past the leading blanks by a loop and then freed: past the
 * block's start whenever the loop ran once (medium: it may not have). The
 * fixed twin frees the pointer strdup returned. */
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

int count_words_fixed(const char *text)
{
	char *copy = strdup(text);
	char *s = copy;
	if (copy == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	int words = *s != '\0';
	free(copy);
	return words;
}
