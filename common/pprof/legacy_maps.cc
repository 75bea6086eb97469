#include "common/pprof/legacy_maps.h"

#include <re2/re2.h>

#include <string>
#include <utility>
#include <vector>

#include "common/io/line_reader.h"
#include "common/io/trim.h"
#include "common/pprof/legacy_frames.h"

namespace pprof::legacy {
namespace {

// pprof's procMapsRE and briefMapsRE (legacy_profile.go), verbatim.
constexpr std::string_view kHexRange =
    R"(^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?)";
constexpr std::string_view kPerm = R"((?:\s+([-rwxp]+))?)";

const RE2& ProcMapsRE() {
  static const RE2 re(std::string(kHexRange) + std::string(kPerm) +
                      R"((?:\s+([[:xdigit:]]+))?\s+[[:xdigit:]]+:[[:xdigit:]]+)"
                      R"(\s+[[:digit:]]+(?:\s+(\S+))?)");
  return re;
}
const RE2& BriefMapsRE() {
  static const RE2 re(std::string(kHexRange) + std::string(kPerm) +
                      R"((?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?)"
                      R"((?:\s+([[:xdigit:]]+))?)");
  return re;
}

// glog's "... file:line] " prefix (pprof's logInfoRE).
std::string_view RemoveLoggingInfo(std::string_view line) {
  static const RE2 re(R"(^[^\[\]]+:[0-9]+]\s)");
  re2::StringPiece in(line.data(), line.size()), m;
  if (re.Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1)) {
    line.remove_prefix(m.size());
  }
  return line;
}

bool ParseHex(const std::string& s, uint64_t* v) {
  if (s.empty() || s.size() > 16) return false;
  *v = 0;
  for (char c : s) {
    int d = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (d < 0) return false;
    *v = *v << 4 | static_cast<uint64_t>(d);
  }
  return true;
}

enum class Entry { kMapping, kSkipped, kUnrecognised };

// One maps line (pprof's parseMappingEntry).
Entry ParseMappingEntry(const std::string& line, Mapping* m) {
  std::string start, end, perm, offset, file, build_id;
  if (!RE2::PartialMatch(line, ProcMapsRE(), &start, &end, &perm, &offset,
                         &file) &&
      !RE2::PartialMatch(line, BriefMapsRE(), &start, &end, &perm, &file,
                         &offset, &build_id)) {
    return Entry::kUnrecognised;
  }
  if (!perm.empty() && perm.find('x') == std::string::npos) {
    return Entry::kSkipped;  // not executable
  }
  *m = Mapping();
  m->file = file;
  m->build_id = build_id;
  if (!ParseHex(start, &m->start) || !ParseHex(end, &m->limit) ||
      (!offset.empty() && !ParseHex(offset, &m->offset))) {
    return Entry::kUnrecognised;
  }
  return Entry::kMapping;
}

// strings.NewReplacer(attrs...).Replace: at each position the first
// "$attr" (in definition order) that matches is replaced.
std::string Replace(std::string_view line,
                    const std::vector<std::pair<std::string, std::string>>& r) {
  if (r.empty()) return std::string(line);
  std::string out;
  for (size_t i = 0; i < line.size();) {
    bool hit = false;
    for (const auto& [from, to] : r) {
      if (line.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        hit = true;
        break;
      }
    }
    if (!hit) out.push_back(line[i++]);
  }
  return out;
}

std::vector<Mapping> ParseMaps(std::string_view text) {
  std::vector<Mapping> out;
  std::vector<std::pair<std::string, std::string>> attrs;
  io::LineSplitter lines(text);
  std::string_view raw;
  while (lines.Next(&raw)) {
    std::string line = Replace(RemoveLoggingInfo(raw), attrs);
    Mapping m;
    switch (ParseMappingEntry(line, &m)) {
      case Entry::kMapping:
        out.push_back(std::move(m));
        break;
      case Entry::kSkipped:
        break;
      case Entry::kUnrecognised:
        if (size_t eq = line.find('='); eq != std::string::npos) {
          attrs.emplace_back(
              "$" + std::string(io::TrimBlanks(line.substr(0, eq))),
              std::string(io::TrimBlanks(line.substr(eq + 1))));
        }
        break;
    }
  }
  return out;
}

bool Adjacent(const Mapping& a, const Mapping& b) {
  if (!a.file.empty() && !b.file.empty() && a.file != b.file) return false;
  if (!a.build_id.empty() && !b.build_id.empty() && a.build_id != b.build_id)
    return false;
  if (a.limit != b.start) return false;
  if (a.offset != 0 && b.offset != 0 &&
      a.offset + (a.limit - a.start) != b.offset) {
    return false;
  }
  return true;
}

// pprof's libRx: "[.]so$" or "[.]so[._][0-9]+".
bool LooksLikeLibrary(std::string_view f) {
  for (size_t i = f.find(".so"); i != std::string_view::npos;
       i = f.find(".so", i + 1)) {
    if (i + 3 == f.size()) return true;
    if (i + 4 < f.size() && (f[i + 3] == '.' || f[i + 3] == '_') &&
        f[i + 4] >= '0' && f[i + 4] <= '9') {
      return true;
    }
  }
  return false;
}

// pprof's massageMappings: merge adjacent regions, main binary first.
void MassageMappings(std::vector<Mapping>* maps) {
  if (maps->size() > 1) {
    std::vector<Mapping> merged = {(*maps)[0]};
    for (size_t i = 1; i < maps->size(); ++i) {
      Mapping& last = merged.back();
      const Mapping& m = (*maps)[i];
      if (Adjacent(last, m)) {
        last.limit = m.limit;
        if (!m.file.empty()) last.file = m.file;
        if (!m.build_id.empty()) last.build_id = m.build_id;
        continue;
      }
      merged.push_back(m);
    }
    maps->swap(merged);
  }
  for (size_t i = 0; i < maps->size(); ++i) {
    std::string file = (*maps)[i].file;
    for (size_t d; (d = file.find("(deleted)")) != std::string::npos;) {
      file.erase(d, 9);
    }
    std::string_view f = io::TrimBlanks(file);
    while (!f.empty() && (f[0] == '\n' || f[0] == '\v' || f[0] == '\f')) {
      f.remove_prefix(1);
    }
    if (f.empty() || LooksLikeLibrary(f) || f[0] == '[') continue;
    std::swap((*maps)[0], (*maps)[i]);
    break;
  }
}

// pprof's remapLocationIDs: the locations samples use, in first-use order.
void KeepUsedLocations(Profile* p) {
  std::vector<int64_t> remap(p->locations.size(), -1);
  std::vector<Location> kept;
  p->samples.Rewrite([&](size_t, std::vector<uint32_t>* locs) {
    for (uint32_t& l : *locs) {
      if (remap[l] < 0) {
        remap[l] = static_cast<int64_t>(kept.size());
        kept.push_back(std::move(p->locations[l]));
        kept.back().id = kept.size();
      }
      l = static_cast<uint32_t>(remap[l]);
    }
    return true;
  });
  p->locations.swap(kept);
}

// pprof's remapMappingIDs: heuristics for the main binary, then each
// address's mapping.
void AssignMappings(Profile* p) {
  std::vector<Mapping>& maps = p->mappings;
  if (maps.size() > 1 && maps[0].file.rfind("/anon_hugepage", 0) == 0 &&
      maps[0].limit == maps[1].start) {
    maps.erase(maps.begin());
  }
  if (!maps.empty() && maps[0].start - maps[0].offset == 0x400000) {
    maps[0].start = 0x400000;
    maps[0].offset = 0;
  }
  int32_t fake = -1;
  for (Location& l : p->locations) {
    const uint64_t a = l.address;
    if (l.mapping >= 0 || a == 0) continue;
    for (size_t i = 0; i < maps.size() && l.mapping < 0; ++i) {
      if (maps[i].start <= a && a < maps[i].limit) {
        l.mapping = static_cast<int32_t>(i);
      }
    }
    for (size_t i = 0; i < maps.size() && l.mapping < 0; ++i) {
      Mapping& m = maps[i];
      if (m.offset != 0 && m.start - m.offset <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0;
        l.mapping = static_cast<int32_t>(i);
      }
    }
    if (l.mapping >= 0) continue;
    if (fake < 0) {
      Mapping f;
      f.limit = ~uint64_t{0};
      maps.push_back(f);
      fake = static_cast<int32_t>(maps.size() - 1);
    }
    l.mapping = fake;
  }
  for (size_t i = 0; i < maps.size(); ++i) maps[i].id = i + 1;
}

}  // namespace

void FinishWithMemoryMap(std::string_view maps, Profile* p) {
  std::vector<Mapping> parsed = ParseMaps(maps);
  p->mappings.insert(p->mappings.end(), parsed.begin(), parsed.end());
  MassageMappings(&p->mappings);
  KeepUsedLocations(p);
  AssignMappings(p);
}

void CleanupDuplicateLocations(Profile* p) {
  bool removed = false;
  p->samples.Rewrite([&](size_t, std::vector<uint32_t>* locs) {
    if (locs->size() > 1 && p->locations[(*locs)[0]].address ==
                                p->locations[(*locs)[1]].address + 1) {
      locs->erase(locs->begin() + 1);
      removed = true;
    }
    return true;
  });
  if (removed) KeepUsedLocations(p);
}

}  // namespace pprof::legacy
