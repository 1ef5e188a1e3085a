#ifndef MINI_SYSTEM_H
#define MINI_SYSTEM_H
/* What configure decides for the platform, as curl's system.h does. */
#include <stdint.h>

typedef long long mini_off_t;
typedef int mini_socket_t;

#endif /* MINI_SYSTEM_H */
