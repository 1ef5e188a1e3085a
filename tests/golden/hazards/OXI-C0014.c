/* OXI-C0014 use-after-free: a pointer dereferenced after free in the same
 * function. High on a straight path; medium when it was freed on some path
 * only (a branch that fell through) and that path leads straight to the use;
 * low inside a later branch (its condition may exclude the freeing path), or
 * when a preprocessor conditional lies between the free and the use. Not
 * reported after the pointer is reassigned, after a branch that frees and
 * returns, or when the free is in dead code. */
#include <stdlib.h>
#include <string.h>

struct conn {
	int fd;
	char *buf;
};

void conn_close(struct conn *c);

int release_flawed(struct conn *c)
{
	free(c->buf);
	free(c);
	return c->fd; // EXPECT: OXI-C0014=high
}

int release_fixed(struct conn *c)
{
	int fd = c->fd;
	free(c->buf);
	free(c);
	return fd;
}

int handle_error_flawed(struct conn *c, int err)
{
	if (err)
		free(c);
	return c->fd; // EXPECT: OXI-C0014=medium
}

int handle_error_fixed(struct conn *c, int err)
{
	if (err) {
		free(c);
		return -1;
	}
	return c->fd;
}

int later_branch_flawed(struct conn *c, int err, int verbose)
{
	if (err)
		free(c);
	if (verbose)
		return c->fd; // EXPECT: OXI-C0014=medium
	return 0;
}

char *reuse_fixed(char *p, size_t n)
{
	free(p);
	p = malloc(n);
	if (p == NULL)
		return NULL;
	p[0] = '\0';
	return p;
}

int config_flawed(struct conn *c)
{
	free(c);
#ifdef CONN_DEBUG
	conn_close(c);
#endif
	return c->fd; // EXPECT: OXI-C0014=low
}

int dead_code_fixed(struct conn *c)
{
	if (0)
		free(c);
	return c->fd;
}
