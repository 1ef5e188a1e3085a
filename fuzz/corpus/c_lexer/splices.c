#define M(a) \
  do { \
  } while (0)
// spliced \
comment
