#include <mini/mini.h>

static const char *const protocols[] = {"http", "https", 0};

struct mini_version mini_version_info(int age)
{
  struct mini_version v;
  v.age = age;
  v.version = "1.2.3";
  v.version_num = 0x010203;
  v.protocols = protocols;
  v.max_size = 0;
  return v;
}
