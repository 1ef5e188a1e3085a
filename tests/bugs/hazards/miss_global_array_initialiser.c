/* Known miss (a detector bug): a file-scope array with a brace initialiser is
 * not recorded. FileContext cuts the declaration at its first `{`, so
 * `static int days[12] = {...};` is never read as a declaration, while
 * `static int days[12];` is. */
static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int year_days(void)
{
	int total = 0;
	for (int m = 1; m <= 12; m++)
		total += days_in_month[m]; // EXPECT: OXI-C0022
	return total;
}
