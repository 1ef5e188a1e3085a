/* OXI-C0021 out-of-bounds-write: an index, loop range or copy size that
 * reaches past the declared or allocated length. High confidence; low when the
 * index comes from a loop and the same expression holds a guard (&&, ||, ?:)
 * that may exclude the loop's end values. Lengths come from array
 * declarations (integer macros of the file included), malloc/calloc/new[]
 * sizes, string literals, pointers moved by known amounts, and, in a second
 * pass, from the buffers every caller in the same file passes. Conditions
 * narrow a loop variable's range inside their branch (and after
 * `if (i > N) continue;`), and a branch whose condition cannot hold is dead. */
#include <stdlib.h>
#include <string.h>

#define SLOTS 8

struct ring {
	int slot[SLOTS];
};

void clear_flawed(void)
{
	int hist[SLOTS];
	for (int i = 0; i <= SLOTS; i++)
		hist[i] = 0; // EXPECT: OXI-C0021
	hist[0]++;
}

void clear_fixed(void)
{
	int hist[SLOTS];
	for (int i = 0; i < SLOTS; i++)
		hist[i] = 0;
	hist[0]++;
}

void terminate_flawed(void)
{
	char name[16];
	memset(name, 'x', sizeof name);
	name[16] = '\0'; // EXPECT: OXI-C0021
}

void terminate_fixed(void)
{
	char name[16];
	memset(name, 'x', sizeof name);
	name[sizeof name - 1] = '\0';
}

int *heap_flawed(void)
{
	int *v = malloc(4 * sizeof(int));
	if (v == NULL)
		return NULL;
	for (int i = 0; i < 5; i++)
		v[i] = i; // EXPECT: OXI-C0021
	return v;
}

int *heap_fixed(void)
{
	int *v = calloc(5, sizeof(int));
	if (v == NULL)
		return NULL;
	for (int i = 0; i < 5; i++)
		v[i] = i;
	return v;
}

void pointer_flawed(void)
{
	char buf[10];
	char *p = buf + 8;
	p[0] = 'a';
	p[2] = 'b'; // EXPECT: OXI-C0021
}

void narrowed_fixed(void)
{
	int last[4];
	for (int i = 0; i < 8; i++) {
		if (i < 4)
			last[i] = i;
	}
	for (int j = 0; j < 8; j++) {
		if (j >= 4)
			continue;
		last[j] = 0;
	}
	last[0]++;
}

void dead_branch_fixed(void)
{
	int v[10];
	for (int i = 0; i < 10; i++) {
		v[i] = 0;
		if (i == 10)
			v[i] = 1;
	}
	v[0]++;
}

void guarded_fixed(int *out)
{
	int d[4] = {0};
	for (int i = 0; i <= 4; i++)
		out[i] = i < 4 && d[i] > 0; // EXPECT: OXI-C0022=low
}

void matrix_flawed(void)
{
	int m[3][4];
	for (int r = 0; r < 3; r++)
		for (int c = 0; c <= 4; c++)
			m[r][c] = 0; // EXPECT: OXI-C0021
	m[0][0]++;
}

static void fill(char *dst, int n)
{
	for (int i = 0; i < n; i++)
		dst[i] = 0;
	dst[8] = 1; // EXPECT: OXI-C0021
}

void fill_callers(void)
{
	char a[8];
	char b[16];
	fill(a, 8);
	fill(b, 16);
}
