/* Known miss (ITC overrun_st, "double pointer alias"): `*pp` is `p`, which
 * points to a 5-element array; `*pp + 5` is one past its end. Taking &p makes
 * p unknown (anything may write it), and *pp's target is not followed. */
void write_through_alias(void)
{
	int buf[5];
	int *p = buf;
	int **pp = &p;
	*(*pp + 5) = 1; // EXPECT: OXI-C0021
}
