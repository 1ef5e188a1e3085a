/* Known miss (ITC overrun_st / buffer_overrun_dynamic, "function arguments" as
 * the index): every caller in the file passes 5, one past the end. The second
 * pass carries the buffer lengths callers pass, not integer argument values. */
static int table[5];

static void set_entry(int index)
{
	table[index] = 1; // EXPECT: OXI-C0021
}

void init_table(void)
{
	set_entry(5);
}
