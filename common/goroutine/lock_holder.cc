#include "common/goroutine/lock_holder.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/goroutine/text_report.h"

namespace goroutine {
namespace {

// Bounds the search on a hostile dump with many locks and many sites.
constexpr size_t kMaxSites = 16;

}  // namespace

LockHolder FindLockHolder(const LockGroup& g, const ClusterSet& set) {
  // The waiters' (function, file, Lock line).
  std::vector<std::pair<const Frame*, uint32_t>> sites;
  const auto& clusters = set.clusters();
  std::vector<char> waiter(clusters.size(), 0);
  for (const LockWait& w : g.waiters) {
    waiter[w.cluster] = 1;
    if (w.user_frame < 0 || sites.size() >= kMaxSites) continue;
    const Frame& f = set.clusters()[w.cluster].frames[w.user_frame];
    sites.push_back({&f, f.line});
  }
  LockHolder best;
  if (sites.empty()) return best;
  for (uint32_t i = 0; i < clusters.size(); ++i) {
    if (waiter[i]) continue;
    const Cluster& c = clusters[i];
    for (size_t k = 0; k < c.frames.size(); ++k) {
      const Frame& f = c.frames[k];
      auto site = std::find_if(sites.begin(), sites.end(), [&](const auto& s) {
        return s.first->func == f.func && s.first->file == f.file &&
               f.line > s.second;
      });
      if (site == sites.end()) continue;
      best.candidates += c.count;
      if (!best.found) {
        best.found = true;
        best.cluster = i;
        best.frame = static_cast<int32_t>(k);
        best.lock_line = site->second;
      }
      break;
    }
  }
  return best;
}

std::string HolderText(const LockGroup& g, const ClusterSet& set) {
  const LockHolder& h = g.holder;
  if (!h.found) {
    return "holder not found in the dump: no goroutine outside the queue "
           "stands in the waiters' function past their Lock call";
  }
  const Cluster& c = set.clusters()[h.cluster];
  const Frame& f = c.frames[h.frame];
  std::string s = "holder: goroutine ";
  s += c.ids.empty() ? std::string("?") : std::to_string(c.ids[0]);
  if (c.state != kNoSymbol) s += " [" + std::string(set.Name(c.state)) + "]";
  s += " at " + std::string(set.Name(f.func)) + " (" + ShortLocation(f, set) +
       "), past the waiters' Lock at line " + std::to_string(h.lock_line) +
       " and not waiting for this lock";
  if (h.candidates > 1) {
    s += " (one of " + std::to_string(h.candidates) + " such goroutines)";
  }
  return s;
}

}  // namespace goroutine
