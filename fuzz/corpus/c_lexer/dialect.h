namespace n { template <class T> class C : public B { public: bool operator==(const C&); }; }
