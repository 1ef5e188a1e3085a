/* Conditionals that split a signature or a brace: the first branch is followed,
 * and the #else branch of an #if 0. */
#ifdef CONFIG_FOO
// EXPECT: name=split_signature params=1
int split_signature(int a)
#else
int split_signature(int a, int b)
#endif
{
	return a;
}

// EXPECT: name=split_brace ccn=2
int split_brace(int x)
{
#if defined(NEW_API)
	if (x) {
#else
	if (x > 1) {
#endif
		return 1;
	}
	return 0;
}

#if 0
int dead_code(void) { return 0; }
#else
// EXPECT: name=live_code
int live_code(void) { return 1; }
#endif

// EXPECT: name=after_conditionals ccn=1
int after_conditionals(void) { return 0; }
