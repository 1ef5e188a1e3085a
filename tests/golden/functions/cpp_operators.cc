// Operator names of every shape, and qualifiers after the parameter list.
#include <cstddef>

struct F {
  void operator()(int);
  // EXPECT: name=F::operator[] params=1
  int operator[](int i) const { return i; }
  // EXPECT: name=F::operator, params=1
  F& operator,(const F&) { return *this; }
  // EXPECT: name="F::operator new[]" params=1
  void* operator new[](std::size_t n) { return nullptr; }
  // EXPECT: name="F::operator delete" params=1
  void operator delete(void* p) {}
  // EXPECT: name="F::operator const char*" params=0
  operator const char*() const { return "f"; }
  // EXPECT: name=F::get params=0
  int get() const noexcept(true) { return 1; }
  // EXPECT: name=F::put params=0
  int put() const throw() { return 2; }
};

// EXPECT: name=F::operator() params=1
void F::operator()(int x) { (void)x; }

// EXPECT: name=operator""_km params=1
long double operator""_km(long double v) { return v * 1000; }

// EXPECT: name=twice params=1
auto twice(int x) -> decltype(x + x) { return x + x; }

// EXPECT: name=g params=1
static int g(int x) __attribute__((unused)) { return x; }
