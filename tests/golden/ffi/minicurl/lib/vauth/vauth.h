#ifndef MINI_VAUTH_H
#define MINI_VAUTH_H
#include "../urldata.h"

/* Returns a malloc'ed header value, or NULL: the caller frees it. */
char *Mini_auth_digest(struct Mini_easy *data, const char *user, const char *passwd);

#endif
