/* ITC overrun_st / buffer_overrun_dynamic, "return value of a function" as
 * the index: the index is the constant a function of the same file always
 * returns (issue 12, constant conditions and values). */
static int slot_count(void)
{
	return 5;
}

void mark_last_slot(void)
{
	int slots[5];
	slots[slot_count()] = 1; // EXPECT: OXI-C0021
	slots[0] = 0;
}
