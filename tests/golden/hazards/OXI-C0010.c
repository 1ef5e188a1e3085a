/* OXI-C0010 alloc-size-overflow: a malloc-like size with a multiplication at
 * its top level that is not a constant. Always low confidence (hidden by
 * default): most products are bounded elsewhere. calloc, reallocarray,
 * kcalloc and kmalloc_array check the product and are not reported; nor is a
 * product of constants (sizeof, macros, known values). */
#include <stdint.h>
#include <stdlib.h>

#define MAX_POINTS 1024

struct point {
	int32_t x, y;
};

struct point *alloc_points_flawed(size_t count)
{
	struct point *p = malloc(count * sizeof(struct point)); // EXPECT: OXI-C0010=low
	return p;
}

struct point *alloc_points_fixed(size_t count)
{
	struct point *p = calloc(count, sizeof(struct point)); // EXPECT: none
	return p;
}

struct point *grow_points_fixed(struct point *old, size_t count)
{
	return reallocarray(old, count, sizeof(struct point)); // EXPECT: none
}

int32_t *table_fixed(void)
{
	int32_t *t = malloc(MAX_POINTS * sizeof(int32_t)); // EXPECT: none
	return t;
}
