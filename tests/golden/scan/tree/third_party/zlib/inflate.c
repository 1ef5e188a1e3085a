/* bundled copy: vendored */
int inflate(void) { return 0; }
