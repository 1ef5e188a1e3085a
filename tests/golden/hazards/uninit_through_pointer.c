/* ITC uninit_pointer: *slot reads value, which was never written; `slot =
 * &value` keeps value's state for reads through slot (once a known miss,
 * tests/bugs/hazards). */
int read_through_alias(void)
{
	int value;
	int *slot = &value;
	return *slot; // EXPECT: OXI-C0019
}
