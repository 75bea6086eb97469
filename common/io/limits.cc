#include "common/io/limits.h"

namespace io {
namespace {
InputLimits& Current() {
  static InputLimits limits;
  return limits;
}
}  // namespace

const InputLimits& Limits() { return Current(); }

void SetLimits(const InputLimits& limits) { Current() = limits; }

}  // namespace io
