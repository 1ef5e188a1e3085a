/* Known miss (CWE-193): the check lets i == 8 through. A condition narrows the
 * range only of a variable whose range is already known (a loop variable, a
 * constant); a parameter has none, so `if (i > 8) return;` teaches nothing. */
void set_flag(int i)
{
	char flags[8];
	if (i < 0 || i > 8)
		return;
	flags[i] = 1; // EXPECT: OXI-C0021
	flags[0] = 0;
}
