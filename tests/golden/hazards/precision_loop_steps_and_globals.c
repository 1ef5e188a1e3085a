/* What a for loop's step and a call change (issue 12). A pointer the step
 * assigns (`curr = next`) is not NULL after the loop just because the init
 * set it so: the walk cannot tell the body never ran. A global pointer set
 * to NULL may be set again by any function that is not a library one
 * (here one of the file that reallocates it). A library call in between
 * changes nothing, and a loop whose step leaves the pointer alone keeps
 * it NULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
	struct item *next;
	unsigned char priority[8];
};

struct queue {
	struct item *items;
};

/* Flawed: the step moves only the index; `last` is still NULL after the loop. */
void append_flawed(struct queue *q, struct item *it, int n)
{
	struct item *last;
	int i;
	for (last = NULL, i = 0; i < n; i++)
		q->items = q->items->next;
	last->next = it; // EXPECT: OXI-C0020
}

/* Fixed: the list is known non-empty, the step walks `curr` along it. */
struct item *insert_fixed(struct queue *q, struct item *it)
{
	struct item *curr, *next;
	if (q->items == NULL) {
		q->items = it;
		return it;
	}
	for (curr = NULL, next = q->items; next != NULL; curr = next, next = next->next) {
		if (memcmp(next->priority, it->priority, 8) > 0) {
			it->next = next;
			if (curr == NULL)
				q->items = it;
			else
				curr->next = it;
			return it;
		}
	}
	it->next = NULL;
	curr->next = it;
	return it;
}

static char **saved_args = NULL;
static int saved_count = 0;
static int saved_room = 0;

static int grow_args(int count)
{
	char **bigger;
	if (count < saved_room)
		return 1;
	bigger = realloc(saved_args, (size_t)(count + 64) * sizeof(char *));
	if (bigger == NULL)
		return 0;
	saved_args = bigger;
	saved_room = count + 64;
	return 1;
}

/* Flawed: only printf runs between the NULL and the store. */
void save_flawed(char *arg)
{
	saved_args = NULL;
	printf("saving %s\n", arg);
	saved_args[0] = arg; // EXPECT: OXI-C0020
}

/* Fixed: grow_args reallocates the global before the store. */
void save_fixed(char *arg)
{
	saved_args = NULL;
	saved_room = 0;
	if (!grow_args(saved_count))
		return;
	saved_args[saved_count++] = arg;
}

/* A pointer a for step advances, then freed: past its block's start
 * whenever the loop ran once. Freeing the pointer kept at the start is
 * right. */
void skip_spaces_flawed(void)
{
	char *p = malloc(16);
	if (p == NULL)
		return;
	strcpy(p, "  text");
	for (; *p == ' '; p++)
		;
	puts(p);
	free(p); // EXPECT: OXI-C0017
}

void skip_spaces_fixed(void)
{
	char *start = malloc(16);
	char *p;
	if (start == NULL)
		return;
	strcpy(start, "  text");
	for (p = start; *p == ' '; p++)
		;
	puts(p);
	free(start);
}

/* A guard on the loop's index: the first conjunct of an `&&` narrows the
 * then branch (`if (i > 0 && ...)`), and a `?:` guards a declaration's
 * initialiser (the kernel's sb_edac.c and nandsim.c). Without the guard,
 * i - 1 reaches -1. */
void previous_entries_fixed(int *out)
{
	int a[10];
	int i;
	for (i = 0; i < 10; i++)
		a[i] = i;
	for (i = 0; i < 10; i++) {
		if (i > 0 && a[i] != a[i - 1])
			out[0] = a[i - 1];
		long from = i ? a[i - 1] + 1 : 0;
		out[1] = (int)from;
	}
}

void previous_entries_flawed(int *out)
{
	int a[10];
	int i;
	for (i = 0; i < 10; i++)
		a[i] = i;
	for (i = 0; i < 10; i++)
		out[0] = a[i - 1]; // EXPECT: OXI-C0023
}
