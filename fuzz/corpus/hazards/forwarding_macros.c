/* Function-like macros of the file that only forward to a library function
 * (issue 12): read as that function, with their arguments mapped. A macro
 * that does more than forward (`memcpy(d, s, n) + n`) stays unknown. */
#include <alloca.h>
#include <stdlib.h>
#include <string.h>

#define ALLOCA(n) alloca(n)
#define release_block(p) (void) free(p)
#define copy_bytes(dst, src, n) memcpy((dst), (src), (n))
#define copy_advance(dst, src, n) (((char *) memcpy(dst, src, n)) + (n))
#define pool_alloc(pool, size) malloc(size)

void stack_scratch(size_t n)
{
	char *p = ALLOCA(n); // EXPECT: OXI-C0011=low
	p[0] = 0;
}

void release_flawed(char *q)
{
	release_block(q);
	q[0] = 0; // EXPECT: OXI-C0014
}

void release_fixed(char *q)
{
	q[0] = 0;
	release_block(q);
}

void copy_flawed(const char *s)
{
	char buf[8];
	copy_bytes(buf, s, 16); // EXPECT: OXI-C0021
}

void copy_fixed(const char *s)
{
	char buf[8];
	copy_bytes(buf, s, sizeof buf);
}

char *copy_advance_unknown(char *to, const char *s)
{
	return copy_advance(to, s, 16);
}

void pool_flawed(void *pool)
{
	char *p = pool_alloc(pool, 10);
	if (p == NULL)
		return;
	p[10] = 0; // EXPECT: OXI-C0021
	free(p);
}

void pool_fixed(void *pool)
{
	char *p = pool_alloc(pool, 10);
	if (p == NULL)
		return;
	p[9] = 0;
	free(p);
}
