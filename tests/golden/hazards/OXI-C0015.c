/* OXI-C0015 double-free: the same pointer freed twice in one function. High on
 * a straight path, medium/low when the first free happened on some path only
 * (as for OXI-C0014). Not reported when the pointer is set to NULL (or
 * reassigned) between the two, or when the first free's branch returns. */
#include <stdlib.h>

struct buf {
	char *data;
	size_t len;
};

int parse(struct buf *b);

int load_flawed(struct buf *b)
{
	if (parse(b) < 0) {
		free(b->data);
		free(b);
		return -1;
	}
	char *tmp = b->data;
	free(tmp);
	free(tmp); // EXPECT: OXI-C0015=high
	return 0;
}

int load_fixed(struct buf *b)
{
	char *tmp = b->data;
	free(tmp);
	tmp = NULL;
	free(tmp);
	return 0;
}

void cleanup_flawed(char *p, int failed)
{
	if (failed)
		free(p);
	free(p); // EXPECT: OXI-C0015=medium
}

void cleanup_fixed(char *p, int failed)
{
	if (failed) {
		free(p);
		return;
	}
	free(p);
}
