/* OXI-C0026 pointer-subtraction-unrelated: two pointers subtracted while they
 * point into different arrays or heap blocks of known size. Not reported for
 * pointers into the same object, or when either object's size is unknown
 * (linker symbols such as `extern char _start[]` bound one region). */
#include <stddef.h>

extern char __start_data[], __stop_data[];

ptrdiff_t distance_flawed(void)
{
	char head[16];
	char tail[16];
	char *h = head;
	char *t = tail + 4;
	return t - h; // EXPECT: OXI-C0026
}

ptrdiff_t distance_fixed(void)
{
	char line[32];
	char *h = line;
	char *t = line + 20;
	return t - h;
}

size_t section_size_fixed(void)
{
	return (size_t)(__stop_data - __start_data);
}
