/* C++ constructs that write a variable without reading it, and the flawed
 * twins that do read it uninitialised. A reference parameter of a function
 * of the file (`int &n`, `T *&p`) is written by the call; std::tie and
 * structured bindings assign; `in >> x` writes x; a method may take any
 * argument by reference; `T *&r = p` binds, it does not read p. */
#include <istream>
#include <tuple>
#include <utility>

std::pair<bool, bool> eval_condition(int c);
void other_lookup(const char *tok, int &n);

static int lookup(const char *tok, int &argn)
{
	argn = 2;
	return tok[0];
}

static int lookup_pointer(const char *tok, const char *&end)
{
	end = tok + 1;
	return 0;
}

static int by_value(int n) { return n + 1; }

static int by_const_reference(const int &n) { return n + 1; }

int tie_fixed(int c)
{
	bool a, b;
	std::tie(a, b) = eval_condition(c);
	return a && b;
}

int reference_parameter_fixed(const char *tok)
{
	int argnr;
	lookup(tok, argnr);
	return argnr;
}

int reference_to_pointer_fixed(const char *tok)
{
	const char *end;
	lookup_pointer(tok, end);
	return *end;
}

int value_parameter_flawed(void)
{
	int n;
	return by_value(n); // EXPECT: OXI-C0019=high
}

int const_reference_flawed(void)
{
	int n;
	return by_const_reference(n); // EXPECT: OXI-C0019=high
}

int unknown_function_fixed(const char *tok)
{
	int n;
	other_lookup(tok, n);
	return n;
}

int stream_fixed(std::istream &in)
{
	int ret;
	if (!(in >> ret))
		return 0;
	return ret;
}

int method_fixed(std::istream &in)
{
	char c;
	in.get(c);
	return c;
}

int binding_fixed(int c)
{
	auto [a, b] = eval_condition(c);
	return a && b;
}

int *reference_declarator_fixed(int *p)
{
	int *q;
	int *&r = q;
	r = p;
	return q;
}

int plain_flawed(void)
{
	int x;
	return x + 1; // EXPECT: OXI-C0019=high
}

/* A class object copies what it is given: returning it returns no address
 * of a local. */
#include <cstdlib>
#include <string>

std::string absolute_path_fixed(const char *file)
{
	std::string absolute_path;
	char *absolute = realpath(file, nullptr);
	if (absolute)
		absolute_path = absolute;
	std::free(absolute);
	return absolute_path;
}

std::string escape_range_for_fixed(const std::string &text)
{
	std::string ret;
	for (const unsigned char c : text) {
		char str[10];
		std::sprintf(str, "\\x%02x", c);
		ret += str;
	}
	return ret;
}
