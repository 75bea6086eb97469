#ifndef COMMON_GOROUTINE_LOCK_HOLDER_H_
#define COMMON_GOROUTINE_LOCK_HOLDER_H_

// Who holds a contended lock. A dump does not say; it shows it when a
// goroutine that is not waiting for the lock stands inside the function
// the waiters queue in, past the line of their Lock call (the critical
// section): the convoy holder asleep at store.go:93 while 300 goroutines
// wait at store.go:90, or the other side of a lock-order cycle. Register
// arguments print as dead words (0x0?) in most Go dumps, so the receiver
// address is not relied on.

#include <string>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/lock_view.h"

namespace goroutine {

LockHolder FindLockHolder(const LockGroup& group, const ClusterSet& set);

// "goroutine 2579 [sleep] at main.(*store).update (incidents.go:93), past
// the waiters' Lock at incidents.go:90" or "holder not found in the dump:
// ...".
std::string HolderText(const LockGroup& group, const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_LOCK_HOLDER_H_
