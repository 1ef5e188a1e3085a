/* OXI-C0012 variable-length-array: an array whose first dimension is sized by
 * a local variable or a parameter. Not reported when the size is a constant,
 * including an integer macro of the file and an upper-case name the file does
 * not define (a constant from a header), when the sizing variable's value is
 * known at that point, or for a static array. */
#include <string.h>

#define LINE_MAX 256

void checksum_flawed(const unsigned char *data, unsigned n)
{
	unsigned char copy[n]; // EXPECT: OXI-C0012=low
	memcpy(copy, data, n);
}

int checksum_fixed(const unsigned char *data, unsigned n)
{
	unsigned char copy[LINE_MAX];
	if (n > sizeof copy)
		return -1;
	memcpy(copy, data, n);
	return copy[0];
}

void path_fixed(void)
{
	char path[PATH_MAX]; // EXPECT: none
	path[0] = '\0';
}

void known_size_fixed(void)
{
	int n = 16;
	char buf[n]; // EXPECT: none
	buf[0] = 0;
}
