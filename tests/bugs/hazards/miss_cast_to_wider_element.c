/* Known miss (ITC overrun_st / buffer_overrun_dynamic, "cast to a larger
 * type"): 8 bytes hold two ints, so p[2] is past the end. Through a cast to
 * another element size the length is dropped (counted in the wrong units),
 * not converted to bytes / sizeof(int). */
void store_word(void)
{
	char buf[8];
	int *p = (int *)buf;
	p[2] = 1; // EXPECT: OXI-C0021
}
