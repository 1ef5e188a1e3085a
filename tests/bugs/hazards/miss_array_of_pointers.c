/* Known miss (ITC overrun_st, "array of pointers to arrays"): rows[1] points
 * to a 5-element array, and index 5 is past its end. What the elements of an
 * array of pointers point to is not followed. */
void fill_rows(void)
{
	int a[6] = {0};
	int b[5] = {0};
	int *rows[2] = {a, b};
	rows[1][5] = 1; // EXPECT: OXI-C0021
}
