// Known miss: a C or C++ file without any function definition is skipped
// whole (analyze_hazards() returns early: "hazards live in function bodies"),
// so C++ constructs at namespace scope go unreported when nothing else in the
// file is a function.
struct Registry {
	int entries[16];
};

Registry *global_registry = new Registry; // EXPECT: OXI-C1001
