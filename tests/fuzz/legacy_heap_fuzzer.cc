// Fuzzes the legacy text heap parser (Go's heap?debug=1 output) directly,
// strict and lenient, and folds what it accepted. The first byte selects
// strict mode; the rest is the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/folded.h"
#include "common/pprof/legacy_heap.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool strict = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  pprof::LooksLikeLegacyHeap(text);
  pprof::Profile profile;
  pprof::MemStats memstats;
  io::BadLineSink bad_lines(strict);
  std::string error;
  if (!pprof::ParseLegacyHeap(text, &profile, &memstats, &bad_lines, &error)) {
    if (error.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  // A skipped record says why; a strict parse stops at the first.
  if (bad_lines.count() > 0 && bad_lines.first_reason().empty()) {
    __builtin_trap();
  }
  if (strict && bad_lines.count() > 1) __builtin_trap();
  memstats.Get("HeapAlloc");
  for (size_t i = 0; i < profile.sample_types.size() && i < 4; ++i) {
    stack::FoldedStacks folded;
    const int index[] = {static_cast<int>(i)};
    pprof::AddFoldedSamples(profile, pprof::FoldOptions(), index, 0, &folded);
    stack::FoldedToString(folded);
  }
  return 0;
}
