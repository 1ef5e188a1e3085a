// OXI-C1005 const-cast (C++): every const_cast, at medium confidence; no
// refinement. Fix the interface's constness, or use mutable for caches.
#include <cstring>
#include <string>

void upcase(char *s);

void shout_flawed(const std::string &text)
{
	upcase(const_cast<char *>(text.c_str())); // EXPECT: OXI-C1005=low
}

std::string shout_fixed(std::string text)
{
	upcase(text.data());
	return text;
}
