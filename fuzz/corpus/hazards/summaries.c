/* Facts that cross a call within one file (issue 12), from each function's
 * summary: what it surely does with its pointer parameters before anything
 * can stop it. NULL or a freed pointer given to a function that
 * dereferences it is a flaw at the call; one given to a function that
 * checks it first, or only prints its address, is not. A pointer a
 * function frees is freed for its caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	struct node *next;
	char name[16];
	int hits;
};

static int count_hits(struct node *n)
{
	return n->hits;
}

static int count_hits_checked(struct node *n)
{
	if (n == NULL)
		return 0;
	return n->hits;
}

static void show_address(struct node *n)
{
	printf("node at %p\n", (void *)n);
}

static size_t name_length(const char *name)
{
	return strlen(name);
}

static void destroy(struct node *n)
{
	free(n);
}

static void destroy_if(struct node *n, int really)
{
	if (really)
		free(n);
}

int null_passed_flawed(void)
{
	struct node *n = NULL;
	return count_hits(n); // EXPECT: OXI-C0020
}

int null_passed_fixed(void)
{
	struct node *n = NULL;
	return count_hits_checked(n);
}

void freed_passed_flawed(struct node *n)
{
	free(n);
	count_hits(n); // EXPECT: OXI-C0014
}

void freed_name_flawed(char *name)
{
	free(name);
	printf("%zu\n", name_length(name)); // EXPECT: OXI-C0014
}

void freed_address_fixed(struct node *n)
{
	free(n);
	show_address(n);
}

void freed_by_callee_flawed(struct node *n)
{
	destroy(n);
	n->hits = 0; // EXPECT: OXI-C0014
}

void freed_twice_flawed(struct node *n)
{
	destroy(n);
	free(n); // EXPECT: OXI-C0015
}

void freed_by_callee_sometimes_fixed(struct node *n)
{
	destroy_if(n, 0);
	n->hits = 0;
}

static void destroy_with(struct node *n, struct node *next)
{
	free(n);
	(void)next;
}

/* The arguments are read before the callee frees (redrat3's
 * `redrat3_delete(rr3, rr3->udev)`). */
void destroy_reading_member_fixed(struct node *n)
{
	destroy_with(n, n->next);
}
