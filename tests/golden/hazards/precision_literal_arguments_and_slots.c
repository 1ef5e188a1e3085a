/* sprintf's longest output and string copies, where the strings are known
 * short or the buffers are slots of a table:
 *  - a parameter every caller of the file gives a literal (or a local that
 *    holds only literals) is at most the longest of them (libpng's
 *    pngstest logpixel `reason`); a local given only literals, NULL
 *    included, is too;
 *  - a format split into adjacent literals is one format;
 *  - `table + i * MAX_PATH`, or `table + ii` with `ii` only ever 0,
 *    `j * MAX_PATH` or `+= MAX_PATH`, is a MAX_PATH slot (VisualPng's file
 *    list): copies between slots, or between a slot and a MAX_PATH array,
 *    fit;
 *  - a typedef of a pointer at file scope is a type, not a variable;
 *  - NULL given for a parameter does not hide what the other callers pass;
 *  - the kernel's `%pISpc` has no longest output, unlike `%p`.
 * Each fixed variant has a flawed twin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const char *message_t;

static int log_fixed(const char *reason, int x)
{
	char pixel[16];
	char line[80];
	const char *via = "";
	if (x > 1)
		via = " (via linear)";
	sprintf(pixel, "%d", x);
	sprintf(line, "(%s) %s error%s:\n"
	        " examine the file", pixel, reason, via);
	return puts(line);
}

int compare_fixed(int a, int b)
{
	message_t why;
	why = NULL;
	if (a)
		why = "alpha";
	if (b)
		why = "transparent component";
	return log_fixed(why, a) + log_fixed("short", b);
}

/* One caller's literal is too long for the buffer: the longest counts. */
static int log_long_literal_flawed(const char *reason)
{
	char line[32];
	sprintf(line, "error: %s", reason); // EXPECT: OXI-C0003
	return puts(line);
}

int caller_long_literal(int a)
{
	if (a)
		return log_long_literal_flawed("a message far longer than the buffer it goes to");
	return log_long_literal_flawed("short");
}

/* One caller passes a string of any length. */
static int log_any_flawed(const char *reason)
{
	char line[32];
	sprintf(line, "error: %s", reason); // EXPECT: OXI-C0003
	return puts(line);
}

int caller_any(const char *from_user)
{
	return log_any_flawed("short") + log_any_flawed(from_user);
}

/* The body points the parameter elsewhere: the callers' literals say nothing. */
static int log_reassigned_flawed(const char *reason, const char *other)
{
	char line[32];
	if (other != NULL)
		reason = other;
	sprintf(line, "error: %s", reason); // EXPECT: OXI-C0003
	return puts(line);
}

int caller_reassigned(const char *from_user)
{
	return log_reassigned_flawed("short", from_user);
}

/* Adjacent literals: the whole format counts, and it does not fit. */
int split_format_flawed(int x)
{
	char line[24];
	sprintf(line, "a value of %d is out of range; "  // EXPECT: OXI-C0003
	        "pick another", x);
	return puts(line);
}

#define MAX_PATH 260

int slots_fixed(char **list, const char *dir, int count)
{
	static char tmp[MAX_PATH];
	static char path[MAX_PATH];
	int i, ii = 0, j, jj;
	*list = malloc(count * MAX_PATH);
	if (*list == NULL)
		return -1;
	ii = 0;
	for (i = 0; i < count; i++) {
		strcpy(*list + ii, path);
		ii += MAX_PATH;
	}
	for (i = 0; i < count - 1; i++) {
		ii = i * MAX_PATH;
		for (j = i + 1; j < count; j++) {
			jj = j * MAX_PATH;
			if (strcmp(*list + ii, *list + jj) > 0) {
				strcpy(tmp, *list + jj);
				strcpy(*list + jj, *list + ii);
				strcpy(*list + ii, tmp);
			}
		}
	}
	strcpy(path, *list + (count - 1) * MAX_PATH);
	return dir != NULL;
}

/* A source larger than a slot, and an offset that is no multiple of it. */
int slots_flawed(char *list, int count)
{
	char wide[MAX_PATH * 2];
	static char name[MAX_PATH];
	int ii = 0;
	fgets(wide, sizeof wide, stdin);
	strcpy(list + count * MAX_PATH, wide); // EXPECT: OXI-C0001
	ii = count * MAX_PATH + 8;
	strcpy(name, list + ii); // EXPECT: OXI-C0001
	return 0;
}

/* Every caller passes a MAX_PATH array: the parameter holds one. */
static int next_entry_fixed(const char *list, int index, char *next)
{
	strcpy(next, list + index * MAX_PATH);
	return 0;
}

int browse(const char *list, int index)
{
	static char current[MAX_PATH];
	static char other[MAX_PATH];
	return next_entry_fixed(list, index, current) + next_entry_fixed(list, index, other);
}

/* One caller's array is smaller than a slot. */
static int next_entry_flawed(const char *list, int index, char *next)
{
	strcpy(next, list + index * MAX_PATH); // EXPECT: OXI-C0001
	return 0;
}

int browse_small(const char *list, int index)
{
	char small[64];
	static char current[MAX_PATH];
	return next_entry_flawed(list, index, small) + next_entry_flawed(list, index, current);
}

/* Sizes from a header this file does not hold (VisualPng's MAX_PATH from
 * windows.h): NULL for one parameter, such an array for the other. */
static int neighbour_fixed(const char *list, int index, char *previous, char *next)
{
	if (previous != NULL)
		strcpy(previous, list + index * PATH_SLOT);
	if (next != NULL)
		strcpy(next, list + (index + 1) * PATH_SLOT);
	return 0;
}

int browse_neighbours(const char *list, int index)
{
	static char current[PATH_SLOT];
	return neighbour_fixed(list, index, NULL, current) + neighbour_fixed(list, index, current, NULL);
}

static int neighbour_flawed(const char *list, int index, char *next)
{
	strcpy(next, list + index * PATH_SLOT); // EXPECT: OXI-C0001
	return 0;
}

int browse_neighbours_small(const char *list, int index)
{
	static char current[PATH_SLOT];
	static char name[NAME_SLOT];
	return neighbour_flawed(list, index, current) + neighbour_flawed(list, index, name);
}

/* The kernel's %p extensions: an IPv4 address is at most 15 characters, a
 * MAC address 17; a socket address with its port has no listed length, so
 * nothing proves it fits a known buffer (into a page of unknown size it
 * stays low, like any short known output). */
int address_flawed(char *page, const void *addr)
{
	char text[24];
	sprintf(text, "peer %pISpc", addr); // EXPECT: OXI-C0003
	sprintf(page, "%pISpc\n", addr);
	return sprintf(page, "%s\n", text);
}

int address_too_long_flawed(const void *addr)
{
	char text[16];
	sprintf(text, "at %pI4", addr); // EXPECT: OXI-C0003
	return puts(text);
}

int address_fixed(const void *addr, const unsigned char *mac)
{
	char ip[16];
	char hw[18];
	char text[24];
	sprintf(ip, "%pI4", addr);
	sprintf(hw, "%pM", mac);
	sprintf(text, "at %p", addr);
	return puts(ip) + puts(hw) + puts(text);
}
