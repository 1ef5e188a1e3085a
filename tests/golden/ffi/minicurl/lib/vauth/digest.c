#include <stdlib.h>
#include <string.h>
#include "vauth.h"

char *Mini_auth_digest(struct Mini_easy *data, const char *user, const char *passwd)
{
  size_t len = strlen(user) + strlen(passwd) + 2;
  char *out = malloc(len);
  if(!out) {
    Mini_failf(data, "out of memory for %zu bytes", len);
    return NULL;
  }
  strcpy(out, user);
  strcat(out, ":");
  strcat(out, passwd);
  return out;
}
