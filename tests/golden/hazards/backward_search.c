/* A search down a string for a character with nothing that stops the index
 * at 0 (ITC st_underrun): when the character is not there, the loop reads
 * before the array. Each flawed search has a fixed twin; searches for a
 * count or a flag lean on an invariant of the program and stay silent. */
#include <ctype.h>
#include <string.h>

struct line {
	char text[64];
	int counts[16];
};

int last_slash_flawed(void)
{
	char path[32];
	strcpy(path, "dir/name");
	int i = (int)strlen(path) - 1;
	while (path[i] != '/') // EXPECT: OXI-C0023=medium
		i--;
	return i;
}

int last_slash_fixed(void)
{
	char path[32];
	strcpy(path, "dir/name");
	int i = (int)strlen(path) - 1;
	while (i >= 0 && path[i] != '/')
		i--;
	return i;
}

int last_slash_checked_in_body(void)
{
	char path[32];
	strcpy(path, "dir/name");
	int i = (int)strlen(path) - 1;
	while (path[i] != '/') {
		i--;
		if (i < 0)
			break;
	}
	return i;
}

void trim_flawed(struct line *l, int n)
{
	for (; isspace(l->text[n - 1]); n--) // EXPECT: OXI-C0023=medium
		;
	l->text[n] = '\0';
}

void trim_fixed(struct line *l, int n)
{
	for (; n > 0 && isspace(l->text[n - 1]); n--)
		;
	l->text[n] = '\0';
}

void comma_flawed(struct line s)
{
	int k = 40;
	do {
		s.text[k] = ' ';
		k--;
	} while (s.text[k] != ','); // EXPECT: OXI-C0023=medium
}

/* A count, not a character: the caller's invariant (some count is not
 * zero) is what stops it, as in zlib's gen_bitlen. */
int highest_count(struct line *l)
{
	int bits = 15;
	while (l->counts[bits] == 0)
		bits--;
	return bits;
}

/* A pointer may point into the middle of its buffer: not reported. */
int pointer_search(const char *p, int i)
{
	while (p[i] != '/')
		i--;
	return i;
}
