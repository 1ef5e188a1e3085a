/* A while loop that counts like a for loop (ITC underrun_st_011/013): the
 * variable starts at a known value, the condition bounds it, and the body's
 * last statement moves it by one. Each flawed loop has a fixed twin. */

static int table[5];

void count_down_flawed(void)
{
	int i = 4;
	while (i >= -1) {
		table[i] = 1; // EXPECT: OXI-C0023
		i--;
	}
}

void count_down_fixed(void)
{
	int i = 4;
	while (i >= 0) {
		table[i] = 1;
		i--;
	}
}

void count_up_flawed(void)
{
	int i = 0;
	while (i <= 5) {
		table[i] = 2; // EXPECT: OXI-C0021
		i += 1;
	}
}

void count_up_fixed(void)
{
	int i = 0;
	while (i < 5) {
		table[i] = 2;
		++i;
	}
}

/* The step is not the last statement: the access after it sees i - 1, which
 * the walk does not model; the loop is not read as counted (no finding). */
void step_first_unknown(void)
{
	int i = 5;
	while (i > 0) {
		i--;
		table[i] = 3;
	}
}

/* The body writes the variable elsewhere too: not counted, and silent. */
void written_twice_unknown(int skip)
{
	int i = 0;
	while (i < 5) {
		if (skip)
			i = 3;
		table[i] = 4;
		i++;
	}
}
