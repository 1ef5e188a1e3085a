/* Wide, UTF and raw string literals are literals for every rule that asks
 * for one; a project function named like a C library one (here an `err`
 * whose first argument is the format) is not the library's; swprintf is
 * bounded by a count of wide characters, which `sizeof buf / sizeof buf[0]`
 * and std::size give and `sizeof buf` (bytes) overstates. */
#include <cstdio>
#include <cwchar>
#include <iterator>

void err(const wchar_t *format, ...);

void wide_literal_fixed(int x)
{
	err(L"bad value %d", x);
	std::printf(u8"value %d\n", x);
	std::printf(R"(raw %d)", x);
}

void format_from_input_flawed(void)
{
	char line[128];
	if (!std::fgets(line, sizeof line, stdin))
		return;
	std::printf(line); // EXPECT: OXI-C0009=high
}

void swprintf_count_fixed(int x, const wchar_t *w)
{
	wchar_t buf[64];
	std::swprintf(buf, sizeof buf / sizeof buf[0], L"%d %ls", x, w);
	std::swprintf(buf, std::size(buf), L"%d", x);
	std::swprintf(buf, 64, L"%ls", w);
}

void swprintf_bytes_flawed(int x, const wchar_t *w)
{
	wchar_t buf[64];
	std::swprintf(buf, sizeof buf, L"%d %ls", x, w); // EXPECT: OXI-C0021=high
}

void snprintf_stale_bound_flawed(const char *name)
{
	char small[16];
	std::snprintf(small, 64, "%s", name); // EXPECT: OXI-C0021=high
}
