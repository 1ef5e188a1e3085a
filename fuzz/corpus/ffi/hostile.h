struct type { int match; int self; unsigned bits : 3; };
typedef struct type fn, *fnp, arr[4][2];
typedef int handler(int);
typedef handler *handler_p;
typedef struct { union { int a; } u; } nested;
typedef struct loop1 loop2; typedef struct loop2 loop1;
extern const char *const names[];
extern int we$ird;
struct s { struct s *next; char buf[MAX]; int (*cb)(int (*)(int (*)(void))); };
int match(struct type *impl, fn *dyn, ...) ;
void (*signal(int sig, void (*func)(int)))(int);
int knr(a, b) char a; float b;
static inline int hdr(void) { struct inner { int q; } i; return 0; }
#define NUM (8)
#define T unsigned long long
struct z { T x[NUM]; };
int z_use(struct z v, handler h, arr a);
struct { { { ( [ ] ) } } ;
