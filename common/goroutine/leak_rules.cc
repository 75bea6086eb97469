// The leak rules, applied in this order; the first that matches decides.
//
//  0. After "fatal error: all goroutines are asleep - deadlock!" every
//     goroutine blocked on a channel, select or lock is a suspect: the
//     runtime proved none of them can proceed.
//  1. Crashed / running: the goroutine that panicked, goroutines running on
//     another thread, `running`, `runnable`, `syscall`: active, not stuck.
//  2. Blocked forever: `chan send (nil chan)`, `chan receive (nil chan)`,
//     `select (no cases)`: a nil channel or `select {}` can never proceed.
//     Suspect whoever started it (even main.main ending in `select {}`).
//  3. Go runtime: GC workers, finalizer, sweeper, scavenger, `idle`, and any
//     stack made only of runtime frames or created by the runtime: healthy.
//  4. Signal handling: os/signal frames or creator: healthy.
//  5. Idle I/O and sleeping: `IO wait` (servers in Accept, keep-alive
//     connections, readers) and `sleep` (time.Sleep loops): healthy.
//  6. Library idle loops: goroutines waiting inside net/http client
//     connections (persistConn readLoop/writeLoop), HTTP/2 connections,
//     database/sql pool maintenance: healthy pools.
//  7. `chan send`: a sender outliving its receiver is the classic leak
//     (the consumer gave up): suspect, whoever started it.
//  8. Lock waits: `semacquire`, `sync.Mutex.Lock`, `sync.RWMutex.*Lock`,
//     `sync.Cond.Wait`, `sync.WaitGroup.Wait`: suspect (a lock that is never
//     released, a Cond never signalled, a WaitGroup never done); the lock
//     view names the lock.
//  9. `chan receive` / `select`: healthy when the goroutine is a
//     program-lifetime worker (no creator, i.e. the main goroutine, or
//     created by main.main or an init function: ticker loops, signal
//     handlers, fixed worker pools); otherwise suspect (nobody will send or
//     close, no case will become ready).
// 10. debug=1 records carry no state: lock frames -> rule 8; poll, sleep,
//     signal and runtime frames -> healthy; otherwise a group of at least
//     kAggregatedSuspectCount goroutines parked at the same line is a
//     suspect, smaller groups are not judged.
// 11. Anything else (other wait reasons): not judged a leak.
// 12. Lock order (LockOrderReason, once the lock view is built): a cluster
//     waiting at the second Lock of a lock-order inversion holds the first
//     lock and is named as the deadlock; one waiting at the first Lock is
//     queued behind it. Only the reason changes, not the verdict.
//
// A long wait alone does not make a leak (healthy pools idle for hours);
// it only ranks suspects: by count, then by the longest wait.

#include "common/goroutine/leak_rules.h"

#include "common/stack/go_names.h"

namespace goroutine {
namespace {

constexpr uint64_t kAggregatedSuspectCount = 10;

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

bool IsRuntimeState(std::string_view s) {
  static constexpr std::string_view kStates[] = {
      "idle",
      "GC worker (idle)",
      "force gc (idle)",
      "finalizer wait",
      "GC sweep wait",
      "GC scavenge wait",
      "timer goroutine (idle)",
      "trace reader (blocked)",
      "wait for GC cycle",
      "GC assist wait",
      "GC assist marking",
      "GC weak to strong wait",
      "cleanup wait",
      "preempted",
      "garbage collection",
      "garbage collection scan",
      "stopping the world",
      "dumping heap",
      "debug call",
      "trace goroutine status",
  };
  for (std::string_view k : kStates) {
    if (s == k) return true;
  }
  return false;
}

bool IsLockState(std::string_view s) {
  return s == "semacquire" || s == "semacquire (durable)" ||
         StartsWith(s, "sync.Mutex.") || StartsWith(s, "sync.RWMutex.") ||
         s == "sync.Cond.Wait" || s == "sync.WaitGroup.Wait";
}

// The reason for a lock wait, from the sync frames on the stack.
std::string_view LockReason(const Cluster& c, const ClusterSet& set,
                            bool* found) {
  *found = true;
  for (const Frame& f : c.frames) {
    std::string_view n = set.Name(f.func);
    if (StartsWith(n, "sync.(*WaitGroup).Wait")) {
      return "waiting in sync.WaitGroup.Wait for a Done that never comes";
    }
    if (StartsWith(n, "sync.(*Cond).Wait")) {
      return "waiting in sync.Cond.Wait for a Signal/Broadcast";
    }
    if (StartsWith(n, "sync.(*RWMutex).RLock")) {
      return "waiting to read-lock a sync.RWMutex a writer holds";
    }
    if (StartsWith(n, "sync.(*RWMutex).Lock")) {
      return "waiting to lock a sync.RWMutex held by another goroutine";
    }
    if (StartsWith(n, "sync.(*Mutex).")) {
      return "waiting for a sync.Mutex held by another goroutine";
    }
  }
  *found = false;
  return "waiting on a semaphore (lock, WaitGroup or Cond)";
}

bool AllRuntimeFrames(const Cluster& c, const ClusterSet& set) {
  if (c.frames.empty()) return false;
  for (const Frame& f : c.frames) {
    if (!StartsWith(set.Name(f.func), "runtime.")) return false;
  }
  return true;
}

bool AnyFrame(const Cluster& c, const ClusterSet& set,
              std::initializer_list<std::string_view> prefixes) {
  for (const Frame& f : c.frames) {
    std::string_view n = set.Name(f.func);
    for (std::string_view p : prefixes) {
      if (StartsWith(n, p)) return true;
    }
  }
  return false;
}

bool IsLibraryIdleLoop(const Cluster& c, const ClusterSet& set) {
  return AnyFrame(
      c, set,
      {"net/http.(*persistConn).readLoop", "net/http.(*persistConn).writeLoop",
       "net/http.(*http2ClientConn).readLoop",
       "net/http.(*http2serverConn).serve",
       "golang.org/x/net/http2.(*ClientConn).readLoop",
       "golang.org/x/net/http2.(*serverConn).serve",
       "database/sql.(*DB).connectionOpener",
       "database/sql.(*DB).connectionCleaner",
       "database/sql.(*DB).connectionResetter",
       "net/http.(*connReader).backgroundRead"});
}

// Created by main.main or an init function, or the main goroutine itself.
bool IsProgramLifetimeWorker(const Cluster& c, const ClusterSet& set) {
  if (!c.has_creator) return true;
  std::string_view creator = set.Name(c.creator.func);
  if (creator == "main.main") return true;
  size_t dot = creator.rfind('.');
  std::string_view last =
      dot == std::string_view::npos ? creator : creator.substr(dot + 1);
  if (last == "init" || (StartsWith(last, "init") && last.size() > 4 &&
                         last[4] >= '0' && last[4] <= '9')) {
    return true;
  }
  return Contains(creator, ".init.");
}

}  // namespace

int FirstUserFrame(const Cluster& c, const ClusterSet& set) {
  if (c.frames.empty()) return -1;
  for (size_t i = 0; i < c.frames.size(); ++i) {
    if (!stack::IsStandardLibrary(set.Name(c.frames[i].func))) {
      return static_cast<int>(i);
    }
  }
  // All standard library: the entry function (bottom frame) says most,
  // e.g. net/http.(*conn).serve rather than internal/poll.runtime_pollWait.
  return static_cast<int>(c.frames.size() - 1);
}

LeakVerdict ClassifyCluster(const Cluster& c, const ClusterSet& set,
                            const DumpContext& context) {
  const bool aggregated = c.state == kNoSymbol;
  std::string_view state = set.Name(c.state);
  // 0. The runtime found a deadlock.
  if (context.runtime_deadlock &&
      (StartsWith(state, "chan ") || StartsWith(state, "select") ||
       IsLockState(state))) {
    return {true,
            "deadlock reported by the Go runtime (all goroutines are "
            "asleep)"};
  }
  // 1. Active.
  if (c.crashed) return {false, "the goroutine that crashed"};
  if (c.stack_unavailable) return {false, "running on another thread"};
  if (state == "running" || state == "runnable") return {false, "running"};
  if (state == "syscall") return {false, "in a system call"};
  // 2. Blocked forever.
  if (state == "chan send (nil chan)") {
    return {true, "send on a nil channel blocks forever"};
  }
  if (state == "chan receive (nil chan)") {
    return {true, "receive from a nil channel blocks forever"};
  }
  if (state == "select (no cases)") {
    return {true, "select {} blocks forever"};
  }
  // 3. Go runtime.
  if (IsRuntimeState(state) || AllRuntimeFrames(c, set) ||
      (c.has_creator && StartsWith(set.Name(c.creator.func), "runtime."))) {
    return {false, "Go runtime goroutine"};
  }
  // 4. Signals.
  if (AnyFrame(c, set, {"os/signal."}) ||
      (c.has_creator && StartsWith(set.Name(c.creator.func), "os/signal."))) {
    return {false, "signal handling"};
  }
  // 5. Idle I/O, sleeping.
  if (state == "IO wait") return {false, "idle network or file I/O"};
  if (state == "sleep") return {false, "sleeping (time.Sleep)"};
  if (aggregated) {
    if (AnyFrame(c, set, {"internal/poll.runtime_pollWait"})) {
      return {false, "idle network or file I/O"};
    }
    if (AnyFrame(c, set, {"time.Sleep"})) {
      return {false, "sleeping (time.Sleep)"};
    }
  }
  // 6. Library idle loops.
  if (IsLibraryIdleLoop(c, set)) {
    return {false, "idle connection or pool loop of the standard library"};
  }
  // 7. Sends.
  if (state == "chan send") {
    return {true, "blocked sending on a channel nobody receives from"};
  }
  // 8. Locks.
  if (IsLockState(state)) {
    bool found;
    return {true, LockReason(c, set, &found)};
  }
  // 9. Receives and selects.
  if (state == "chan receive" || state == "select") {
    if (IsProgramLifetimeWorker(c, set)) {
      return {false, "long-lived worker started by main or init"};
    }
    if (state == "chan receive") {
      return {true, "blocked receiving: nothing sends or closes the channel"};
    }
    return {true, "blocked in select: no case will become ready"};
  }
  // 10. debug=1: no state.
  if (aggregated) {
    bool lock;
    std::string_view why = LockReason(c, set, &lock);
    if (lock) return {true, why};
    if (c.count >= kAggregatedSuspectCount && !c.frames.empty()) {
      return {true,
              "many goroutines parked at the same line (debug=1 shows no "
              "wait reason)"};
    }
    return {false, "not judged (debug=1 shows no wait reason)"};
  }
  // 11. Anything else.
  return {false, "not a blocking wait the rules judge"};
}

std::string LockOrderReason(const Cluster& c, const ClusterSet& set,
                            const LockView& locks) {
  std::string reason;
  for (const Inversion& inv : locks.inversions) {
    for (int k = 0; k < 2; ++k) {
      const LockOrder& o = k == 0 ? inv.first : inv.second;
      uint32_t held = k == 0 ? inv.lock_a : inv.lock_b;
      uint32_t wanted = k == 0 ? inv.lock_b : inv.lock_a;
      for (const Frame& f : c.frames) {
        if (f.func != o.func || f.file != o.file) continue;
        if (f.line == o.second_line) {
          reason = "lock-order deadlock: holds " + std::string(set.Name(held)) +
                   ", waits for " + std::string(set.Name(wanted)) +
                   " held by a goroutine that waits for it";
        } else if (f.line == o.first_line) {
          reason = "queued on " + std::string(set.Name(held)) +
                   ", which a lock-order deadlock holds";
        }
        break;
      }
    }
  }
  return reason;
}

}  // namespace goroutine
