#ifndef COMMON_GOROUTINE_LOCK_VIEW_H_
#define COMMON_GOROUTINE_LOCK_VIEW_H_

// The lock view: goroutines blocked acquiring a sync.Mutex / sync.RWMutex,
// grouped by the lock (the receiver address the dump prints for
// sync.(*Mutex).lockSlow or sync.(*RWMutex).Lock), with the user frame that
// asked for it, plus likely lock-order inversions.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/dump_parser.h"

namespace goroutine {

// What one goroutine's stack says about the lock it waits for.
struct LockRequest {
  std::string_view address;  // "0x92fde8", or a description when unknown
  std::string_view kind;     // "sync.Mutex", "sync.RWMutex", ...
  int32_t user_frame = -1;   // first frame below the sync/runtime frames
};

// True when the stack (top first) is blocked inside a mutex acquisition.
bool FindLockRequest(std::span<const RawFrame> frames, LockRequest* out);

// Argument word `index` of a frame's argument text when the dump prints it
// as an exact address ("0xc000120000", four hex digits or more); empty for
// a dead or possibly inaccurate word ("0x0?", "0xc00012?"), a small number
// ("0x1"), a struct "{...}", or none.
std::string_view ExactAddress(std::string_view args, size_t index);

// How the holder of a lock was found.
enum class HolderEvidence {
  kLockAddress,  // a frame of it has the lock's address as an argument
  kReceiver,     // the waiters' function past their Lock, same receiver
  kPosition,     // the waiters' function past their Lock (no addresses)
};

// The goroutine that most likely holds a contended lock (lock_holder.h).
struct LockHolder {
  bool found = false;
  uint32_t cluster = 0;     // index in the cluster set
  int32_t frame = -1;       // its frame inside the critical section
  uint32_t lock_line = 0;   // the waiters' Lock line in that function
  uint64_t candidates = 0;  // goroutines that fit (1 = unambiguous)
  HolderEvidence evidence = HolderEvidence::kPosition;
  uint64_t goroutine = 0;        // the goroutine matched by address
  uint32_t address = kNoSymbol;  // the receiver or lock address matched
  bool receivers_dead = false;   // the waiters' receivers are not in the dump
};

// Waiters of one lock, most goroutines first.
struct LockGroup {
  uint32_t lock = kNoSymbol;
  uint32_t kind = kNoSymbol;
  uint64_t count = 0;
  std::vector<LockWait> waiters;
  LockHolder holder;
};

// "first" takes lock_a (at line_a) and then waits for lock_b (line_b) while
// "second" takes lock_b and then waits for lock_a: the classic l1->l2 vs
// l2->l1 deadlock. Inferred from goroutines queued at each Lock call: a
// function seen waiting at two Lock lines is taken to hold the earlier lock
// when it waits at the later one.
struct LockOrder {
  uint32_t func = kNoSymbol;
  uint32_t file = kNoSymbol;
  uint32_t first_line = 0;   // where it takes the first lock
  uint32_t second_line = 0;  // where it waits for the second
};
struct Inversion {
  uint32_t lock_a = kNoSymbol;
  uint32_t lock_b = kNoSymbol;
  LockOrder first;   // takes a, then b
  LockOrder second;  // takes b, then a
};

struct LockView {
  std::vector<LockGroup> groups;  // most waiters first
  std::vector<Inversion> inversions;
  // Lock waiters the view could not group (ClusterSet::kMaxLockWaits):
  // counted, and said in the reports, never dropped silently.
  uint64_t not_grouped = 0;
  // The lock-order search stopped at its bounds (256 lock sites per
  // function, 4096 edges): inversions beyond them are not reported.
  bool order_partial = false;
};

LockView BuildLockView(const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_LOCK_VIEW_H_
