// OXI-C1006 pointer-arithmetic (C++): `p + 1` on a pointer to a single
// object yields an address past the object (medium); arithmetic on a pointer
// whose target is unknown is low; into an array or a heap block, nothing.
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
