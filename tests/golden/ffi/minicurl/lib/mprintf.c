#include <stdarg.h>
#include <stdio.h>
#include "urldata.h"

int mini_mvprintf(const char *format, va_list args)
{
  return vprintf(format, args);
}

int mini_mprintf(const char *format, ...)
{
  va_list ap;
  int rc;
  va_start(ap, format);
  rc = mini_mvprintf(format, ap);
  va_end(ap);
  return rc;
}

void Mini_infof(struct Mini_easy *data, const char *fmt, ...)
{
  va_list ap;
  if(!data->verbose)
    return;
  va_start(ap, fmt);
  mini_mvprintf(fmt, ap);
  va_end(ap);
}

void Mini_failf(struct Mini_easy *data, const char *fmt, ...)
{
  va_list ap;
  (void)data;
  va_start(ap, fmt);
  mini_mvprintf(fmt, ap);
  va_end(ap);
}
