// The verdict rules, applied in this order; the first that matches decides.
// A verdict names its kind (proven / growing / pile-up / unsure / healthy),
// what the goroutines do, and the evidence it rests on.
//
//  0. After "fatal error: all goroutines are asleep - deadlock!" every
//     goroutine blocked on a channel, select or lock: proven.
// 0b. A crashed process (panic / fatal error): spawned goroutines blocked
//     in `chan send`: proven. A blocked send means no goroutine waited to
//     receive (a waiting receiver takes the value at once), and after the
//     crash none can come: those values were never delivered (the shared
//     panic-crash dump's three main.notify senders). The main goroutine
//     itself, often a producer feeding busy workers, is not judged so.
//  1. The runtime's own leak verdict: a `(leaked)` state (Go 1.26 leak
//     detection) or a goroutine of a goroutineleak profile: proven.
//  2. The goroutine that crashed, `running`, `runnable`, running on another
//     thread: healthy (active).
//  3. Blocked forever: `chan send (nil chan)`, `chan receive (nil chan)`,
//     `select (no cases)`: proven, whoever started it.
//  4. Go runtime goroutines (GC, finalizer, scavenger, `idle`, runtime-only
//     stacks, created by the runtime), signal handling, and the profilers'
//     own goroutines (net/http/pprof, runtime/pprof): healthy.
//  5. `syscall`: at least kPileUpCount goroutines in one place (a cgo call
//     when the stack holds `_Cfunc_` / runtime.cgocall) each hold an OS
//     thread: pile-up (with the thread count when --threads gives it);
//     fewer: healthy.
//  6. `IO wait`: idle network or file I/O (servers in Accept, keep-alive
//     connections): healthy.
//  7. `sleep`: program-lifetime sleepers (main, init, start methods):
//     healthy; per-request sleepers, at least kPileUpCount in one place:
//     pile-up (every sleeper arms a runtime timer: CPU in the scheduler's
//     timer checks); fewer: unsure. Goroutines a server started (requests
//     in flight) need a wait of a minute or more besides the count.
//  8. Library idle loops: net/http client connections, HTTP/2, database/sql
//     pool maintenance: healthy.
//  9. Receive, select, Cond and WaitGroup waits of a bounded pool: the main
//     goroutine, goroutines started by main.main, an init function or a
//     start method (`start`, `Start`, `spawn`, `launch`...) and, when the
//     dump names parents, by one parent: healthy (idle workers, tickers,
//     WaitGroup closers). Its `chan send` and Mutex / RWMutex waits are
//     unsure instead (backpressure, or a lock held forever).
// 10. The same waits started by request-scoped code (anything else): at
//     least kPileUpCount in one place: pile-up (memory that grows with
//     traffic); fewer: unsure ("take a second dump to tell"). Requests in
//     flight (started by a server's accept loop, net/http.(*Server).Serve)
//     are a pile-up only when they have also waited a minute or more: a
//     busy server has many requests waiting for a backend for seconds.
// 11. debug=1 records carry no state, no creator and no runtime frames:
//     poll, sleep and library idle loops: healthy; at least kPileUpCount
//     goroutines parked at one line: pile-up; fewer, waiting in a sync frame
//     (Mutex, RWMutex, WaitGroup, Cond): unsure; fewer otherwise: not judged.
// 12. Anything else (other wait reasons): healthy, not judged a leak.
// 13. Lock order (ApplyLockRules): a cluster waiting at either Lock of a
//     lock-order cycle the lock view found: proven.
// 14. Convoy (ApplyLockRules): waiters of a lock with at least kPileUpCount
//     waiters, and the goroutine holding it when the dump shows it
//     (lock_holder.h): pile-up.
// 15. With --base (ApplyBaseRule): unsure or pile-up and new or grew ->
//     growing; unsure and same or shrank -> healthy (not growing); proven
//     stays proven; every suspect gains the change as evidence.
// 16. With --base given more than once (three or more dumps, oldest
//     first): growing only when it grew at every dump (the counts are the
//     evidence); one that did not grow at the last dump is not growing (a
//     pool that filled up and stayed flat: unsure becomes healthy); one
//     that grew at the last dump but not at every one stays as it was
//     ("take more dumps to tell").
//
// A long wait alone never makes a leak (healthy pools idle for hours); it
// is evidence, and ranks suspects after the count.

#include "common/goroutine/leak_rules.h"

#include "common/goroutine/lock_holder.h"
#include "common/stack/go_names.h"

namespace goroutine {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

LeakVerdict Verdict(VerdictKind kind, std::string_view reason,
                    std::string evidence = {}) {
  return LeakVerdict{kind, std::string(reason), std::move(evidence)};
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
      // Go 1.22-1.26 (runtime2.go waitReasonStrings, golang/go 00814e7b).
      "GOMAXPROCS updater (idle)",
      "GC worker (active)",
      "GC mark termination",
      "flushing proc caches",
      "trace proc status",
      "page trace flush",
      "panicwait",
  };
  for (std::string_view k : kStates) {
    if (s == k) return true;
  }
  return false;
}

bool IsLockState(std::string_view s) {
  return s == "semacquire" || StartsWith(s, "sync.Mutex.") ||
         StartsWith(s, "sync.RWMutex.") || s == "sync.Cond.Wait" ||
         s == "sync.WaitGroup.Wait";
}

bool IsBlockingWait(std::string_view s) {
  return s == "chan send" || s == "chan receive" || s == "select" ||
         IsLockState(s);
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

// What a lock wait is, from the sync frames on the stack; empty when the
// stack holds no sync wait.
std::string_view LockWaitText(const Cluster& c, const ClusterSet& set) {
  for (const Frame& f : c.frames) {
    std::string_view n = set.Name(f.func);
    if (StartsWith(n, "internal/sync.")) n.remove_prefix(9);
    if (StartsWith(n, "sync.(*WaitGroup).Wait")) {
      return "waiting in sync.WaitGroup.Wait";
    }
    if (StartsWith(n, "sync.(*Cond).Wait")) return "waiting in sync.Cond.Wait";
    if (StartsWith(n, "sync.(*RWMutex).RLock")) {
      return "waiting to read-lock a sync.RWMutex";
    }
    if (StartsWith(n, "sync.(*RWMutex).Lock")) {
      return "waiting to lock a sync.RWMutex";
    }
    if (StartsWith(n, "sync.(*Mutex).")) return "waiting for a sync.Mutex";
  }
  return {};
}

// What a blocking wait is doing, in words that claim nothing the dump
// does not show (a select with a timer case may still fire).
std::string_view WaitText(std::string_view state, const Cluster& c,
                          const ClusterSet& set) {
  if (state == "chan send") return "blocked sending on a channel";
  if (state == "chan receive") return "blocked receiving from a channel";
  if (state == "select") return "blocked in select";
  std::string_view lock = LockWaitText(c, set);
  return lock.empty() ? "waiting on a semaphore (lock, WaitGroup or Cond)"
                      : lock;
}

// debug=1: the wait read from the runtime frames; empty when none.
std::string_view AggregatedWaitText(const Cluster& c, const ClusterSet& set) {
  std::string_view lock = LockWaitText(c, set);
  if (!lock.empty()) return lock;
  if (AnyFrame(c, set, {"runtime.chanrecv"})) {
    return "blocked receiving from a channel";
  }
  if (AnyFrame(c, set, {"runtime.chansend"})) {
    return "blocked sending on a channel";
  }
  if (AnyFrame(c, set, {"runtime.selectgo"})) return "blocked in select";
  if (AnyFrame(c, set,
               {"sync.runtime_Semacquire", "sync.runtime_notifyList",
                "internal/sync.runtime_Semacquire"})) {
    return "waiting on a semaphore (lock, WaitGroup or Cond)";
  }
  return {};
}

bool AllRuntimeFrames(const Cluster& c, const ClusterSet& set) {
  if (c.frames.empty()) return false;
  for (const Frame& f : c.frames) {
    if (!StartsWith(set.Name(f.func), "runtime.")) return false;
  }
  return true;
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

// The last name of a function without closure suffixes:
// "main.(*pool).start.func1" -> "start", "main.init.0" -> "init".
std::string_view MethodName(std::string_view f) {
  for (;;) {
    size_t dot = f.rfind('.');
    if (dot == std::string_view::npos) return f;
    std::string_view last = f.substr(dot + 1);
    bool closure = StartsWith(last, "func") ||
                   (!last.empty() && last[0] >= '0' && last[0] <= '9');
    if (!closure) return last;
    f = f.substr(0, dot);
  }
}

enum class Creator { kLifetime, kStartMethod, kServer, kRequest };

// Who started the cluster: the main goroutine itself, main.main or an init
// function (program lifetime), a start method (a bounded pool), a server's
// accept loop (the standard library or a `(*Server)` method: each goroutine
// is a connection or a request in flight), or other code (request-scoped:
// goroutines spawned by handlers and per-call helpers, which outlive the
// request when they leak).
Creator ClassifyCreator(const Cluster& c, const ClusterSet& set) {
  if (!c.has_creator) return Creator::kLifetime;
  std::string_view creator = set.Name(c.creator.func);
  std::string_view name = MethodName(creator);
  if (creator == "main.main" || name == "init" ||
      (StartsWith(name, "init") && name.size() > 4 && name[4] >= '0' &&
       name[4] <= '9') ||
      Contains(creator, ".init.")) {
    return Creator::kLifetime;
  }
  for (std::string_view p :
       {"start", "Start", "spawn", "Spawn", "launch", "Launch"}) {
    if (StartsWith(name, p)) return Creator::kStartMethod;
  }
  if (stack::IsStandardLibrary(creator) || Contains(creator, "(*Server).")) {
    return Creator::kServer;
  }
  return Creator::kRequest;
}

// A bounded pool: started once for the program's life (one parent when
// the dump names parents).
bool IsBoundedPool(const Cluster& c, Creator creator) {
  if (creator != Creator::kLifetime && creator != Creator::kStartMethod) {
    return false;
  }
  return c.parent_ids.size() <= 1 && c.more_parents == 0;
}

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string CreatorText(const Cluster& c, const ClusterSet& set) {
  if (!c.has_creator) return "the main goroutine";
  return "created by " + std::string(set.Name(c.creator.func));
}

// The facts a one-dump verdict rests on: count, creator, waits, parents.
std::string DumpFacts(const Cluster& c, const ClusterSet& set,
                      std::string_view creator_kind) {
  std::string s = Plural(c.count, "goroutine", "goroutines") + " here, " +
                  CreatorText(c, set);
  if (!creator_kind.empty()) s += " (" + std::string(creator_kind) + ")";
  if (c.wait_known && c.wait_max > 0) {
    s += ", waiting up to " + Plural(c.wait_max, "minute", "minutes");
  }
  if (!c.parent_ids.empty()) {
    uint64_t gone = 0, known = 0;
    for (uint64_t id : c.parent_ids) {
      bool alive;
      if (!set.IsAlive(id, &alive)) continue;
      ++known;
      if (!alive) ++gone;
    }
    if (known > 0 && gone == known) {
      s += ", parent goroutine gone";
    } else if (known > 0 && gone == 0) {
      s += ", parent goroutine alive";
    }
  }
  return s;
}

std::string_view CreatorKindText(Creator k) {
  switch (k) {
    case Creator::kLifetime:
      return "program lifetime";
    case Creator::kStartMethod:
      return "a start method";
    case Creator::kServer:
      return "a server: requests in flight";
    case Creator::kRequest:
      return "request-scoped code";
  }
  return "";
}

// Many in-flight requests of a busy server wait at one line for seconds;
// only waits of a minute or more make them a pile-up.
bool ManyStuck(const Cluster& c, Creator creator) {
  if (c.count < kPileUpCount) return false;
  return creator != Creator::kServer || (c.wait_known && c.wait_max >= 1);
}

std::string OneDumpNote(const DumpContext& context) {
  return context.crashed_process
             ? "; one dump of a crashed process cannot tell stuck from idle"
             : "; one dump cannot tell stuck from idle: take a second dump "
               "to tell";
}

// Rules 0-4: what the runtime itself says, and what is active or its own.
bool RuntimeRules(const Cluster& c, const ClusterSet& set,
                  const DumpContext& context, LeakVerdict* v) {
  std::string_view state = set.Name(c.state);
  if (context.runtime_deadlock &&
      (StartsWith(state, "chan ") || StartsWith(state, "select") ||
       IsLockState(state))) {
    *v = Verdict(VerdictKind::kProven,
                 "deadlock reported by the Go runtime (all goroutines are "
                 "asleep)",
                 "fatal error: all goroutines are asleep - deadlock!");
    return true;
  }
  if (c.leaked > 0 || context.leak_profile) {
    *v =
        Verdict(VerdictKind::kProven,
                "leaked: the Go runtime found what it waits on unreachable",
                c.leaked > 0 ? "the runtime marked " +
                                   Plural(c.leaked, "goroutine", "goroutines") +
                                   " [" + std::string(state) + " (leaked)]"
                             : "listed in the runtime's goroutineleak profile");
    return true;
  }
  if (c.crashed) {
    *v = Verdict(VerdictKind::kHealthy, "the goroutine that crashed");
    return true;
  }
  if (c.stack_unavailable || state == "running" || state == "runnable") {
    *v = Verdict(VerdictKind::kHealthy, "running");
    return true;
  }
  std::string printed = "the runtime printed [" + std::string(state) + "]";
  if (state == "chan send (nil chan)") {
    *v = Verdict(VerdictKind::kProven, "send on a nil channel blocks forever",
                 printed);
  } else if (state == "chan receive (nil chan)") {
    *v = Verdict(VerdictKind::kProven,
                 "receive from a nil channel blocks forever", printed);
  } else if (state == "select (no cases)") {
    *v = Verdict(VerdictKind::kProven, "select {} blocks forever", printed);
  } else if (IsRuntimeState(state) || AllRuntimeFrames(c, set) ||
             (c.has_creator &&
              StartsWith(set.Name(c.creator.func), "runtime."))) {
    *v = Verdict(VerdictKind::kHealthy, "Go runtime goroutine");
  } else if (AnyFrame(c, set, {"os/signal."}) ||
             (c.has_creator &&
              StartsWith(set.Name(c.creator.func), "os/signal."))) {
    *v = Verdict(VerdictKind::kHealthy, "signal handling");
  } else if (AnyFrame(c, set, {"net/http/pprof.", "runtime/pprof."})) {
    *v = Verdict(VerdictKind::kHealthy,
                 "the profiler's own goroutine (net/http/pprof, "
                 "runtime/pprof)");
  } else {
    return false;
  }
  return true;
}

// Rule 5: system calls and cgo calls, each holding an OS thread.
LeakVerdict SyscallRule(const Cluster& c, const ClusterSet& set,
                        const DumpContext& context) {
  const bool cgo = AnyFrame(c, set, {"runtime.cgocall", "runtime.asmcgocall"});
  bool cfunc = false;
  for (const Frame& f : c.frames)
    cfunc |= Contains(set.Name(f.func), "_Cfunc_");
  const bool in_cgo = cgo || cfunc;
  if (c.count < kPileUpCount) {
    return Verdict(VerdictKind::kHealthy,
                   in_cgo ? "in a cgo call" : "in a system call");
  }
  std::string evidence = Plural(c.count, "goroutine", "goroutines") +
                         " in one place, each holding an OS thread while it "
                         "is in the call";
  if (context.threads >= 0) {
    evidence += "; the process has " + std::to_string(context.threads) +
                " OS threads (--threads)";
  }
  return Verdict(VerdictKind::kPileUp,
                 in_cgo ? "pile-up in a cgo call: one OS thread each"
                        : "pile-up in a system call: one OS thread each",
                 evidence);
}

// Rule 7: sleepers.
LeakVerdict SleepRule(const Cluster& c, const ClusterSet& set,
                      const DumpContext& context) {
  Creator creator = ClassifyCreator(c, set);
  if (creator == Creator::kLifetime || creator == Creator::kStartMethod) {
    return Verdict(VerdictKind::kHealthy, "sleeping (time.Sleep)");
  }
  std::string facts = DumpFacts(c, set, CreatorKindText(creator));
  if (ManyStuck(c, creator)) {
    return Verdict(VerdictKind::kPileUp,
                   "per-request sleepers: every sleep arms a runtime timer "
                   "(CPU in the scheduler's timer checks)",
                   facts);
  }
  return Verdict(VerdictKind::kUnsure, "sleeping (time.Sleep)",
                 facts + OneDumpNote(context));
}

// Rules 9-10: channel, select and lock waits with a known creator.
LeakVerdict BlockingWaitRule(const Cluster& c, const ClusterSet& set,
                             const DumpContext& context) {
  std::string_view state = set.Name(c.state);
  std::string_view what = WaitText(state, c, set);
  Creator creator = ClassifyCreator(c, set);
  std::string facts = DumpFacts(c, set, CreatorKindText(creator));
  // An idle pool worker waits to receive or in select; a closer waits in
  // WaitGroup.Wait. A lifetime goroutine blocked sending or on a mutex may
  // be backpressure or a lock held forever: one dump cannot tell.
  const bool idle_wait =
      state == "chan receive" || state == "select" ||
      LockWaitText(c, set) == "waiting in sync.WaitGroup.Wait" ||
      LockWaitText(c, set) == "waiting in sync.Cond.Wait";
  if (IsBoundedPool(c, creator)) {
    if (idle_wait) {
      return Verdict(VerdictKind::kHealthy,
                     creator == Creator::kLifetime
                         ? "long-lived goroutine of main or init"
                         : "bounded worker pool (started by a start method)");
    }
    return Verdict(VerdictKind::kUnsure, what, facts + OneDumpNote(context));
  }
  if (ManyStuck(c, creator)) {
    return Verdict(VerdictKind::kPileUp,
                   std::string(what) +
                       (creator == Creator::kServer
                            ? ": many requests stuck at one line for minutes"
                            : ": many request-scoped goroutines stuck at one "
                              "line"),
                   facts);
  }
  return Verdict(VerdictKind::kUnsure, what, facts + OneDumpNote(context));
}

// Rule 11: debug=1 records.
LeakVerdict AggregatedRule(const Cluster& c, const ClusterSet& set,
                           const DumpContext& context) {
  if (IsLibraryIdleLoop(c, set)) {
    return Verdict(VerdictKind::kHealthy,
                   "idle connection or pool loop of the standard library");
  }
  if (AnyFrame(c, set, {"internal/poll.runtime_pollWait"})) {
    return Verdict(VerdictKind::kHealthy, "idle network or file I/O");
  }
  if (AnyFrame(c, set, {"time.Sleep"})) {
    return Verdict(VerdictKind::kHealthy, "sleeping (time.Sleep)");
  }
  if (c.frames.empty()) {
    return Verdict(VerdictKind::kHealthy,
                   "not judged (debug=1 shows no wait reason)");
  }
  std::string_view what = AggregatedWaitText(c, set);
  std::string facts = Plural(c.count, "goroutine", "goroutines") +
                      " at the same line (debug=1 shows no state, wait time "
                      "or creator)";
  if (c.count >= kPileUpCount) {
    return Verdict(VerdictKind::kPileUp,
                   what.empty() ? std::string_view("many goroutines parked at "
                                                   "one line")
                                : what,
                   facts);
  }
  if (what.empty()) {
    return Verdict(VerdictKind::kHealthy,
                   "not judged (debug=1 shows no wait reason)");
  }
  return Verdict(VerdictKind::kUnsure, what,
                 facts + OneDumpNote(context) + " (debug=2 shows more)");
}

}  // namespace

std::string_view VerdictName(VerdictKind k) {
  switch (k) {
    case VerdictKind::kProven:
      return "proven";
    case VerdictKind::kGrowing:
      return "growing";
    case VerdictKind::kPileUp:
      return "pile-up";
    case VerdictKind::kUnsure:
      return "unsure";
    case VerdictKind::kHealthy:
      return "healthy";
  }
  return "";
}

std::string_view ChangeName(Change c) {
  switch (c) {
    case Change::kNone:
      return "";
    case Change::kNew:
      return "new";
    case Change::kGrew:
      return "grew";
    case Change::kShrank:
      return "shrank";
    case Change::kGone:
      return "gone";
    case Change::kSame:
      return "same";
  }
  return "";
}

int FirstUserFrame(const Cluster& c, const ClusterSet& set) {
  if (c.frames.empty()) return -1;
  for (size_t i = 0; i < c.frames.size(); ++i) {
    if (!stack::IsStandardLibrary(set.Name(c.frames[i].func))) {
      return static_cast<int>(i);
    }
  }
  // All standard library: the first frame below the plumbing that every
  // wait goes through says what blocks (net/http/pprof.sleep); a stack
  // made only of plumbing is named by its entry function (bottom frame).
  static constexpr std::string_view kPlumbing[] = {"runtime.",
                                                   "internal/",
                                                   "sync.",
                                                   "time.",
                                                   "syscall.",
                                                   "os.",
                                                   "net.",
                                                   "bufio.",
                                                   "io.",
                                                   "context.",
                                                   "os/signal.signal_recv"};
  for (size_t i = 0; i + 1 < c.frames.size(); ++i) {
    std::string_view n = set.Name(c.frames[i].func);
    bool plumbing = false;
    for (std::string_view p : kPlumbing) plumbing |= StartsWith(n, p);
    if (!plumbing) return static_cast<int>(i);
  }
  return static_cast<int>(c.frames.size() - 1);
}

LeakVerdict ClassifyCluster(const Cluster& c, const ClusterSet& set,
                            const DumpContext& context) {
  LeakVerdict v;
  if (RuntimeRules(c, set, context, &v)) return v;
  if (c.state == kNoSymbol) return AggregatedRule(c, set, context);
  std::string_view state = set.Name(c.state);
  if (context.crashed_process && !context.runtime_deadlock &&
      state == "chan send" && c.has_creator) {
    return Verdict(VerdictKind::kProven,
                   "blocked sending when the process crashed: nothing ever "
                   "received",
                   "the process crashed with " +
                       Plural(c.count, "goroutine", "goroutines") +
                       " blocked in [chan send]: no goroutine waited to "
                       "receive (a waiting receiver takes a sent value at "
                       "once) and none can come after the crash");
  }
  if (state == "syscall") return SyscallRule(c, set, context);
  if (state == "IO wait") {
    return Verdict(VerdictKind::kHealthy, "idle network or file I/O");
  }
  if (state == "sleep") return SleepRule(c, set, context);
  if (IsLibraryIdleLoop(c, set)) {
    return Verdict(VerdictKind::kHealthy,
                   "idle connection or pool loop of the standard library");
  }
  if (IsBlockingWait(state)) return BlockingWaitRule(c, set, context);
  return Verdict(VerdictKind::kHealthy, "not a blocking wait the rules judge");
}

bool IsWakeableWait(const Cluster& c, const ClusterSet& set) {
  if (c.state == kNoSymbol) return false;
  std::string_view s = set.Name(c.state);
  return s == "select" || s == "chan receive" || s == "sleep";
}

void ApplyWakeRule(const Cluster& blocked, const ClusterSet& set,
                   uint64_t awake, LeakVerdict* v) {
  if (awake == 0 || v->kind == VerdictKind::kProven) return;
  const Creator creator = ClassifyCreator(blocked, set);
  if (creator == Creator::kLifetime || creator == Creator::kStartMethod) {
    return;  // a service's own ticker or a pool's timer: healthy as judged
  }
  const uint64_t total = blocked.count + awake;
  if (total < kPileUpCount) return;
  v->kind = VerdictKind::kPileUp;
  v->reason =
      "per-request ticker or timer loop: woken again and again, every "
      "wake-up a runtime timer (CPU in the scheduler's timer checks)";
  v->evidence =
      std::to_string(total) + " goroutines " + CreatorText(blocked, set) +
      " (" + std::string(CreatorKindText(creator)) +
      ") at one line: " + std::to_string(blocked.count) + " [" +
      std::string(set.Name(blocked.state)) + "] and " + std::to_string(awake) +
      " caught awake (runnable or running) at the dump";
}

void ApplyLockRules(const Cluster& c, const ClusterSet& set,
                    const LockView& locks, LeakVerdict* v) {
  std::string order = LockOrderReason(c, set, locks);
  if (!order.empty()) {
    v->kind = VerdictKind::kProven;
    v->reason = std::move(order);
    v->evidence =
        "a lock-order cycle in this dump: each side holds the lock the "
        "other waits for";
    return;
  }
  if (v->kind == VerdictKind::kProven) return;
  const uint32_t index = static_cast<uint32_t>(&c - set.clusters().data());
  for (const LockGroup& g : locks.groups) {
    if (g.count < kPileUpCount) continue;
    std::string lock =
        std::string(set.Name(g.kind)) + " " + std::string(set.Name(g.lock));
    if (g.holder.found && g.holder.cluster == index) {
      v->kind = VerdictKind::kPileUp;
      v->reason = "convoy holder: holds " + lock + " while " +
                  std::to_string(g.count) + " goroutines queue for it";
      v->evidence = HolderText(g, set);
      return;
    }
    for (const LockWait& w : g.waiters) {
      if (w.cluster != index) continue;
      v->kind = VerdictKind::kPileUp;
      v->reason = "convoy: " + std::to_string(g.count) +
                  " goroutines queued on " + lock;
      v->evidence = HolderText(g, set);
      return;
    }
  }
}

namespace {

// "new since the base dump (0 -> 200)", "grew since ...", "unchanged ...".
std::string SinceText(Change change, uint64_t base_count, uint64_t count) {
  if (change == Change::kNew) {
    return "new since the base dump (0 -> " + std::to_string(count) + ")";
  }
  if (change == Change::kGone) {
    return "gone since the base dump (was " + std::to_string(base_count) + ")";
  }
  return std::string(change == Change::kSame ? "unchanged"
                                             : ChangeName(change)) +
         " since the base dump (" + std::to_string(base_count) + " -> " +
         std::to_string(count) + ")";
}

// "50 -> 200 -> 350".
std::string SeriesText(std::span<const uint64_t> counts) {
  std::string s;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (i) s += " -> ";
    s += std::to_string(counts[i]);
  }
  return s;
}

// Rule 16's reading of three or more dumps (oldest first): did the cluster
// grow at every dump, and what the counts say in words.
bool GrewAtEveryDump(std::span<const uint64_t> counts) {
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] <= counts[i - 1]) return false;
  }
  return true;
}

std::string SeriesEvidence(std::span<const uint64_t> counts, bool grew) {
  const std::string n = std::to_string(counts.size());
  const std::string list = " (" + SeriesText(counts) + ")";
  if (GrewAtEveryDump(counts))
    return "grew at every one of " + n + " dumps" + list;
  if (grew) return "grew at the last dump but not at every one of " + n + list;
  bool flat = true;
  for (uint64_t c : counts) flat &= c == counts[0];
  if (flat) return "unchanged across " + n + " dumps" + list;
  if (counts.back() < counts[counts.size() - 2]) {
    return "shrank at the last of " + n + " dumps" + list;
  }
  return "stopped growing at the last of " + n + " dumps" + list +
         ": filled up, then flat";
}

void DropOneDumpNote(std::string* evidence) {
  size_t cut = evidence->find("; one dump");
  if (cut != std::string::npos) evidence->resize(cut);
}

}  // namespace

void ApplyBaseRule(Change change, uint64_t base_count, uint64_t count,
                   std::span<const uint64_t> series, LeakVerdict* v) {
  const bool last_grew = change == Change::kNew || change == Change::kGrew;
  const bool many = series.size() >= 3;
  // With three or more dumps only growth at every dump is "growing".
  const bool grew = last_grew && (!many || GrewAtEveryDump(series));
  const std::string since = many ? SeriesEvidence(series, last_grew)
                                 : SinceText(change, base_count, count);
  if (v->kind == VerdictKind::kUnsure) {
    DropOneDumpNote(&v->evidence);
    if (last_grew && !grew) {
      // Up and down, or flat then up: neither a leak nor a filled pool yet.
      v->evidence = since + "; " + v->evidence + "; take more dumps to tell";
      return;
    }
    v->kind = grew ? VerdictKind::kGrowing : VerdictKind::kHealthy;
    if (!grew) v->reason += " (not growing)";
    v->evidence = since + "; " + v->evidence;
    return;
  }
  if (!IsSuspect(v->kind)) return;
  // A count-based pile-up that is new or grew is growing; proof stays.
  if (grew && v->kind == VerdictKind::kPileUp) v->kind = VerdictKind::kGrowing;
  v->evidence = since + "; " + v->evidence;
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
