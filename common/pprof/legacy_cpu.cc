#include "common/pprof/legacy_cpu.h"

#include <map>
#include <string>
#include <vector>

#include "common/pprof/legacy_frames.h"
#include "common/pprof/legacy_maps.h"
#include "common/pprof/legacy_records.h"

namespace pprof {
namespace {

// A word reader of one width and byte order over the data.
struct Words {
  std::string_view b;
  size_t width = 4;
  bool big = false;
  bool Next(uint64_t* v) {
    if (b.size() < width) return false;
    *v = 0;
    for (size_t i = 0; i < width; ++i) {
      const uint64_t byte =
          static_cast<unsigned char>(b[big ? i : width - 1 - i]);
      *v = *v << 8 | byte;
    }
    b.remove_prefix(width);
    return true;
  }
};

// The header in the first word layout that fits (pprof's cpuInts order);
// *java for a Java profile's (third word 1).
bool ReadHeader(std::string_view data, Words* w, uint64_t* period, bool* java) {
  for (const auto& [width, big] :
       {std::pair{4, false}, {4, true}, {8, false}, {8, true}}) {
    Words t{data, static_cast<size_t>(width), big};
    uint64_t n[5];
    bool ok = true;
    for (uint64_t& x : n) ok = ok && t.Next(&x);
    if (ok && n[0] == 0 && n[1] == 3 && n[3] > 0 && n[4] == 0 &&
        (n[2] == 0 || n[2] == 1)) {
      *w = t;
      *period = n[3];
      *java = n[2] == 1;
      return true;
    }
  }
  return false;
}

// The records up to the end marker; false when one is cut off.
bool ReadSamples(Words* w, Profile* p) {
  legacy::TableBuilder tables(p);
  std::vector<uint64_t> addrs;
  std::vector<uint32_t> locations;
  while (!w->b.empty()) {
    uint64_t count, depth;
    if (!w->Next(&count) || !w->Next(&depth) || depth > w->b.size() / 4) {
      return false;
    }
    addrs.resize(depth);
    for (uint64_t& a : addrs) {
      if (!w->Next(&a)) return false;
    }
    if (count == 0 && depth == 1 && addrs[0] == 0) return true;  // the end
    const int64_t c = static_cast<int64_t>(count);
    const int64_t values[2] = {c, MulWrap(c, p->period)};
    locations.clear();
    tables.AppendStack({}, addrs, legacy::Adjust::kAllButLeaf, &locations);
    p->samples.Add(locations, values);
  }
  return true;
}

// pprof's removal of a signal-handler frame: when nearly every sample has
// the same second frame, it goes (up to twice).
void StripSignalFrames(Profile* p) {
  const size_t margin = p->samples.size() / 32;
  for (int iter = 0; iter < 2; ++iter) {
    std::map<uint64_t, size_t> second;
    for (const Sample s : p->samples) {
      if (s.locations.size() > 1) {
        ++second[p->locations[s.locations[1]].address];
      }
    }
    for (const auto& [address, n] : second) {
      if (n + margin < p->samples.size()) continue;
      const uint64_t leaf_caller = address;  // lambdas can't capture bindings
      p->samples.Rewrite([&](size_t, std::vector<uint32_t>* locs) {
        if (locs->size() > 1 &&
            p->locations[(*locs)[1]].address == leaf_caller) {
          locs->erase(locs->begin() + 1);
        }
        return true;
      });
      break;
    }
  }
}

}  // namespace

bool LooksLikeLegacyCpu(std::string_view head) {
  Words w;
  uint64_t period;
  bool java;
  return ReadHeader(head, &w, &period, &java);
}

bool ParseLegacyCpu(std::string_view data, Profile* out, io::BadLineSink* bad,
                    std::string* error) {
  *out = Profile();
  Words w;
  uint64_t period;
  bool java;
  if (!ReadHeader(data, &w, &period, &java)) {
    *error = "not a legacy CPU profile (header words 0 3 0 PERIOD 0)";
    return false;
  }
  if (java) {
    *error = "a Java legacy CPU profile: not supported";
    return false;
  }
  out->period_type = ValueType{"cpu", "nanoseconds"};
  out->period = MulWrap(static_cast<int64_t>(period), 1000);
  out->sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
  out->drop_frames = legacy::kCpuProfilerFrames;
  if (!ReadSamples(&w, out)) {
    // Binary data has no lines: the reason names the byte offset.
    bad->Report(0, "binary record cut off by the end of the data at byte " +
                       std::to_string(data.size() - w.b.size()));
    w.b = {};
  }
  StripSignalFrames(out);
  legacy::FinishWithMemoryMap(w.b, out);
  legacy::CleanupDuplicateLocations(out);
  return true;
}

}  // namespace pprof
