#include <stdio.h>
#include <mini/mini.h>

static size_t write_cb(char *buffer, size_t size, size_t nitems, void *outstream)
{
  return fwrite(buffer, size, nitems, (FILE *)outstream);
}

int main(int argc, char **argv)
{
  MINI *mini = mini_easy_init();
  MINIcode rc;
  char *escaped;
  struct mini_slist *headers = NULL;
  struct mini_version v = mini_version_info(1);
  if(!mini)
    return 1;
  headers = mini_slist_append(headers, "Accept: */*");
  mini_easy_setopt(mini, MINIOPT_URL, argc > 1 ? argv[1] : "http://localhost/");
  mini_easy_setopt(mini, MINIOPT_VERBOSE, 1L);
  mini_easy_setwrite(mini, write_cb, stdout);
  escaped = mini_easy_escape(mini, "a b", 0);
  mini_mprintf("%s %s\n", v.version, escaped);
  mini_free(escaped);
  rc = mini_easy_perform(mini);
  if(!mini_ok(rc))
    mini_mprintf("failed: %d\n", (int)rc);
  mini_slist_free_all(headers);
  mini_easy_cleanup(mini);
  return (int)rc;
}
