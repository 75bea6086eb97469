#include "common/stack/hash.h"

#include <chrono>
#include <random>

namespace stack {
namespace hash_internal {

uint64_t RandomKey() {
  // std::random_device reads the kernel's entropy; the clock is a fallback
  // where it is not random (it still changes every run).
  uint64_t r = 0;
  try {
    std::random_device device;
    r = (static_cast<uint64_t>(device()) << 32) ^ device();
  } catch (...) {
  }
  const uint64_t t = static_cast<uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count());
  return Mum(r ^ 0x9e3779b97f4a7c15ULL, t | 1) ^ r;
}

}  // namespace hash_internal
}  // namespace stack
