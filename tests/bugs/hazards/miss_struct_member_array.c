/* Known miss (ITC overrun_st, "array member of a structure"): the sizes of
 * structure members are not followed, only those of variables. */
struct record {
	int id;
	char tag[8];
};

void tag_record(struct record *r)
{
	r->tag[8] = '\0'; // EXPECT: OXI-C0021
}
