/* OXI-C0022 out-of-bounds-read: an index or copy size that reads past the
 * declared or allocated length (the same lengths and ranges as OXI-C0021);
 * memcpy/memmove of a constant larger than a source of known size. */
#include <string.h>

static int days_in_month[12];

void init_calendar(void)
{
	for (int m = 0; m < 12; m++)
		days_in_month[m] = m == 1 ? 28 : 30 + ((m + m / 7) & 1);
}

int year_days_flawed(void)
{
	int total = 0;
	for (int m = 1; m <= 12; m++)
		total += days_in_month[m]; // EXPECT: OXI-C0022
	return total;
}

int year_days_fixed(void)
{
	int total = 0;
	for (int m = 0; m < 12; m++)
		total += days_in_month[m];
	return total;
}

int last_char_flawed(void)
{
	const char *s = "abc";
	return s[3] + s[4]; // EXPECT: OXI-C0022
}

int last_char_fixed(void)
{
	const char *s = "abc";
	return s[2] + s[3];
}

void copy_header_flawed(unsigned char *dst)
{
	unsigned char hdr[4] = {1, 2, 3, 4};
	memcpy(dst, hdr, 8); // EXPECT: OXI-C0022
}

void copy_header_fixed(unsigned char *dst)
{
	unsigned char hdr[4] = {1, 2, 3, 4};
	memcpy(dst, hdr, sizeof hdr);
}
