/*
 * main.c: a small program for the golden scan test.
 *
 * The blank line above is inside a comment: it counts as blank.
 */
#include <stdio.h>
#include "config.h"

static const char *url = "http://example.org/*not-a-comment*/";

#define CHECK(x) \
  do { \
    if (!(x)) return 1; \
  } while (0)

int main(void) {
  char c = '"';  /* a quote character */
  // a line comment \
     continued by a splice
  CHECK(url != NULL);
  printf("%c %s\n", c, url);
  return 0;
}
