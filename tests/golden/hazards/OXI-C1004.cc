// OXI-C1004 c-style-pointer-cast (C++): `(T *) expr` in C++ code. Always low
// confidence (hidden by default): most such casts are harmless, but each can
// silently become a reinterpret_cast or const_cast. Not reported for a
// parenthesised expression after a name, `)`, `]` or `>` (a call, a
// declarator, a cast's operand), nor in C files.
#include <cstdlib>

struct Header {
	unsigned len;
};

unsigned header_len_flawed(void *buf)
{
	Header *h = (Header *)buf; // EXPECT: OXI-C1004=low
	return h->len;
}

unsigned header_len_fixed(void *buf)
{
	auto *h = static_cast<Header *>(buf); // EXPECT: none
	return h->len;
}
