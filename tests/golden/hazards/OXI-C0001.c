/* OXI-C0001 strcpy-unbounded: strcpy into a buffer whose size does not bound
 * the copy. The fixed variants bound the copy, or copy a literal that is known
 * to fit (not reported at all); a literal into a buffer it provably overruns
 * is OXI-C0021 instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user {
	char name[32];
	int id;
};

void set_name_flawed(struct user *u, const char *name)
{
	char tmp[32];
	strcpy(tmp, name); // EXPECT: OXI-C0001
	memcpy(u->name, tmp, sizeof tmp);
}

void set_name_fixed(struct user *u, const char *name)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%s", name);
	memcpy(u->name, tmp, sizeof tmp);
}

const char *default_shell_flawed(char *out)
{
	/* The destination's size is unknown here: a literal source makes it
	 * less likely to be wrong, so the finding is low. */
	strcpy(out, "/bin/sh"); // EXPECT: OXI-C0001=low
	return out;
}

void greeting_fixed(void)
{
	char msg[16];
	strcpy(msg, "hello, world"); // EXPECT: none
	puts(msg);
}

void greeting_too_long(void)
{
	char msg[8];
	strcpy(msg, "hello, world"); // EXPECT: OXI-C0021
	puts(msg);
}

char *copy_path_fixed(const char *path)
{
	char *p = malloc(64);
	if (p == NULL)
		return NULL;
	strcpy(p, "/var/lib/app/"); // EXPECT: none
	snprintf(p + 13, 64 - 13, "%s", path);
	return p;
}

void wide_flawed(wchar_t *dst, const wchar_t *src)
{
	wcscpy(dst, src); // EXPECT: OXI-C0001
}

char *append_flawed(char *dst, const char *a, const char *b)
{
	return stpcpy(stpcpy(dst, a), b); // EXPECT: OXI-C0001
}
