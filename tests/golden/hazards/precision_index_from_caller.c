/* ITC overrun_st / buffer_overrun_dynamic, "function arguments" as the
 * index: every caller in the file passes 5, one past the end. The second
 * pass carries the integers callers pass (their range over all calls) as
 * it carries buffer lengths. The fixed twin's callers pass 0 and 4. An index
 * from rand() reaches RAND_MAX unless reduced. */
#include <stdlib.h>
static int table[5];

static void set_entry(int index)
{
	table[index] = 1; // EXPECT: OXI-C0021
}

void init_table(void)
{
	set_entry(5);
}

static void set_slot(int index)
{
	table[index] = 1;
}

void init_slots_fixed(void)
{
	set_slot(0);
	set_slot(4);
}

void random_slot_flawed(void)
{
	int slots[5];
	int index = rand();
	slots[index] = 1; // EXPECT: OXI-C0021
	slots[0] = 0;
}

void random_slot_fixed(void)
{
	int slots[5];
	int index = rand() % 5;
	slots[index] = 1;
	slots[0] = 0;
}
