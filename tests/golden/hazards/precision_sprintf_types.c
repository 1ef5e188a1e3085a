/* The longest output of sprintf depends on the arguments' types: "%02x" of
 * an unsigned char is two digits, of a (signed) char promoted to a
 * negative int eight. */
#include <stdio.h>

void escape_fixed(const unsigned char *s, char *out)
{
	for (; *s; s++) {
		const unsigned char c = *s;
		char str[10];
		sprintf(str, "\\x%02x", c);
		out[0] = str[0];
	}
}

void escape_cast_fixed(const char *s, char *out)
{
	char str[5];
	sprintf(str, "\\x%02x", (unsigned char)*s);
	out[0] = str[0];
}

void escape_flawed(const char *s, char *out)
{
	const char c = *s;
	char str[5];
	sprintf(str, "\\x%02x", c); // EXPECT: OXI-C0003=medium
	out[0] = str[0];
}

/* A %s argument held in an array of known size is at most that long. */
void background_fixed(const char *name, char *out)
{
	char back[32];
	char info[64];
	snprintf(back, sizeof back, "%s", name);
	sprintf(info, " on background %s", back);
	out[0] = info[0];
}

void background_flawed(const char *name, char *out)
{
	char back[32];
	char info[24];
	snprintf(back, sizeof back, "%s", name);
	sprintf(info, " on background %s", back); // EXPECT: OXI-C0003=medium
	out[0] = info[0];
}

/* An element of a constant table of literals is at most its longest string
 * (libpng's pngstest: `static const char *const format_names[]`). A table
 * whose pointers may change proves nothing. */
static const char *const pixel_format_names[] = { "linear-gray", "linear-gray-alpha", "rgb", NULL };
static const char *pixel_format_labels[] = { "gray", "rgb" };

void name_pixel_fixed(int value, int format)
{
	char text[64];
	sprintf(text, "%s(%d)", pixel_format_names[format], value);
	puts(text);
}

void name_pixel_flawed(int value, int format)
{
	char text[64];
	sprintf(text, "%s(%d)", pixel_format_labels[format], value); // EXPECT: OXI-C0003
	puts(text);
}
