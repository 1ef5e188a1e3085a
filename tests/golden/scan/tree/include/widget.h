#pragma once
// A C++ header with a .h extension: decided by its content.
namespace ui {
class Widget {
 public:
  virtual ~Widget() = default;
};
}  // namespace ui
