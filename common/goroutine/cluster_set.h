#ifndef COMMON_GOROUTINE_CLUSTER_SET_H_
#define COMMON_GOROUTINE_CLUSTER_SET_H_

// Groups parsed goroutines into clusters: same state (without the wait
// time), same frames, same creator site. Strings are interned in a shared
// symbol table and each goroutine's key is a sequence of ids, so memory
// grows with the number of clusters, not goroutines.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/goroutine/dump_parser.h"
#include "common/stack/index_table.h"
#include "common/stack/symbol_table.h"

namespace goroutine {

// How much of a frame makes two goroutines "the same".
enum class Similarity {
  kExact,      // function, file:line and argument values
  kLines,      // function and file:line (default; arguments ignored)
  kFunctions,  // function and file only (line numbers ignored)
};

// Parses "exact" / "lines" / "functions"; false if none of them.
bool ParseSimilarity(std::string_view text, Similarity* out);

inline constexpr uint32_t kNoSymbol = 0xffffffffu;

// A frame with interned strings (ids into the cluster set's symbols).
struct Frame {
  uint32_t func = kNoSymbol;
  uint32_t file = kNoSymbol;
  uint32_t line = 0;
  uint32_t args = kNoSymbol;  // first goroutine's arguments, exact mode only
  bool inlined = false;
};

// An exact address one goroutine of a cluster passed in a frame's
// arguments (receivers, *Mutex): what the lock holder search reads.
struct ArgAddress {
  uint32_t address = kNoSymbol;  // "0xc000012000"
  uint32_t frame = 0;            // index in the cluster's frames
  uint32_t word = 0;             // argument word (0: the receiver)
  uint64_t goroutine = 0;
};

// One cluster of identical goroutines and what they share.
struct Cluster {
  uint64_t count = 0;
  DumpForm form = DumpForm::kTraceback;
  uint32_t state = kNoSymbol;  // kNoSymbol for debug=1 (no state shown)
  bool wait_known = false;     // traceback form (debug=1 has no wait time)
  int32_t wait_min = 0;        // minutes; goroutines without ", N minutes"
  int32_t wait_max = 0;        // count as 0
  uint64_t locked_to_thread = 0;
  uint64_t leaked = 0;               // goroutines marked "(leaked)"
  std::vector<uint64_t> ids;         // first few goroutine ids
  std::vector<uint64_t> parent_ids;  // "in goroutine N" / ancestors seen
  uint64_t more_parents = 0;  // parent mentions beyond the sample ("and N
                              // more"; counted per goroutine, not distinct)
  std::vector<Frame> frames;  // top first
  // Distinct exact argument addresses of the first goroutines (at most
  // kMaxArgAddresses, from at most kArgGoroutines goroutines: bounded).
  std::vector<ArgAddress> addresses;
  uint32_t address_goroutines = 0;  // goroutines whose arguments were read
  bool has_creator = false;
  Frame creator;
  bool elided = false;
  bool stack_unavailable = false;
  bool crashed = false;  // holds the goroutine that panicked
  uint64_t crashed_id = 0;
  bool truncated = false;
  uint32_t key_offset = 0, key_size = 0;
  uint64_t hash = 0;
};

// A goroutine blocked acquiring a lock whose address the dump shows.
struct LockWait {
  uint32_t lock = kNoSymbol;  // "0x92fde8" or a description
  uint32_t kind = kNoSymbol;  // "sync.Mutex", "sync.RWMutex", ...
  uint32_t cluster = 0;
  int32_t user_frame = -1;  // index in the cluster's frames that asked
  uint64_t count = 0;
  // The receiver (first argument) of the user frame when the dump shows
  // it exactly ("0xc000120000"; dead words like "0x0?" are not kept).
  uint32_t receiver = kNoSymbol;
  bool receiver_dead = false;  // printed as a dead word ("0x0?")
};

// Collects clusters from a parser (it is the parser's visitor).
class ClusterSet : public DumpVisitor {
 public:
  // Caps keep a hostile input from growing the tables without bound.
  static constexpr size_t kSampleIds = 5;
  static constexpr size_t kMaxLockWaits = 1 << 16;
  static constexpr size_t kMaxArgAddresses = 64;
  static constexpr uint32_t kArgGoroutines = 256;

  ClusterSet(stack::SymbolTable* symbols, Similarity similarity);

  void OnGoroutine(const Goroutine& g) override;

  const std::vector<Cluster>& clusters() const { return clusters_; }
  std::vector<Cluster>& mutable_clusters() { return clusters_; }
  const std::vector<LockWait>& lock_waits() const { return lock_waits_; }
  // Goroutines waiting on a lock that are not in lock_waits(): past the
  // kMaxLockWaits lock/cluster pairs (a hostile dump of distinct locks).
  uint64_t lock_waits_not_grouped() const { return lock_waits_dropped_; }
  std::span<const uint32_t> Key(const Cluster& c) const {
    return std::span<const uint32_t>(keys_.data() + c.key_offset, c.key_size);
  }
  // Index of the cluster with the same key in this set, or -1.
  int64_t Find(std::span<const uint32_t> key, uint64_t hash) const;
  // Find, and else the same key under another Go version's name of the
  // wait reason (NormalizedState): what --base compares with. Keys of one
  // set interned in this set's symbol table.
  int64_t FindAcrossVersions(std::span<const uint32_t> key,
                             uint64_t hash) const;
  // The cluster with the same frames and creator as `c` but in `state`
  // ("runnable"), or -1: the same code caught awake.
  int64_t FindTwin(const Cluster& c, std::string_view state) const;
  const stack::SymbolTable& symbols() const { return *symbols_; }
  std::string_view Name(uint32_t id) const {
    return id == kNoSymbol ? std::string_view() : symbols_->Name(id);
  }
  uint64_t total() const { return total_; }
  // Whether goroutine `id` is in this dump; false when the dump cannot say
  // (no traceback ids, or an id beyond the bitmap's cap).
  bool IsAlive(uint64_t id, bool* alive) const;
  Similarity similarity() const { return similarity_; }

 private:
  bool SameKey(uint32_t index, std::span<const uint32_t> key) const;
  void BuildKey(const Goroutine& g);
  uint32_t FindOrAddCluster(const Goroutine& g);
  void AddCluster(const Goroutine& g, uint64_t hash);
  void Count(const Goroutine& g, Cluster* c);
  void AddLockWait(const Goroutine& g, uint32_t index);
  void NoteAddresses(const Goroutine& g, Cluster* c);
  void MarkAlive(uint64_t id);

  stack::SymbolTable* symbols_;
  Similarity similarity_;
  std::vector<Cluster> clusters_;
  std::vector<uint32_t> keys_;     // all cluster keys, back to back
  stack::IndexTable index_;        // key -> cluster index
  std::vector<uint32_t> scratch_;  // this goroutine's key
  std::vector<Frame> frame_scratch_;
  std::vector<LockWait> lock_waits_;
  uint64_t lock_waits_dropped_ = 0;
  std::unordered_map<uint64_t, uint32_t> lock_index_;  // lock<<32|cluster
  uint64_t total_ = 0;
  // One bit per goroutine id seen, for "is the parent still alive"; ids
  // beyond kMaxAliveBits are not tracked (the bitmap stays <= 4 MiB).
  static constexpr uint64_t kMaxAliveBits = uint64_t{1} << 25;
  std::vector<uint64_t> alive_;
};

// The wait reason as --base compares it: the names newer Go versions
// print for a semaphore wait ("sync.Mutex.Lock", "sync.RWMutex.RLock",
// "sync.RWMutex.Lock", "sync.WaitGroup.Wait") were "semacquire" in older
// ones, so they compare equal. Within one dump clusters keep the printed
// text (one Go version prints one form), as the folded stacks do.
std::string_view NormalizedState(std::string_view state);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_CLUSTER_SET_H_
