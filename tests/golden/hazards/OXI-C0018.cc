/* OXI-C0018 dealloc-mismatch (C++): memory released with the wrong
 * deallocator: new[] with delete, new with delete[], malloc with delete or
 * new with free. Reported at high confidence when both the allocation and the
 * release are seen in the same function. */
#include <cstdlib>
#include <cstring>

struct Sample {
	int values[4];
};

void scale_flawed(int n)
{
	int *buf = new int[n]; // EXPECT: OXI-C1001=low
	buf[0] = 1;
	delete buf; // EXPECT: OXI-C0018 OXI-C1002=low
}

void scale_fixed(int n)
{
	int *buf = new int[n]; // EXPECT: OXI-C1001=low
	buf[0] = 1;
	delete[] buf; // EXPECT: OXI-C1002=low
}

void sample_flawed()
{
	Sample *s = (Sample *)malloc(sizeof(Sample));
	if (s == nullptr)
		return;
	s->values[0] = 1;
	delete s; // EXPECT: OXI-C0018 OXI-C1002=low
}

void sample_fixed()
{
	Sample *s = (Sample *)malloc(sizeof(Sample));
	if (s == nullptr)
		return;
	s->values[0] = 1;
	free(s);
}

void one_flawed()
{
	Sample *s = new Sample(); // EXPECT: OXI-C1001=low
	s->values[0] = 1;
	free(s); // EXPECT: OXI-C0018
}
