void f(struct pool *pool, char *p, const char *src, int n)
{
	char buf[16];
	char *q = xalloc(32);
	cpy(n, buf, src);
	cpy(100, buf);
	pfree(pool, p);
	pfree(pool, p);
	pfree();
	fmt(buf);
	q[0] = 0;
}
