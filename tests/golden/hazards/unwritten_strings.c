/* A local array read as a string before anything wrote it (ITC
 * uninit_var_009): a copy's source, a comparison, a length, a printf %s. Each flawed read has a
 * fixed twin; reads that something may have preceded stay silent. */
#include <stdio.h>
#include <string.h>

void copy_flawed(void)
{
	char name[25];
	char copy[25];
	strcpy(copy, name); // EXPECT: OXI-C0019
	puts(copy);
}

void copy_fixed(void)
{
	char name[25] = "";
	char copy[25];
	strcpy(copy, name);
	puts(copy);
}

int compare_flawed(const char *user)
{
	char expected[32];
	return strcmp(user, expected) == 0; // EXPECT: OXI-C0019
}

int compare_fixed(const char *user)
{
	char expected[32];
	snprintf(expected, sizeof expected, "user-%d", 7);
	return strcmp(user, expected) == 0;
}

size_t length_flawed(void)
{
	char line[80];
	return strlen(line); // EXPECT: OXI-C0019
}

size_t length_fixed(FILE *f)
{
	char line[80];
	if (!fgets(line, sizeof line, f))
		return 0;
	return strlen(line);
}

void print_flawed(int code)
{
	char label[16];
	printf("%d %s\n", code, label); // EXPECT: OXI-C0019
}

void print_fixed(int code)
{
	static char label[16];
	printf("%d %s\n", code, label);
}

/* Written through an alias before the read: silent. */
size_t alias_fixed(void)
{
	char name[25];
	char *p = name;
	*p = '\0';
	return strlen(name);
}

/* A loop: the read on one pass may see what the previous pass wrote. */
void loop_fixed(int n)
{
	char last[25];
	for (int i = 0; i < n; i++) {
		if (i > 0)
			puts(last);
		snprintf(last, sizeof last, "%d", i);
	}
}
