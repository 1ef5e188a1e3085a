/* OXI-C0005 scanf-unbounded: %s or %[ without a field width. Not reported
 * with a width (%31s), with %ms (glibc allocates the string), for %*s (the
 * word is discarded), or when the format is not a literal (not checked). */
#include <stdio.h>
#include <stdlib.h>

int read_user_flawed(void)
{
	char user[32];
	int uid;
	if (scanf("%s %d", user, &uid) != 2) // EXPECT: OXI-C0005
		return -1;
	return uid;
}

int read_user_fixed(void)
{
	char user[32];
	int uid;
	if (scanf("%31s %d", user, &uid) != 2)
		return -1;
	return uid;
}

int parse_pair_flawed(const char *line, char *key, char *value)
{
	return sscanf(line, "%[^=]=%s", key, value); // EXPECT: OXI-C0005
}

int parse_pair_fixed(const char *line, char key[64], char value[64])
{
	return sscanf(line, "%63[^=]=%63s", key, value);
}

int read_word_fixed(FILE *in)
{
	char *word = NULL;
	int n = fscanf(in, "%*s %ms", &word);
	free(word);
	return n;
}
