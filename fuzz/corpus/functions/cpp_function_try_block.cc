// Known miss: a function-try-block. The parser ends the function at the try
// block's `}` and then reads `catch (...) { ... }` as a function of its own.
// Rare in practice (constructors that must catch initialiser exceptions).
// EXPECT: name=guarded ccn=2 params=0
void guarded() try {
  work();
} catch (...) {
  recover();
}
