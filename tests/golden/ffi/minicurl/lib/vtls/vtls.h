#ifndef MINI_VTLS_H
#define MINI_VTLS_H
#include "../urldata.h"

struct ssl_backend_data;

int Mini_ssl_connect(struct Mini_easy *data, struct ssl_primary_config *config);
void Mini_ssl_close(struct Mini_easy *data);
int Mini_ssl_config_matches(struct ssl_primary_config data, struct ssl_primary_config needle);

#endif
