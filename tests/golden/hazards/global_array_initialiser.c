/* A file-scope array with a brace initialiser is a known size too:
 * `static int days[12] = {...};` (once a known miss, tests/bugs/hazards). */
static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int year_days(void)
{
	int total = 0;
	for (int m = 1; m <= 12; m++)
		total += days_in_month[m]; // EXPECT: OXI-C0022
	return total;
}
