#include "urldata.h"

MINIcode Mini_transfer(struct Mini_easy *data)
{
  char buffer[256] = "hello";
  if(data->fwrite_func &&
     data->fwrite_func(buffer, 1, 5, data->out) != 5) {
    Mini_failf(data, "write callback refused %d bytes", 5);
    return MINIE_WRITE_ERROR;
  }
  if(data->fprogress && data->fprogress(data->progress_client, 5, 5))
    return MINIE_WRITE_ERROR;
  return MINIE_OK;
}
