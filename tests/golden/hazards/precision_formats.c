/* A format is a literal when it is held in a `static const char[]`, in a
 * file-scope string never changed, in a `#define` of a string, or in a
 * variable of the function given only literals; a name in capitals that is
 * no variable is a macro from a header, nearly always a string (low). An
 * `extern` prototype inside a body declares, it calls nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define USAGE "usage: %s FILE\n"

static const char help[] = "usage: %s [-v] FILE\n";
static const char *banner = "%s version %d\n";
static const char *changing = "%d\n";

void set_changing(const char *f) { changing = f; }

void static_array_fixed(const char *argv0)
{
	printf(help, argv0);
	printf(USAGE, argv0);
	printf(banner, argv0, 3);
}

void global_changed_flawed(int n)
{
	printf(changing, n); // EXPECT: OXI-C0009=medium
}

void local_literals_fixed(int wide, unsigned offset)
{
	const char *fmt = " %05x: ";
	if (wide)
		fmt = " %08x: ";
	fprintf(stdout, fmt, offset);
	const char *other = wide ? "%lu\n" : "%u\n";
	printf(other, offset);
}

void local_from_input_flawed(unsigned offset)
{
	char fmt[64];
	const char *use = " %05x: ";
	if (fgets(fmt, sizeof fmt, stdin))
		use = fmt;
	fprintf(stdout, use, offset); // EXPECT: OXI-C0009=medium
}

void header_macro_fixed(void)
{
	fprintf(stderr, PNG_STRING_NEWLINE);
}

int extern_prototype_fixed(char *out, size_t size, const char *format, va_list ap)
{
	extern int vsnprintf(char *str, size_t size, const char *format, va_list ap);
	return vsnprintf(out, size, format, ap);
}
