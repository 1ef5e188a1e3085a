// OXI-C1002 raw-delete (C++): a manual delete or delete[]. Not reported for
// `= delete` (a deleted function) or `operator delete`. The fixed variant lets
// an owner release the memory.
#include <memory>
#include <vector>

struct Frame {
	std::vector<unsigned char> pixels;
};

class Decoder {
public:
	Decoder(const Decoder &) = delete;
	Decoder &operator=(const Decoder &) = delete;
	Decoder() = default;
	void operator delete(void *p) { ::operator delete(p); }
};

void drop_frame_flawed(Frame *f)
{
	f->pixels.clear();
	delete f; // EXPECT: OXI-C1002=low
}

void drop_frame_fixed(std::unique_ptr<Frame> f)
{
	f->pixels.clear();
}
