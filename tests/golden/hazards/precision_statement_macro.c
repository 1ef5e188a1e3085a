/* An object-like macro of the file whose body assigns (`#define GETBREAK
 * inchar = getchar(); ...`) writes the names it uses where it is named. */
#include <stdio.h>

#define GETBREAK inchar = getchar(); c = (inchar & 0xffU); if (inchar != c) break

int statement_macro_fixed(void)
{
	int inchar;
	unsigned char c;
	for (;;) {
		GETBREAK;
		putchar(c);
	}
	return inchar == c;
}

int no_macro_flawed(void)
{
	int inchar;
	return inchar; // EXPECT: OXI-C0019=high
}
