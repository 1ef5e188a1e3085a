#include <sys/un.h>
#if 0
don't
#endif
