/* OXI-C0023 before-start-of-buffer: a negative index, or a loop or pointer
 * offset that reaches before the first element, in an array or a buffer of
 * known start. High confidence, low when a guard in the same expression may
 * exclude the loop's first values (`i > 0 && a[i - 1]`). */
#include <stddef.h>

int previous_flawed(const int *v)
{
	int hist[8] = {0};
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += hist[i - 1]; // EXPECT: OXI-C0023
	return sum + v[0];
}

int previous_fixed(const int *v)
{
	int hist[8] = {0};
	int sum = 0;
	for (int i = 1; i < 8; i++)
		sum += hist[i - 1];
	return sum + v[0];
}

int guarded_fixed(void)
{
	int hist[8] = {0};
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += i > 0 ? hist[i - 1] : 0; // EXPECT: OXI-C0023=low
	return sum;
}

void rewind_flawed(void)
{
	char buf[16];
	char *p = buf;
	p--;
	*p = 0; // EXPECT: OXI-C0023
}

void rewind_fixed(void)
{
	char buf[16];
	char *p = buf + 1;
	p--;
	*p = 0;
}

int countdown_flawed(void)
{
	int level[4] = {0};
	int sum = 0;
	for (int i = 3; i >= -1; i--)
		sum += level[i]; // EXPECT: OXI-C0023
	return sum;
}
