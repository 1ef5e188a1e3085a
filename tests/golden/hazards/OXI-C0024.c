/* OXI-C0024 sizeof-pointer: sizeof of a pointer variable used as the size of
 * an allocation (malloc family), a memcpy/memmove/memset or a
 * strncpy/strncat. Not reported for sizeof of an array, sizeof *p, sizeof of
 * a type, or sizeof p elsewhere (a pointer's size may be what is meant). */
#include <stdlib.h>
#include <string.h>

struct session {
	char token[32];
	int uid;
};

void wipe_flawed(struct session *s)
{
	memset(s, 0, sizeof(s)); // EXPECT: OXI-C0024
}

void wipe_fixed(struct session *s)
{
	memset(s, 0, sizeof(*s));
}

struct session *clone_flawed(const struct session *src)
{
	struct session *copy;
	copy = malloc(sizeof copy); // EXPECT: OXI-C0024
	if (copy == NULL)
		return NULL;
	*copy = *src;
	return copy;
}

struct session *clone_fixed(const struct session *src)
{
	struct session *copy = malloc(sizeof(struct session));
	if (copy == NULL)
		return NULL;
	*copy = *src;
	return copy;
}

void token_fixed(struct session *s, const char *token)
{
	char tmp[32];
	strncpy(tmp, token, sizeof tmp - 1); // EXPECT: OXI-C0006=low
	tmp[sizeof tmp - 1] = '\0';
	memcpy(s->token, tmp, sizeof tmp);
}

size_t pointer_size_fixed(const char *p)
{
	return sizeof(p);
}
