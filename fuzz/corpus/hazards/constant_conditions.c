/* Constant conditions (issue 12): a macro compared with its value, a
 * `static const int` flag, a function of the file that only returns a
 * constant. The dead branch is dead both ways: no finding in it, and the
 * live branch is read as the only one. */
#include <stdio.h>
#include <stdlib.h>

#define FIVE 5
static const int tracing = 0;
static const int checking = 1;
static int feature_enabled(void)
{
	return 0;
}
static int mode(void)
{
#ifdef FAST_MODE
	return 1;
#endif
	return 0;
}

void macro_condition_flawed(void)
{
	char buf[10];
	if (FIVE == 5)
		buf[10] = 0; // EXPECT: OXI-C0021
	puts(buf);
}

void macro_condition_fixed(void)
{
	char buf[10];
	if (FIVE != 5)
		buf[10] = 0;
	buf[9] = 0;
	puts(buf);
}

void flag_fixed(void)
{
	char buf[10];
	if (tracing)
		buf[10] = 0;
	buf[0] = 0;
	puts(buf);
}

void flag_flawed(void)
{
	char buf[10];
	if (checking)
		buf[10] = 0; // EXPECT: OXI-C0021
	puts(buf);
}

void stub_fixed(void)
{
	char buf[10];
	if (feature_enabled())
		buf[10] = 0;
	buf[0] = 0;
	puts(buf);
}

/* The live branch is the only way: the pointer is freed on every path. */
void stub_else_flawed(char *p)
{
	if (feature_enabled())
		p = NULL;
	else
		free(p);
	p[0] = 0; // EXPECT: OXI-C0014
}

/* A function whose other return sits in an #if branch is no constant. */
void conditional_stub_fixed(void)
{
	char *p = malloc(4);
	if (p == NULL)
		return;
	if (mode() == 0)
		free(p);
	else
		p[0] = 0;
	if (mode() != 0)
		free(p);
}

/* A stub inside #if stands in for a system function on one platform
 * (openssl's rehash.c on VxWorks): its constant is no fact elsewhere. */
#if defined(NO_SYMLINKS)
long read_link(const char *path, char *buf, unsigned long size)
{
	return -1;
}
#endif

int link_target_fixed(const char *path)
{
	char target[256];
	long n = read_link(path, target, sizeof target);
	if (n < 0 || n >= (long)sizeof target)
		return -1;
	target[n] = 0;
	return target[0];
}

/* A dead then branch with an else: what it would have initialised is not
 * initialised (ITC uninit_var_004). */
float dead_then_with_else_flawed(void)
{
	float value, other, result;
	if (tracing != 0)
		value = 10.0f;
	else if (checking == 0)
		other = 2.0f;
	else
		;
	result = value; // EXPECT: OXI-C0019
	return result + other; // EXPECT: OXI-C0019
}

float live_then_with_else_fixed(void)
{
	float value;
	if (checking != 0)
		value = 10.0f;
	else
		value = 1.0f;
	return value;
}
