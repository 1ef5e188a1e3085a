/* A function returning a function pointer: the name sits inside the
 * declarator group `(*name(params))`; pmccabe names it after the return type.
 */
typedef void (*handler_t)(int);

// EXPECT: name=get_handler params=1 ccn=2
void (*get_handler(int signo))(int)
{
	return signo ? on_signal : 0;
}
