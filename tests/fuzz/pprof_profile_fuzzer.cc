// Fuzzes pprof profile loading (gzipped or raw profile.proto, and the
// legacy text heap format, all through LoadProfileFromBytes) and what the
// tools do with a loaded profile: folded stacks for every sample type, the
// -top report, and a comparison of the profile against itself (heapdiff).
// The first byte selects strict mode and granularity; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/io/bad_lines.h"
#include "common/pprof/diff.h"
#include "common/pprof/folded.h"
#include "common/pprof/load.h"
#include "common/pprof/top_report.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  pprof::LoadedProfile loaded;
  io::BadLineSink bad_lines(flags & 1);
  std::string error;
  if (!pprof::LoadProfileFromBytes("fuzz.pb", std::move(bytes), &bad_lines,
                                   &loaded, &error)) {
    if (error.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  const pprof::Profile& p = loaded.profile;
  // Bound the work per input: a sample-type list can be long.
  const size_t types = p.sample_types.size() < 4 ? p.sample_types.size() : 4;
  for (size_t i = 0; i < types; ++i) {
    stack::FoldedStacks folded;
    const int index[] = {static_cast<int>(i)};
    pprof::AddFoldedSamples(p, pprof::FoldOptions(), index, 0, &folded);
    stack::FoldedToString(folded);
  }
  if (types == 0) return 0;

  pprof::DiffOptions options;
  static const pprof::Granularity kGran[] = {
      pprof::Granularity::kFunctions, pprof::Granularity::kLines,
      pprof::Granularity::kFiles, pprof::Granularity::kAddresses};
  options.granularity = kGran[(flags >> 1) & 3];
  options.cum_sort = flags & 8;
  if (flags & 16) options.diff_base = true;
  pprof::Comparison single;
  if (pprof::Compare(nullptr, p, options, &single, &error)) {
    std::string text;
    pprof::WriteTopText(pprof::TopOfComparison(&single, options), &text);
  }
  pprof::Comparison self;
  if (pprof::Compare(&p, p, options, &self, &error)) {
    std::string text;
    pprof::WriteTopText(pprof::TopOfComparison(&self, options), &text);
  }
  return 0;
}
