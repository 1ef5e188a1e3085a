/* Known miss: a function returning a function pointer. The name sits inside
 * the first parenthesis group, which the parser takes for a declarator group,
 * so the definition is not found. pmccabe misses it too. */
typedef void (*handler_t)(int);

// EXPECT: name=get_handler params=1
void (*get_handler(int signo))(int)
{
	return signo ? on_signal : 0;
}
