#include <stdlib.h>
#include <string.h>
#include <mini/mini.h>

struct mini_slist *mini_slist_append(struct mini_slist *list, const char *data)
{
  struct mini_slist *item = malloc(sizeof(*item));
  struct mini_slist *last = list;
  if(!item)
    return NULL;
  item->data = strdup(data);
  item->next = NULL;
  if(!list)
    return item;
  while(last->next)
    last = last->next;
  last->next = item;
  return list;
}

void mini_slist_free_all(struct mini_slist *list)
{
  while(list) {
    struct mini_slist *next = list->next;
    free(list->data);
    free(list);
    list = next;
  }
}
