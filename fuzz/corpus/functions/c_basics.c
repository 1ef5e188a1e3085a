/* Plain C definitions, declarations that are not definitions, and metrics. */
#include <stdio.h>

int prototype(int a, int b);          /* a declaration: not a function */
extern void (*callback)(int);          /* a function pointer: not a function */
#define MAX(a, b) ((a) > (b) ? (a) : (b))  /* a function-like macro: not a function */
static const int table[] = { 1, 2, 3 };   /* an initialiser that looks like a body */
struct point { int x, y; } origin = { 0, 0 };

// EXPECT: name=empty ccn=1 params=0 nesting=0 nloc=1
void empty(void) {}

// EXPECT: name=decisions ccn=9 ccn_modified=9 params=2 nesting=2
int decisions(int a, int b)
{
	if (a && b)
		return 1;
	for (int i = 0; i < a; i++) {
		while (b--) {
			if (i || b) continue;
		}
	}
	do { a--; } while (a > 0);
	return a ? 1 : 0;
}

// EXPECT: name=switcher ccn=4 ccn_modified=2 params=1
int switcher(int k)
{
	switch (k) {
	case 1: return 10;
	case 2: return 20;
	case 3: return 30;
	default: return 0;
	}
}

static inline int
// EXPECT: name=kernel_style ccn=1 params=3 nloc=4
kernel_style(const char *s, size_t n, int flags)
{
	return 0;
}

// EXPECT: name=variadic params=2
int variadic(const char *fmt, ...) { return 0; }
