/* OXI-C0006 strn-error-prone: strncpy/strncat/wcsncpy are bounded but leave
 * the destination unterminated, or take the wrong bound. Always low confidence
 * (hidden by default): the call may well be right. A bound that provably
 * exceeds the destination is OXI-C0021 (high) instead; a bound written as
 * sizeof of a pointer is OXI-C0024 as well. */
#include <stdio.h>
#include <string.h>

struct host {
	char name[64];
};

void set_host_flawed(struct host *h, const char *name)
{
	char tmp[64];
	strncpy(tmp, name, sizeof tmp); // EXPECT: OXI-C0006=low
	memcpy(h->name, tmp, sizeof tmp);
}

void set_host_fixed(struct host *h, const char *name)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%s", name);
	memcpy(h->name, tmp, sizeof tmp);
}

void copy_tag_overrun(const char *tag)
{
	char buf[8];
	strncpy(buf, tag, 16); // EXPECT: OXI-C0021
	buf[7] = '\0';
	puts(buf);
}

void copy_tag_pointer_size(char *dst, const char *tag)
{
	strncpy(dst, tag, sizeof(dst)); // EXPECT: OXI-C0006=low OXI-C0024
}
