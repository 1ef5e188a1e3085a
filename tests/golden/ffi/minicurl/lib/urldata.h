#ifndef MINI_URLDATA_H
#define MINI_URLDATA_H
/* The private handle, as curl's urldata.h: bitfields and #if'd members. */
#include <mini/mini.h>

struct ssl_primary_config {
  char *CAfile;
  char *cipher_list;
  long version;
};

struct Mini_easy {
  struct ssl_primary_config ssl;
  mini_write_callback fwrite_func;
  void *out;
  mini_progress_callback fprogress;
  void *progress_client;
  char *url;
  int verbose;
  unsigned int this_is_a_follow:1;
  unsigned int upload:1;
#ifdef USE_SSL
  void *ssl_backend;
#endif
};

MINIcode Mini_transfer(struct Mini_easy *data);
void Mini_infof(struct Mini_easy *data, const char *fmt, ...);
void Mini_failf(struct Mini_easy *data, const char *fmt, ...);

#endif
