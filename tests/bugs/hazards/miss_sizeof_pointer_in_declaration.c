/* Known miss: sizeof of the pointer being declared, in its own initialiser.
 * The initialiser is read before the declared name is known to be a pointer,
 * so `sizeof copy` is not recognised (the same call as an assignment
 * statement is; see tests/golden/hazards/OXI-C0024.c). */
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
