#ifndef MINI_H
#define MINI_H
/*
 * The public API of a small transfer library, shaped like libcurl's:
 * opaque handles, options set through a variadic call, callbacks with
 * user data, a record returned by value, a union and a bitfield.
 */
#include <stddef.h>
#include <stdarg.h>
#include "system.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MINI_EXTERN

typedef struct Mini_easy MINI;
typedef struct Mini_URL MINIU;

typedef enum {
  MINIE_OK = 0,
  MINIE_FAILED_INIT,
  MINIE_OUT_OF_MEMORY,
  MINIE_WRITE_ERROR
} MINIcode;

typedef enum {
  MINIOPT_URL = 10002,
  MINIOPT_WRITEDATA = 10001,
  MINIOPT_VERBOSE = 41
} MINIoption;

/* Called with each piece of the body; returns the bytes it took. */
typedef size_t (*mini_write_callback)(char *buffer, size_t size, size_t nitems, void *outstream);
typedef int (*mini_progress_callback)(void *clientp, mini_off_t dltotal, mini_off_t dlnow);

struct mini_slist {
  char *data;
  struct mini_slist *next;
};

struct mini_version {
  int age;
  const char *version;
  unsigned int version_num;
  const char *const *protocols;
  mini_off_t max_size;
};

union mini_value {
  long num;
  double real;
  const char *text;
  struct mini_slist *list;
};

struct mini_tlsflags {
  unsigned int verifypeer:1;
  unsigned int verifyhost:1;
  unsigned int sessionid:1;
};

extern int mini_debug_level;
extern const char *const mini_protocols[];

MINI_EXTERN MINI *mini_easy_init(void);
MINI_EXTERN MINIcode mini_easy_setopt(MINI *handle, MINIoption option, ...);
MINI_EXTERN MINIcode mini_easy_perform(MINI *handle);
MINI_EXTERN void mini_easy_cleanup(MINI *handle);
MINI_EXTERN MINIcode mini_easy_setwrite(MINI *handle, mini_write_callback cb, void *userdata);
MINI_EXTERN MINIcode mini_easy_setprogress(MINI *handle, mini_progress_callback cb, void *clientp);
MINI_EXTERN char *mini_easy_escape(MINI *handle, const char *string, int length);
MINI_EXTERN void mini_free(void *p);
MINI_EXTERN struct mini_slist *mini_slist_append(struct mini_slist *list, const char *data);
MINI_EXTERN void mini_slist_free_all(struct mini_slist *list);
MINI_EXTERN struct mini_version mini_version_info(int age);
MINI_EXTERN int mini_getvalue(MINI *handle, int what, union mini_value *out);
MINI_EXTERN int mini_set_tlsflags(MINI *handle, struct mini_tlsflags *flags);
MINI_EXTERN MINIcode mini_easy_recv(MINI *handle, void *buffer, size_t buflen, size_t *n);
MINI_EXTERN int mini_mprintf(const char *format, ...);
MINI_EXTERN int mini_mvprintf(const char *format, va_list args);

static inline int mini_ok(MINIcode rc)
{
  return rc == MINIE_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* MINI_H */
