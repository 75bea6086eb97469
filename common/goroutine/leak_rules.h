#ifndef COMMON_GOROUTINE_LEAK_RULES_H_
#define COMMON_GOROUTINE_LEAK_RULES_H_

// Which clusters are leak suspects and which are healthy idle goroutines.
// Every rule lives in leak_rules.cc, in the order it is applied, with the
// reason text the reports print; README "goleak-cluster: leak rules"
// describes the same list for users.

#include <string_view>

#include "common/goroutine/cluster_set.h"

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

// Go function-name helpers the rules and the writers share.
// "net/http.(*conn).serve" -> "net/http"; "main.main.func1" -> "main".
std::string_view PackageOf(std::string_view func);
// True for standard-library packages (first path element without a dot,
// not "main"): runtime, sync, net/http, internal/poll, ...
bool IsStandardLibrary(std::string_view func);
// Index of the first frame outside the standard library (the "user frame"
// a report names), else the bottom frame; -1 for an empty stack.
int FirstUserFrame(const Cluster& c, const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_LEAK_RULES_H_
