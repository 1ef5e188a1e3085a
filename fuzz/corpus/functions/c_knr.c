/* K&R definitions: parameter declarations between ')' and '{'. */
// EXPECT: name=knr ccn=2 params=2
int knr(a, b)
int a;
char *b;
{
	while (a) a--;
	return 0;
}

EXPORT_SYMBOL(knr);
struct after { int x; };

// EXPECT: name=modern ccn=1 params=1
int modern(struct after *p) { return p->x; }
