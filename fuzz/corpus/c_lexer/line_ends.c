int a;
/* crlf */
int b;int c;