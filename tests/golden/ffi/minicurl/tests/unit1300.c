#include <mini/mini.h>
#include "../lib/urldata.h"
#include "../lib/vtls/vtls.h"

static int progress(void *clientp, mini_off_t dltotal, mini_off_t dlnow)
{
  (void)clientp;
  return dltotal == dlnow;
}

int test_unit1300(void)
{
  MINI *h = mini_easy_init();
  union mini_value value;
  struct mini_tlsflags flags = {1, 1, 0};
  struct ssl_primary_config a = {0, 0, 1};
  size_t n = 0;
  char buf[16];
  mini_easy_setprogress(h, progress, NULL);
  mini_getvalue(h, 1, &value);
  mini_set_tlsflags(h, &flags);
  mini_easy_recv(h, buf, sizeof(buf), &n);
  if(!Mini_ssl_config_matches(a, a))
    return 1;
  if(mini_debug_level > 1)
    Mini_infof(h, "unit test %d", 1300);
  mini_easy_cleanup(h);
  return 0;
}
