/* sizeof of the pointer being declared, in its own initialiser: the
 * declaration is known while its initialiser is read (once a known miss,
 * tests/bugs/hazards; the same call as an assignment is in OXI-C0024.c). */
#include <stdlib.h>

struct session {
	char token[32];
	int uid;
};

struct session *new_session(void)
{
	struct session *copy = malloc(sizeof copy); // EXPECT: OXI-C0024
	if (copy == NULL)
		return NULL;
	copy->uid = 0;
	return copy;
}
