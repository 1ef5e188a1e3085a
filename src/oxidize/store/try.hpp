#pragma once
// Early return of an error through tl::expected, as ccache's TRY does: the
// store's steps are many short fallible calls, and spelling out each check
// would bury what the step does.
#include <utility>

#include <tl/expected.hpp>

// Evaluates `expr` (a tl::expected); on error returns it from the enclosing function.
#define OXIDIZE_TRY(expr)                                                    \
  do {                                                                       \
    if (auto oxidize_try_result_ = (expr); !oxidize_try_result_)             \
      return tl::unexpected(std::move(oxidize_try_result_.error()));         \
  } while (false)

// Declares `var` from the value of `expr` (a tl::expected), or returns its error.
#define OXIDIZE_TRY_VALUE(var, expr)                                         \
  auto var##_result_ = (expr);                                               \
  if (!var##_result_) return tl::unexpected(std::move(var##_result_.error())); \
  auto var = std::move(*var##_result_)
