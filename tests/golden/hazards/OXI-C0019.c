/* OXI-C0019 uninitialized-read: a local read before it is written. High on a
 * straight path from the declaration; low when the variable is written later
 * in an enclosing loop (an earlier iteration may have written it), when the
 * function calls a macro (an upper-case name, or one #defined in the file) and
 * the variable is assigned nowhere in the body, or when a preprocessor
 * conditional lies between the declaration and the read. A local array read at
 * a constant index before any element was written is medium (only if the
 * array is never passed on); heap memory from malloc read before any write is
 * low. Taking the address (&x), passing the variable to an unknown function or
 * macro, or reading it through scanf counts as writing it. */
#include <stdio.h>
#include <stdlib.h>

static int lookup(int key, int *out);

int total_flawed(const int *v, int n)
{
	int sum;
	for (int i = 0; i < n; i++)
		sum += v[i]; // EXPECT: OXI-C0019
	return sum;
}

int total_fixed(const int *v, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += v[i];
	return sum;
}

int code_flawed(int key)
{
	int code;
	printf("%d\n", code); // EXPECT: OXI-C0019=high
	lookup(key, &code);
	return code;
}

int code_fixed(int key)
{
	int code;
	if (lookup(key, &code) < 0)
		return -1;
	printf("%d\n", code);
	return code;
}

int last_flawed(const int *v, int n)
{
	int prev;
	int changes = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && v[i] != prev) // EXPECT: OXI-C0019=low
			changes++;
		prev = v[i];
	}
	return changes;
}

int pointer_flawed(void)
{
	int *slot;
	*slot = 1; // EXPECT: OXI-C0019
	return 0;
}

int pointer_fixed(void)
{
	int value;
	int *slot = &value;
	*slot = 1;
	return value;
}

static int lookup(int key, int *out)
{
	if (key < 0)
		return -1;
	*out = key * 2;
	return 0;
}

int handler_flawed(void)
{
	int *result;
	return lookup(1, result); // EXPECT: OXI-C0019
}

int table_flawed(void)
{
	int table[4];
	return table[2]; // EXPECT: OXI-C0019=medium
}

int table_fixed(void)
{
	int table[4] = {0};
	return table[2];
}

int macro_fixed(int fd)
{
	int flags;
	GET_FLAGS(fd, flags);
	return flags;
}

int config_flawed(void)
{
	int level;
#ifdef VERBOSE
	puts("reading level");
#endif
	return level; // EXPECT: OXI-C0019=low
}

long heap_flawed(size_t n)
{
	long *v = malloc(n * sizeof *v);
	if (v == NULL)
		return 0;
	long first = v[0]; // EXPECT: OXI-C0019=low
	free(v);
	return first;
}

long heap_fixed(size_t n)
{
	long *v = calloc(n, sizeof *v);
	if (v == NULL)
		return 0;
	long first = v[0];
	free(v);
	return first;
}

int scanned_fixed(void)
{
	int n;
	if (scanf("%d", &n) != 1)
		return -1;
	return n;
}
