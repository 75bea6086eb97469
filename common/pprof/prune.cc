#include "common/pprof/prune.h"

#include <re2/re2.h>

#include <memory>
#include <vector>

namespace pprof {

std::string SimplifyFunctionName(std::string_view name) {
  if (!name.empty() && name[0] == '.') name.remove_prefix(1);
  for (size_t i = 0; i < name.size();) {
    std::string_view rest = name.substr(i);
    if (rest.substr(0, 21) == "(anonymous namespace)") {
      i += 21;
    } else if (rest.substr(0, 10) == "operator()") {
      i += 10;
    } else if (name[i] == '(') {
      return std::string(name.substr(0, i));
    } else {
      ++i;
    }
  }
  return std::string(name);
}

bool RemoveUninteresting(Profile* p, std::string* error) {
  if (p->drop_frames.empty()) return true;
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 drop("^(" + p->drop_frames + ")$", opts);
  if (!drop.ok()) {
    *error = "failed to compile drop_frames regexp " + p->drop_frames + ": " +
             drop.error();
    return false;
  }
  std::unique_ptr<RE2> keep;
  if (!p->keep_frames.empty()) {
    keep = std::make_unique<RE2>("^(" + p->keep_frames + ")$", opts);
    if (!keep->ok()) {
      *error = "failed to compile keep_frames regexp " + p->keep_frames + ": " +
               keep->error();
      return false;
    }
  }
  // Per function: does it match drop and not keep?
  std::vector<bool> dropped(p->functions.size(), false);
  for (size_t i = 0; i < p->functions.size(); ++i) {
    const std::string& n = p->functions[i].name;
    if (n.empty()) continue;
    std::string simple = SimplifyFunctionName(n);
    dropped[i] = RE2::FullMatch(simple, drop) &&
                 !(keep && RE2::FullMatch(simple, *keep));
  }
  // Per location: the outermost matching line prunes it and what is below.
  enum : uint8_t { kKeep = 0, kPrune = 1, kPruneBeneath = 2 };
  std::vector<uint8_t> state(p->locations.size(), kKeep);
  for (size_t li = 0; li < p->locations.size(); ++li) {
    Location& loc = p->locations[li];
    size_t i = loc.lines.size();
    while (i-- > 0) {
      if (dropped[loc.lines[i].function]) break;
    }
    if (i == static_cast<size_t>(-1)) continue;
    if (i == loc.lines.size() - 1) {
      state[li] = kPrune;
    } else {
      state[li] = kPruneBeneath;
      loc.lines.erase(loc.lines.begin(), loc.lines.begin() + i + 1);
    }
  }
  p->samples.Rewrite([&](size_t, std::vector<uint32_t>* locs) {
    bool found_user = false;
    for (size_t i = locs->size(); i-- > 0;) {
      uint8_t st = state[(*locs)[i]];
      if (st == kKeep) {
        found_user = true;
        continue;
      }
      if (!found_user) continue;
      // Keep the frames rootward of the match (and a partially pruned
      // location itself).
      size_t first = st == kPrune ? i + 1 : i;
      locs->erase(locs->begin(), locs->begin() + first);
      break;
    }
    return true;
  });
  return true;
}

}  // namespace pprof
