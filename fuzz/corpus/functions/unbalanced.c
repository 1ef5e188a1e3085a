int f(void) {
#if A
 if (x) {
#else
 if (y) {
#endif
 }
}
}
}
int g(a) int a; { return a; }
