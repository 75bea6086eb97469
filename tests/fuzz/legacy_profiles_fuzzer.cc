// Fuzzes every legacy profile reader (pprof's legacy_profile.go formats:
// binary CPU, heap text with maps, count, threadz, contention) directly,
// strict and lenient, and folds what each accepted. The first byte selects
// strict mode (bit 0) and the reader (the rest, modulo 5); the other bytes
// are the input. Detection runs on every input too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/folded.h"
#include "common/pprof/legacy_profile.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool strict = data[0] & 1;
  constexpr pprof::LegacyFormat kReaders[] = {
      pprof::LegacyFormat::kCpu, pprof::LegacyFormat::kHeap,
      pprof::LegacyFormat::kCount, pprof::LegacyFormat::kThreadz,
      pprof::LegacyFormat::kContention};
  const pprof::LegacyFormat format = kReaders[(data[0] >> 1) % 5];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  pprof::DetectLegacyFormat(text);
  pprof::Profile profile;
  pprof::MemStats memstats;
  io::BadLineSink bad_lines(strict);
  std::string error;
  if (!pprof::ParseLegacyProfile(format, text, &profile, &memstats, &bad_lines,
                                 &error)) {
    if (error.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  if (bad_lines.count() > 0 && bad_lines.first_reason().empty()) {
    __builtin_trap();
  }
  if (strict && bad_lines.count() > 1) __builtin_trap();
  // Every index the samples use is in range (the model's invariant).
  for (const pprof::Sample& s : profile.samples) {
    if (s.values.size() != profile.sample_types.size()) __builtin_trap();
    for (uint32_t l : s.locations) {
      if (l >= profile.locations.size()) __builtin_trap();
    }
  }
  for (const pprof::Location& l : profile.locations) {
    if (l.mapping >= static_cast<int32_t>(profile.mappings.size())) {
      __builtin_trap();
    }
  }
  for (size_t i = 0; i < profile.sample_types.size() && i < 4; ++i) {
    stack::FoldedStacks folded;
    const int index[] = {static_cast<int>(i)};
    pprof::AddFoldedSamples(profile, pprof::FoldOptions(), index, 0, &folded);
    stack::FoldedToString(folded);
  }
  return 0;
}
