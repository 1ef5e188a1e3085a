int a;
}
int f(void) { int x[2]; return x[0]; }
}}
