/* OXI-C0003 sprintf-unbounded: sprintf/vsprintf into a buffer whose size does
 * not bound the output. Not reported when the destination's size is known and
 * the format's longest output (literal format; %d, %u, %x, %o, %c, %p and %.Ns
 * have a bound) fits it. */
#include <stdarg.h>
#include <stdio.h>

void label_flawed(int id, const char *name)
{
	char label[32];
	sprintf(label, "%s-%d", name, id); // EXPECT: OXI-C0003
	puts(label);
}

void label_fixed(int id, const char *name)
{
	char label[32];
	snprintf(label, sizeof label, "%s-%d", name, id);
	puts(label);
}

void port_fixed(int port)
{
	char text[16];
	sprintf(text, "%d", port); // EXPECT: none
	puts(text);
}

void port_flawed(long port)
{
	char text[16];
	sprintf(text, "%ld", port); // EXPECT: OXI-C0003
	puts(text);
}

void short_name_fixed(const char *name, unsigned id)
{
	char text[24];
	sprintf(text, "%.8s:%08x", name, id); // EXPECT: none
	puts(text);
}

void vlog_flawed(char *out, const char *fmt, va_list ap)
{
	vsprintf(out, fmt, ap); // EXPECT: OXI-C0003
}

void vlog_fixed(char *out, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(out, size, fmt, ap);
}

void unknown_destination_flawed(char *out, int code)
{
	sprintf(out, "code %d", code); // EXPECT: OXI-C0003=low
}
