// OXI-C1003 reinterpret-cast (C++): every reinterpret_cast, at medium
// confidence; no refinement. std::bit_cast or memcpy say what is meant.
#include <bit>
#include <cstdint>
#include <cstring>

std::uint32_t float_bits_flawed(float f)
{
	return *reinterpret_cast<std::uint32_t *>(&f); // EXPECT: OXI-C1003=low
}

std::uint32_t float_bits_fixed(float f)
{
	return std::bit_cast<std::uint32_t>(f);
}

std::uint32_t read_u32_fixed(const unsigned char *p)
{
	std::uint32_t v;
	std::memcpy(&v, p, sizeof v);
	return v;
}
