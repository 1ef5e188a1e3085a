// OXI-C1001 raw-new (C++): a new expression whose result is owned by a raw
// pointer. Not reported for placement new (`new (where) T`), for
// `operator new` and `::new`, or when the result goes straight to an owner:
// `std::unique_ptr<T>(new T)`, `shared_ptr(new T)`, `p.reset(new T)`,
// `v.emplace_back(new T)`, `v.push_back(new T)`. make_unique needs no new.
#include <memory>
#include <new>
#include <string>

struct Widget {
	std::string name;
	explicit Widget(std::string n) : name(std::move(n)) {}
};

Widget *make_widget_flawed(const std::string &name)
{
	Widget *w = new Widget(name); // EXPECT: OXI-C1001=low
	return w;
}

std::unique_ptr<Widget> make_widget_fixed(const std::string &name)
{
	return std::make_unique<Widget>(name);
}

std::unique_ptr<Widget> adopt_fixed(const std::string &name)
{
	return std::unique_ptr<Widget>(new Widget(name));
}

void replace_fixed(std::unique_ptr<Widget> &slot, const std::string &name)
{
	slot.reset(new Widget(name));
}

Widget *construct_in_place_fixed(void *storage, const std::string &name)
{
	return new (storage) Widget(name);
}
