#ifndef COMMON_GOROUTINE_LEAK_RULES_H_
#define COMMON_GOROUTINE_LEAK_RULES_H_

// Which clusters are leak suspects and which are healthy idle goroutines.
// Every rule lives in leak_rules.cc, in the order it is applied, with the
// reason text the reports print; README "goleak-cluster: leak rules"
// describes the same list for users.

#include <string>
#include <string_view>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/lock_view.h"

namespace goroutine {

// The verdict on one cluster.
struct LeakVerdict {
  bool suspect = false;
  // Why, in a few words ("blocked sending on a channel nobody receives
  // from", "idle network I/O"). Static text.
  std::string_view reason;
};

// What the dump as a whole says (rule 0).
struct DumpContext {
  // "fatal error: all goroutines are asleep - deadlock!": the runtime
  // itself found that no goroutine can proceed.
  bool runtime_deadlock = false;
};

LeakVerdict ClassifyCluster(const Cluster& c, const ClusterSet& set,
                            const DumpContext& context = {});

// The lock-order rule, applied after ClassifyCluster once the lock view is
// built: for a cluster of `set` waiting at either Lock of an inversion, the
// reason that names the deadlock; empty when the cluster takes no part.
std::string LockOrderReason(const Cluster& c, const ClusterSet& set,
                            const LockView& locks);

// Index of the first frame outside the standard library (the "user frame"
// a report names; stack::IsStandardLibrary decides), else the bottom
// frame; -1 for an empty stack.
int FirstUserFrame(const Cluster& c, const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_LEAK_RULES_H_
