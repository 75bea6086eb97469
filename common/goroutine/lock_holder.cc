#include "common/goroutine/lock_holder.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/goroutine/text_report.h"

namespace goroutine {
namespace {

// Bounds the search on a hostile dump with many locks and many sites.
constexpr size_t kMaxSites = 16;

// Where the waiters asked for the lock: (function, file, Lock line) and the
// receiver their frame shows there (kNoSymbol when dead).
struct Site {
  const Frame* frame;
  uint32_t receiver;
  bool receiver_dead;
};

std::vector<Site> WaiterSites(const LockGroup& g, const ClusterSet& set,
                              std::vector<char>* waiter) {
  std::vector<Site> sites;
  for (const LockWait& w : g.waiters) {
    (*waiter)[w.cluster] = 1;
    if (w.user_frame < 0 || sites.size() >= kMaxSites) continue;
    sites.push_back(Site{&set.clusters()[w.cluster].frames[w.user_frame],
                         w.receiver, w.receiver_dead});
  }
  return sites;
}

bool AtSite(const Frame& f, const Site& s) {
  return s.frame->func == f.func && s.frame->file == f.file &&
         f.line > s.frame->line;
}

// How well cluster `c` fits as the holder (0: not at all) and where: 3 a
// goroutine of it passes the lock's address, 2 one stands past the
// waiters' Lock on their receiver, 1 it stands there and the dump shows
// no receiver for it (matched by position).
int Fit(const Cluster& c, const LockGroup& g, const std::vector<Site>& sites,
        LockHolder* h) {
  auto found = [&](int32_t frame, uint32_t line, HolderEvidence e,
                   uint32_t address, uint64_t id, bool dead) {
    *h = LockHolder{true, 0, frame, line, 0, e, id, address, dead};
  };
  for (const ArgAddress& n : c.addresses) {
    if (n.address == g.lock) {
      found(static_cast<int32_t>(n.frame), 0, HolderEvidence::kLockAddress,
            g.lock, n.goroutine, false);
      return 3;
    }
  }
  for (const ArgAddress& n : c.addresses) {
    if (n.word != 0) continue;
    for (const Site& s : sites) {
      if (s.receiver == n.address && AtSite(c.frames[n.frame], s)) {
        found(static_cast<int32_t>(n.frame), s.frame->line,
              HolderEvidence::kReceiver, n.address, n.goroutine, false);
        return 2;
      }
    }
  }
  for (size_t k = 0; k < c.frames.size(); ++k) {
    for (const Site& s : sites) {
      if (!AtSite(c.frames[k], s)) continue;
      // Receivers shown on both sides and none equal: another object.
      bool shown = false;
      for (const ArgAddress& n : c.addresses) {
        shown |= n.frame == k && n.word == 0;
      }
      if (shown && s.receiver != kNoSymbol) continue;
      found(static_cast<int32_t>(k), s.frame->line, HolderEvidence::kPosition,
            kNoSymbol, 0, s.receiver_dead);
      return 1;
    }
  }
  return 0;
}

}  // namespace

LockHolder FindLockHolder(const LockGroup& g, const ClusterSet& set) {
  const auto& clusters = set.clusters();
  std::vector<char> waiter(clusters.size(), 0);
  const std::vector<Site> sites = WaiterSites(g, set, &waiter);
  LockHolder best;
  int best_fit = 0;
  uint64_t candidates = 0;
  for (uint32_t i = 0; i < clusters.size(); ++i) {
    if (waiter[i]) continue;
    LockHolder h;
    const int fit = Fit(clusters[i], g, sites, &h);
    if (fit == 0) continue;
    // Candidates of the best kind of evidence only.
    if (fit > best_fit) candidates = 0;
    // An address names one goroutine; a position, the whole cluster.
    if (fit >= best_fit) candidates += fit >= 2 ? 1 : clusters[i].count;
    if (fit > best_fit) {
      best = h;
      best.cluster = i;
      best_fit = fit;
    }
  }
  best.candidates = candidates;
  if (!best.found) {
    for (const Site& s : sites) best.receivers_dead |= s.receiver_dead;
  }
  return best;
}

std::string HolderText(const LockGroup& g, const ClusterSet& set) {
  const LockHolder& h = g.holder;
  if (!h.found) {
    return std::string(
               "holder not found in the dump: no goroutine outside the queue "
               "has the lock's address in its arguments or stands in the "
               "waiters' function past their Lock call") +
           (h.receivers_dead
                ? " (the waiters' receivers print as dead words, 0x0?)"
                : "");
  }
  const Cluster& c = set.clusters()[h.cluster];
  const Frame& f = c.frames[h.frame];
  std::string s = "holder: goroutine ";
  s += h.goroutine != 0 ? std::to_string(h.goroutine)
       : c.ids.empty()  ? std::string("?")
                        : std::to_string(c.ids[0]);
  if (c.state != kNoSymbol) s += " [" + std::string(set.Name(c.state)) + "]";
  s += " at " + std::string(set.Name(f.func)) + " (" + ShortLocation(f, set) +
       ")";
  switch (h.evidence) {
    case HolderEvidence::kLockAddress:
      s += ", whose arguments hold the lock's address " +
           std::string(set.Name(h.address)) + ", not waiting for this lock";
      break;
    case HolderEvidence::kReceiver:
      s += ", past the waiters' Lock at line " + std::to_string(h.lock_line) +
           " on the same receiver " + std::string(set.Name(h.address)) +
           " and not waiting for this lock";
      break;
    case HolderEvidence::kPosition:
      s += ", past the waiters' Lock at line " + std::to_string(h.lock_line) +
           " and not waiting for this lock";
      if (h.receivers_dead) {
        s += " (receivers print as dead words, 0x0?: matched by position)";
      }
      break;
  }
  if (h.candidates > 1) {
    s += " (one of " + std::to_string(h.candidates) + " such goroutines)";
  }
  return s;
}

}  // namespace goroutine
