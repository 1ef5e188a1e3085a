/* Kernel idioms: annotations, attributes, macro-defined functions. */
#define SYSCALL_DEFINE3(name, ...) long sys_##name(__VA_ARGS__)

// EXPECT: name=SYSCALL_DEFINE3 ccn=2 params=7
SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	if (force_o_largefile())
		flags |= O_LARGEFILE;
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

// EXPECT: name=init_thing ccn=1 params=0
static int __init __must_check init_thing(void)
{
	return 0;
}

// EXPECT: name=__put_page ccn=1 params=1
void __put_page(struct page *page)
{
	put(page);
}

// EXPECT: name=locked ccn=1 params=1
static void locked(struct rq *rq) __releases(rq->lock) __acquires(rq->lock)
{
	unlock(rq);
}

__attribute__((noinline))
// EXPECT: name=attributed ccn=1 params=1
int attributed(int x)
{
	return x;
}

EXPORT_SYMBOL(attributed);
MODULE_LICENSE("GPL");

// EXPECT: name=after_exports ccn=1 params=0
int after_exports(void) { return 1; }

/* libpng defines its functions through a macro that takes the return type,
 * the name (after a calling convention's macro) and the parameter list as
 * arguments: the function is the name, with the list's parameters. */
#define PNG_FUNCTION(type, name, args, attributes) attributes type name args

// EXPECT: name=png_zalloc ccn=2 params=3
PNG_FUNCTION(voidpf /* PRIVATE */,
png_zalloc,(voidpf png_ptr, uInt items, uInt size),PNG_ALLOCATED)
{
	if (png_ptr == NULL)
		return NULL;
	return malloc(items * size);
}

// EXPECT: name=png_create_info_struct ccn=1 params=1
PNG_FUNCTION(png_infop,PNGAPI
png_create_info_struct,(png_const_structrp png_ptr),PNG_ALLOCATED)
{
	return make_info(png_ptr);
}

// EXPECT: name=png_reset ccn=1 params=0
PNG_FUNCTION(void,PNGAPI png_reset,(void),PNG_DEPRECATED)
{
	reset_all();
}
