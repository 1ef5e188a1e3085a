// C++: methods in and out of class, constructors, operators, templates, namespaces, lambdas.
#include <vector>

namespace geometry {

class Shape {
 public:
  // EXPECT: name=geometry::Shape::Shape params=1
  explicit Shape(int sides) : sides_(sides), names_{} {}
  // EXPECT: name=geometry::Shape::~Shape ccn=1
  virtual ~Shape() {}
  // EXPECT: name=geometry::Shape::sides ccn=1 params=0
  int sides() const noexcept { return sides_; }
  // EXPECT: name=geometry::Shape::operator== params=1
  bool operator==(const Shape& o) const { return sides_ == o.sides_; }
  // EXPECT: name=geometry::Shape::operator() params=1
  int operator()(int k) const { return k * sides_; }
  virtual double area() const = 0;
  Shape(const Shape&) = default;

 private:
  int sides_;
  std::vector<int> names_;
};

// EXPECT: name=geometry::Shape::scaled ccn=3 params=1
double Shape::scaled(double f) const {
  auto clamp = [](double v) { return v < 0 ? 0 : v; };  // a lambda belongs to its function
  return f > 1 ? clamp(f) : 1;
}

template <typename T>
// EXPECT: name=geometry::largest ccn=3 params=1
T largest(const std::vector<T>& v) {
  T best{};
  for (const auto& x : v) best = x > best ? x : best;
  return best;
}

}  // namespace geometry

// EXPECT: name=trailing params=2
auto trailing(int a, int b) -> int { return a + b; }

// EXPECT: name=main ccn=2 params=2
int main(int argc, char** argv) {
  try {
    return geometry::largest(std::vector<int>{argc});
  } catch (...) {
    return 1;
  }
}
