// socket.c
#include "config.h"

#if 0
This isn't code: an apostrophe in #if 0 prose.
#endif

int open_socket(int port)
{
	return port > 0 ? port : -1;
}
