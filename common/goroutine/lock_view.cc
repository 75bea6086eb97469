#include "common/goroutine/lock_view.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/goroutine/lock_holder.h"

namespace goroutine {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// The first argument word when it is a plausible address ("0x0" is what the
// register ABI prints for a dead spill slot, so it says nothing).
std::string_view AddressArg(std::string_view args) {
  std::string_view a = args.substr(0, args.find(','));
  while (!a.empty() && (a.back() == '?' || a.back() == ' ')) a.remove_suffix(1);
  if (a.size() < 3 || a.substr(0, 2) != "0x" || a == "0x0") return {};
  for (size_t i = 2; i < a.size(); ++i) {
    char c = a[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return {};
  }
  return a;
}

bool IsRuntimeFrame(std::string_view f) {
  return StartsWith(f, "runtime.") || StartsWith(f, "internal/") ||
         StartsWith(f, "sync.");
}

// Likely lock-order inversions from the goroutines queued at each Lock
// call. Bounded on a hostile dump (kMaxOrderSites per function, kMaxEdges):
// the view says when it checked only part (order_partial).
void FindInversions(const ClusterSet& set, LockView* view) {
  constexpr size_t kMaxOrderSites = 256;
  constexpr size_t kMaxEdges = 4096;
  // Lock order per requesting function: (func, file) -> [(line, lock)].
  std::map<std::pair<uint32_t, uint32_t>,
           std::vector<std::pair<uint32_t, uint32_t>>>
      sites;
  for (const LockWait& w : set.lock_waits()) {
    if (w.user_frame < 0) continue;
    if (StartsWith(set.Name(w.lock), "(")) continue;  // unknown address
    const Frame& f = set.clusters()[w.cluster].frames[w.user_frame];
    sites[{f.func, f.file}].push_back({f.line, w.lock});
  }
  // Edges a -> b: some function waits for b at a later line than a line
  // where it waits for a, so it holds a while waiting for b.
  struct Edge {
    uint32_t a, b;
    LockOrder order;
  };
  std::vector<Edge> edges;
  for (auto& [fn, list] : sites) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    if (list.size() > kMaxOrderSites) {
      list.resize(kMaxOrderSites);
      view->order_partial = true;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        if (list[i].second == list[j].second) continue;
        if (list[i].first == list[j].first) continue;
        if (edges.size() >= kMaxEdges) {
          view->order_partial = true;
          break;
        }
        edges.push_back(
            Edge{list[i].second, list[j].second,
                 LockOrder{fn.first, fn.second, list[i].first, list[j].first}});
      }
    }
  }
  for (size_t i = 0; i < edges.size(); ++i) {
    for (size_t j = i + 1; j < edges.size(); ++j) {
      if (edges[i].a == edges[j].b && edges[i].b == edges[j].a) {
        view->inversions.push_back(
            Inversion{edges[i].a, edges[i].b, edges[i].order, edges[j].order});
      }
    }
  }
}

}  // namespace

std::string_view ExactAddress(std::string_view args, size_t index) {
  size_t depth = 0, start = 0, word = 0;
  for (size_t i = 0; i <= args.size(); ++i) {
    const char c = i < args.size() ? args[i] : ',';
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    if (c != ',' || depth > 0) continue;
    if (word++ == index) {
      std::string_view a = args.substr(start, i - start);
      while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
      while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
      // An address: "0x" and at least four hex digits (0x1 is a number).
      if (a.size() < 6 || a.substr(0, 2) != "0x") return {};
      for (size_t k = 2; k < a.size(); ++k) {
        const char h = a[k];
        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f'))) return {};
      }
      return a;
    }
    start = i + 1;
  }
  return {};
}

bool FindLockRequest(std::span<const RawFrame> frames, LockRequest* out) {
  bool lock = false;
  std::string_view address, sema;
  std::string_view kind;
  for (size_t i = 0; i < frames.size(); ++i) {
    std::string_view f = frames[i].func;
    // Go 1.24+ moved the mutex into internal/sync; same names below it.
    if (StartsWith(f, "internal/sync.")) f.remove_prefix(9);
    if (StartsWith(f, "sync.")) {
      std::string_view a = AddressArg(frames[i].args);
      if (f == "sync.(*Mutex).lockSlow" || f == "sync.(*Mutex).Lock") {
        lock = true;
        if (kind.empty()) kind = "sync.Mutex";
        if (address.empty()) address = a;
      } else if (f == "sync.(*RWMutex).Lock") {
        // RWMutex.Lock first locks its embedded Mutex (at the same address).
        lock = true;
        kind = "sync.RWMutex";
        if (!a.empty()) address = a;
      } else if (f == "sync.(*RWMutex).RLock") {
        lock = true;
        kind = "sync.RWMutex (read)";
        if (!a.empty()) address = a;
      } else if (StartsWith(f, "sync.runtime_Semacquire")) {
        sema = a;
      } else if (!lock) {
        return false;  // WaitGroup.Wait, Cond.Wait, ...: not a mutex
      }
      continue;
    }
    if (IsRuntimeFrame(f)) continue;
    if (!lock) return false;
    out->user_frame = static_cast<int32_t>(i);
    break;
  }
  if (!lock) return false;
  out->kind = kind;
  if (!address.empty()) {
    out->address = address;
  } else if (!sema.empty()) {
    out->address = sema;  // the semaphore word inside the lock
  } else {
    out->address = "(address not in dump)";
  }
  return true;
}

LockView BuildLockView(const ClusterSet& set) {
  LockView view;
  view.not_grouped = set.lock_waits_not_grouped();
  std::map<uint32_t, size_t> by_lock;
  for (const LockWait& w : set.lock_waits()) {
    auto [it, added] = by_lock.emplace(w.lock, view.groups.size());
    if (added) {
      view.groups.push_back(LockGroup{w.lock, w.kind, 0, {}, {}});
    }
    LockGroup& g = view.groups[it->second];
    g.count += w.count;
    g.waiters.push_back(w);
  }
  for (LockGroup& g : view.groups) {
    std::stable_sort(
        g.waiters.begin(), g.waiters.end(),
        [](const LockWait& a, const LockWait& b) { return a.count > b.count; });
  }
  std::stable_sort(view.groups.begin(), view.groups.end(),
                   [&](const LockGroup& a, const LockGroup& b) {
                     if (a.count != b.count) return a.count > b.count;
                     return set.Name(a.lock) < set.Name(b.lock);
                   });
  // The holder search costs clusters x frames per lock: the most contended
  // locks only.
  constexpr size_t kMaxHolderSearches = 64;
  for (size_t i = 0; i < view.groups.size() && i < kMaxHolderSearches; ++i) {
    view.groups[i].holder = FindLockHolder(view.groups[i], set);
  }

  FindInversions(set, &view);
  return view;
}

}  // namespace goroutine
