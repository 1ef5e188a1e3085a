/* sprintf of strings the function measured first (issue 12): gregbook's
 * title bar takes both strings' lengths and compares their sum with the
 * buffer before formatting them. That is a bound the author wrote, so the
 * call is low; the same call with no length taken is medium. */
#include <stdio.h>
#include <string.h>

static char titlebar[1024];

void set_title_flawed(const char *appname, const char *filename)
{
	sprintf(titlebar, "%s:  %s", appname, filename); // EXPECT: OXI-C0003
}

void set_title_fixed(const char *appname, const char *filename)
{
	int alen = strlen(appname);
	int flen = strlen(filename);
	if (alen + flen + 3 > 1023)
		sprintf(titlebar, "%s:  ...%s", appname, filename + (alen + flen + 6 - 1023)); // EXPECT: OXI-C0003=low
	else
		sprintf(titlebar, "%s:  %s", appname, filename); // EXPECT: OXI-C0003=low
}

/* Flawed: only one of the two strings was measured. */
void set_title_half(const char *appname, const char *filename)
{
	int alen = strlen(appname);
	if (alen > 1000)
		return;
	sprintf(titlebar, "%s:  %*s", appname, 10, filename); // EXPECT: OXI-C0003
}
