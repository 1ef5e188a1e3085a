/* The easy interface: what applications call. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "urldata.h"
#include "vtls/vtls.h"
#include "vauth/vauth.h"

int mini_debug_level = 0;
const char *const mini_protocols[] = {"http", "https", NULL};

MINI *mini_easy_init(void)
{
  struct Mini_easy *data = calloc(1, sizeof(*data));
  return data;
}

MINIcode mini_easy_setopt(MINI *handle, MINIoption option, ...)
{
  va_list ap;
  va_start(ap, option);
  if(option == MINIOPT_URL)
    handle->url = strdup(va_arg(ap, char *));
  else if(option == MINIOPT_VERBOSE)
    handle->verbose = va_arg(ap, long) != 0;
  va_end(ap);
  return MINIE_OK;
}

MINIcode mini_easy_setwrite(MINI *handle, mini_write_callback cb, void *userdata)
{
  handle->fwrite_func = cb;
  handle->out = userdata;
  return MINIE_OK;
}

MINIcode mini_easy_setprogress(MINI *handle, mini_progress_callback cb, void *clientp)
{
  handle->fprogress = cb;
  handle->progress_client = clientp;
  return MINIE_OK;
}

MINIcode mini_easy_perform(MINI *handle)
{
  if(!handle->url)
    return MINIE_FAILED_INIT;
  Mini_infof(handle, "connecting to %s", handle->url);
  if(handle->verbose) {
    char *auth = Mini_auth_digest(handle, "user", "secret");
    free(auth);
  }
  if(Mini_ssl_connect(handle, &handle->ssl))
    return MINIE_FAILED_INIT;
  return Mini_transfer(handle);
}

void mini_easy_cleanup(MINI *handle)
{
  if(!handle)
    return;
  Mini_ssl_close(handle);
  free(handle->url);
  free(handle);
}

char *mini_easy_escape(MINI *handle, const char *string, int length)
{
  size_t len = length ? (size_t)length : strlen(string);
  char *out = malloc(len * 3 + 1);
  (void)handle;
  if(out)
    memcpy(out, string, len + 1);
  return out;
}

void mini_free(void *p)
{
  free(p);
}

MINIcode mini_easy_recv(MINI *handle, void *buffer, size_t buflen, size_t *n)
{
  (void)handle;
  (void)buffer;
  errno = 0;
  *n = buflen;
  return MINIE_OK;
}

int mini_getvalue(MINI *handle, int what, union mini_value *out)
{
  if(what == 1)
    out->text = handle->url;
  else
    out->num = handle->verbose;
  return 0;
}

int mini_set_tlsflags(MINI *handle, struct mini_tlsflags *flags)
{
  handle->ssl.version = flags->verifypeer ? 3 : 0;
  return 0;
}
