#ifndef COMMON_GOROUTINE_LEAK_RULES_H_
#define COMMON_GOROUTINE_LEAK_RULES_H_

// The verdict on each cluster: proven, growing, pile-up, unsure or healthy,
// with the evidence it rests on. Every rule lives in leak_rules.cc, in the
// order it is applied, with the text the reports print; README
// "goleak-cluster: verdicts" describes the same list for users.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/lock_view.h"

namespace goroutine {

// How sure the verdict is and what it rests on. The first three are leak
// suspects (listed first, fail --fail-on-leak); kUnsure is listed apart
// ("take a second dump to tell") and never fails a run.
enum class VerdictKind {
  kProven,   // the runtime or a wait cycle in the dump says it cannot proceed
  kGrowing,  // new or grew against the base dump, and not a bounded pool
  kPileUp,   // many goroutines in one place: costs threads, memory or CPU
  kUnsure,   // one dump cannot tell stuck from idle
  kHealthy,  // runtime, signal, idle I/O, pools, running, ...
};
std::string_view VerdictName(VerdictKind k);  // "proven", "pile-up", ...
inline bool IsSuspect(VerdictKind k) {
  return k == VerdictKind::kProven || k == VerdictKind::kGrowing ||
         k == VerdictKind::kPileUp;
}

// The verdict on one cluster.
struct LeakVerdict {
  VerdictKind kind = VerdictKind::kHealthy;
  std::string reason;    // what it is doing, in a few words
  std::string evidence;  // what the verdict rests on
};

// What the dump as a whole says.
struct DumpContext {
  // "fatal error: all goroutines are asleep - deadlock!": the runtime
  // itself found that no goroutine can proceed.
  bool runtime_deadlock = false;
  // "goroutineleak profile: total N": every goroutine in it is one the
  // runtime proved leaked (Go 1.26 GOEXPERIMENT=goroutineleakprofile).
  bool leak_profile = false;
  // A panic / fatal error: the process is gone, no second dump possible.
  bool crashed_process = false;
  // OS threads of the process (--threads), -1 when not given.
  int64_t threads = -1;
};

// Goroutines in one place from which a dump alone calls a pile-up.
inline constexpr uint64_t kPileUpCount = 100;

// Rules 0-12 (with 0b, a crashed process's blocked senders): the verdict
// from this one dump.
LeakVerdict ClassifyCluster(const Cluster& c, const ClusterSet& set,
                            const DumpContext& context = {});

// Rules 13-14, once the lock view is built: a cluster caught in a
// lock-order cycle is proven; one queued in a convoy of at least
// kPileUpCount waiters is a pile-up. Changes *v only when one applies.
void ApplyLockRules(const Cluster& c, const ClusterSet& set,
                    const LockView& locks, LeakVerdict* v);

// Rule 10b, the wake-up rule: goroutines blocked in select, chan receive
// or sleep whose twins (same frames and creator) the dump caught runnable
// or running keep waking up: a ticker or timer loop. Started by request-
// scoped code, blocked and awake together at least kPileUpCount: a pile-up
// (every wake-up a runtime timer: CPU in the scheduler's timer checks),
// applied to both; a program-lifetime loop (one service ticker) stays
// healthy. `awake` counts the twins. Changes *v only when it applies.
void ApplyWakeRule(const Cluster& blocked, const ClusterSet& set,
                   uint64_t awake, LeakVerdict* v);
// Whether `c` is a wait the wake-up rule looks at (select, chan receive,
// sleep).
bool IsWakeableWait(const Cluster& c, const ClusterSet& set);

// How a cluster changed between the base dump and now.
enum class Change { kNone, kNew, kGrew, kShrank, kGone, kSame };
std::string_view ChangeName(Change c);

// Rules 15-16, with a base dump: an unsure cluster that is new or grew is
// growing, one that did not grow is healthy; other verdicts gain the
// change as evidence. `series` holds the cluster's count in every dump,
// oldest first and now last, when there are three or more (--base given
// more than once); then only growth at every dump is growing.
void ApplyBaseRule(Change change, uint64_t base_count, uint64_t count,
                   std::span<const uint64_t> series, LeakVerdict* v);

// The lock-order reason for a cluster of `set` waiting at either Lock of an
// inversion; empty when the cluster takes no part.
std::string LockOrderReason(const Cluster& c, const ClusterSet& set,
                            const LockView& locks);

// Index of the frame a report names: the first frame outside the standard
// library (the user code that blocks); for an all-standard-library stack,
// the first frame below the runtime, sync, time, I/O and net plumbing
// (net/http/pprof.sleep rather than net/http.(*conn).serve), else the
// bottom frame; -1 for an empty stack.
int FirstUserFrame(const Cluster& c, const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_LEAK_RULES_H_
