/* ITC null_pointer, "return value of a function": a function of the same
 * file whose every return returns NULL gives NULL to its callers (once a
 * known miss, tests/bugs/hazards). */
#include <stddef.h>

static int *find_slot(void)
{
	return NULL;
}

void use_slot(void)
{
	int *p = find_slot();
	*p = 1; // EXPECT: OXI-C0020
}

/* The same in parentheses, as ITC's null_pointer_013 writes it. */
static int *find_slot_parenthesised(void)
{
	return (NULL);
}

void use_slot_parenthesised(void)
{
	int *p = find_slot_parenthesised();
	*p = 1; // EXPECT: OXI-C0020
}

/* Fixed twin: one return is not NULL, so the caller's pointer is unknown. */
static int *find_slot_or_null(int *table, int i)
{
	if (i < 0)
		return (NULL);
	return (table + i);
}

void use_found_slot(int *table)
{
	int *p = find_slot_or_null(table, 1);
	*p = 1;
}
