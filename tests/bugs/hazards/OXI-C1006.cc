// Known miss: OXI-C1006 pointer-arithmetic has a row in the rule table but no
// detector reports it yet (no code in src/oxidize/hazards/ emits
// RuleId::cpp_pointer_arithmetic). `p + 1` on a pointer to a single object
// yields an address past the object. When the detector lands, this fixture
// passes and moves to tests/golden/hazards/ (tests/unit/hazards/test_rules.cpp
// then requires it there).
#include <cstddef>

struct Pixel {
	unsigned char r, g, b;
};

Pixel next_pixel_flawed(const Pixel &px)
{
	const Pixel *p = &px;
	return *(p + 1); // EXPECT: OXI-C1006
}

Pixel next_pixel_fixed(const Pixel *row, std::size_t width, std::size_t x)
{
	return x + 1 < width ? row[x + 1] : row[x];
}
