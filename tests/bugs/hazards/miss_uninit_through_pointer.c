/* Known miss (a detector bug; ITC uninit_pointer): *slot reads value, which was
 * never written. The detector has a rule for "*p where p = &x and x was never
 * written", but scanning `&value` first marks value as written (its address
 * escapes), so the rule never fires. */
int read_through_alias(void)
{
	int value;
	int *slot = &value;
	return *slot; // EXPECT: OXI-C0019
}
