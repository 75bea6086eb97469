#include "common/pprof/format_probe.h"

#include <algorithm>

namespace pprof {

bool LooksLikeProfileProto(std::string_view head) {
  const size_t n = std::min<size_t>(head.size(), 512);
  size_t odd = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = head[i];
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) ++odd;
  }
  return n > 0 && odd * 20 > n;  // more than 5% control bytes
}

}  // namespace pprof
