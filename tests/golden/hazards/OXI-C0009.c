/* OXI-C0009 format-not-literal: the format argument of a printf-family call
 * holds no string literal. High when the format is the only argument
 * (printf(msg)), medium when arguments follow, low when it is a parameter of
 * the enclosing function (a wrapper; the caller may pass a literal). Not
 * reported when the argument contains a literal anywhere
 * (cond ? "a" : "b", _("text")), nor for a v*printf call given the enclosing
 * function's own format parameter (a printf-like wrapper). */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

void show_flawed(const char *user_text)
{
	char line[128];
	snprintf(line, sizeof line, "> %s", user_text);
	printf(line); // EXPECT: OXI-C0009=high
}

void show_fixed(const char *user_text)
{
	char line[128];
	snprintf(line, sizeof line, "> %s", user_text);
	printf("%s", line);
}

void log_flawed(int prio, const char *msg)
{
	syslog(prio, msg); // EXPECT: OXI-C0009=low
}

void log_fixed(int prio, const char *msg)
{
	syslog(prio, "%s", msg);
}

void status_fixed(int ok)
{
	printf(ok ? "ok\n" : "failed\n");
}

void logf_wrapper_fixed(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void table_flawed(const char *rows[], int i, int width)
{
	const char *fmt = rows[i];
	fprintf(stdout, fmt, width); // EXPECT: OXI-C0009=medium
}

void into_flawed(char *out, const char *pattern, int n)
{
	sprintf(out, pattern, n); // EXPECT: OXI-C0003 OXI-C0009
}
