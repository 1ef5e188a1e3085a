#include <string.h>
#include "vtls.h"

static int backend_connect(struct Mini_easy *data)
{
  Mini_infof(data, "TLS handshake");
  return 0;
}

int Mini_ssl_connect(struct Mini_easy *data, struct ssl_primary_config *config)
{
  if(config->version < 0) {
    Mini_failf(data, "bad TLS version %ld", config->version);
    return 1;
  }
  return backend_connect(data);
}

void Mini_ssl_close(struct Mini_easy *data)
{
  Mini_infof(data, "closing TLS");
}

int Mini_ssl_config_matches(struct ssl_primary_config data, struct ssl_primary_config needle)
{
  return data.version == needle.version &&
         strcmp(data.CAfile, needle.CAfile) == 0;
}
