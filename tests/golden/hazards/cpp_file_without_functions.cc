// A C++ file without any function definition still has its C++ constructs
// reported: a `new` at namespace scope (once a known miss, tests/bugs/hazards).
struct Registry {
	int entries[16];
};

Registry *global_registry = new Registry; // EXPECT: OXI-C1001=low
