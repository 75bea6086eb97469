#include "common/pprof/to_folded.h"

#include <cinttypes>
#include <cstdio>
#include <vector>

namespace pprof {

void AppendFolded(const Profile& p, int sample_index,
                  stack::FoldedStacks* out) {
  // Interned once per function (and per bare address), not per frame.
  std::vector<int64_t> function_ids(p.functions.size(), -1);
  std::vector<int64_t> address_ids(p.locations.size(), -1);
  std::vector<uint32_t> frames;
  for (const Sample& s : p.samples) {
    int64_t v = s.values[sample_index];
    if (v == 0) continue;
    frames.clear();
    for (size_t i = s.locations.size(); i-- > 0;) {
      const uint32_t li = s.locations[i];
      const Location& loc = p.locations[li];
      if (loc.lines.empty()) {
        if (address_ids[li] < 0) {
          char buf[32];
          std::snprintf(buf, sizeof(buf), "0x%" PRIx64, loc.address);
          address_ids[li] = out->symbols.Intern(buf);
        }
        frames.push_back(static_cast<uint32_t>(address_ids[li]));
        continue;
      }
      for (size_t j = loc.lines.size(); j-- > 0;) {
        const uint32_t f = loc.lines[j].function;
        if (function_ids[f] < 0) {
          const std::string& name = p.functions[f].name;
          function_ids[f] =
              out->symbols.Intern(name.empty() ? "[unknown]" : name);
        }
        frames.push_back(static_cast<uint32_t>(function_ids[f]));
      }
    }
    out->stacks.Add(frames, v);
  }
}

}  // namespace pprof
