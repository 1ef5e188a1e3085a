/* Known miss (ITC overrun_st / buffer_overrun_dynamic, "increment the pointer
 * in the loop"): the pointer walks one element past the array. A loop forgets
 * the offset of a pointer its body moves (loop havoc), so `*p` has no known
 * offset on any iteration. */
void clear_counters(void)
{
	int counters[5];
	int *p = counters;
	for (int i = 0; i <= 5; i++) {
		*p = 0; // EXPECT: OXI-C0021
		p++;
	}
}
