/* sizeof of a pointer where a size is expected is the pointer's size, not
 * the buffer's: a finding, except when the pointer itself is what is
 * copied (`memcpy(&p, blob, sizeof p)`) or when it sizes an array of
 * pointers (`n * sizeof(handle)`). */
#include <stdlib.h>
#include <string.h>

struct cursor;

struct cursor *cursor_from_blob(const void *blob)
{
	struct cursor *p;
	memcpy(&p, blob, sizeof(p));
	return p;
}

void cursor_to_blob(void *blob, struct cursor *p)
{
	memcpy(blob, &p, sizeof p);
}

void **copy_handles(void **handles, int n)
{
	void *handle = handles[0];
	void **copy = malloc(sizeof(handle) * n);
	if (copy == NULL)
		return NULL;
	memcpy(copy, handles, sizeof(handle) * n);
	return copy;
}

void clear_flawed(char *buf)
{
	memset(buf, 0, sizeof(buf)); // EXPECT: OXI-C0024=medium
}

void clear_fixed(char *buf, size_t size)
{
	memset(buf, 0, size);
}
