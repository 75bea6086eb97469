#include "common/goroutine/cluster_set.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/goroutine/lock_view.h"
#include "common/stack/hash.h"

namespace goroutine {
namespace {

// Key markers; they cannot collide with symbol ids in practice (ids are
// dense from 0 and a table of 4 billion names does not fit in memory).
constexpr uint32_t kNoCreator = 0xfffffff0u;
constexpr uint32_t kElided = 0xfffffff1u;
constexpr uint32_t kUnavailable = 0xfffffff2u;
constexpr uint32_t kAggregatedForm = 0xfffffff3u;
constexpr uint32_t kLeaked = 0xfffffff4u;

void AddSample(std::vector<uint64_t>* v, uint64_t id, size_t cap) {
  if (v->size() >= cap) return;
  if (std::find(v->begin(), v->end(), id) != v->end()) return;
  v->push_back(id);
}

// Adds a parent id to the cluster's sample; one not in a full sample is
// counted in more_parents.
void AddParent(Cluster* c, uint64_t id, size_t cap) {
  auto& v = c->parent_ids;
  if (std::find(v.begin(), v.end(), id) != v.end()) return;
  if (v.size() >= cap) {
    ++c->more_parents;
    return;
  }
  v.push_back(id);
}

// Cluster counts stop at the largest value instead of wrapping when a
// hostile debug=1 dump claims more goroutines than exist.
uint64_t AddCount(uint64_t a, uint64_t b) {
  return b > std::numeric_limits<uint64_t>::max() - a
             ? std::numeric_limits<uint64_t>::max()
             : a + b;
}

// The names one semaphore wait has had across Go versions.
constexpr std::string_view kSemaphoreStates[] = {
    "semacquire", "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock",
    "sync.WaitGroup.Wait"};

}  // namespace

std::string_view NormalizedState(std::string_view state) {
  for (std::string_view s : kSemaphoreStates) {
    if (state == s) return "semacquire";
  }
  return state;
}

bool ParseSimilarity(std::string_view text, Similarity* out) {
  if (text == "exact") {
    *out = Similarity::kExact;
  } else if (text == "lines") {
    *out = Similarity::kLines;
  } else if (text == "functions") {
    *out = Similarity::kFunctions;
  } else {
    return false;
  }
  return true;
}

ClusterSet::ClusterSet(stack::SymbolTable* symbols, Similarity similarity)
    : symbols_(symbols), similarity_(similarity) {}

bool ClusterSet::SameKey(uint32_t index, std::span<const uint32_t> key) const {
  const Cluster& c = clusters_[index];
  return c.key_size == key.size() &&
         std::memcmp(keys_.data() + c.key_offset, key.data(),
                     key.size() * sizeof(uint32_t)) == 0;
}

int64_t ClusterSet::Find(std::span<const uint32_t> key, uint64_t hash) const {
  return index_.Find(hash, [&](uint32_t i) { return SameKey(i, key); });
}

int64_t ClusterSet::FindAcrossVersions(std::span<const uint32_t> key,
                                       uint64_t hash) const {
  int64_t found = Find(key, hash);
  if (found >= 0 || key.empty() || key[0] >= symbols_->size()) return found;
  // The key starts with the state: try the other names of the same wait.
  const std::string_view state = symbols_->Name(key[0]);
  if (NormalizedState(state) != "semacquire") return -1;
  std::vector<uint32_t> other(key.begin(), key.end());
  for (std::string_view name : kSemaphoreStates) {
    const int64_t id = symbols_->Find(name);
    if (id < 0 || name == state) continue;
    other[0] = static_cast<uint32_t>(id);
    found = Find(
        other, stack::HashBytes(other.data(), other.size() * sizeof(uint32_t)));
    if (found >= 0) return found;
  }
  return -1;
}

int64_t ClusterSet::FindTwin(const Cluster& c, std::string_view state) const {
  const int64_t id = symbols_->Find(state);
  if (id < 0 || c.key_size == 0 || c.leaked > 0 ||
      c.form == DumpForm::kAggregated) {
    return -1;
  }
  std::vector<uint32_t> key(Key(c).begin(), Key(c).end());
  key[0] = static_cast<uint32_t>(id);
  return Find(key, stack::HashBytes(key.data(), key.size() * sizeof(uint32_t)));
}

void ClusterSet::AddCluster(const Goroutine& g, uint64_t hash) {
  Cluster c;
  c.form = g.form;
  c.state =
      g.form == DumpForm::kAggregated ? kNoSymbol : symbols_->Intern(g.state);
  c.wait_known = g.form == DumpForm::kTraceback;
  c.wait_min = c.wait_max = std::max(0, g.wait_minutes);
  c.frames = frame_scratch_;
  if (g.has_creator) {
    c.has_creator = true;
    c.creator.func = symbols_->Intern(g.creator.func);
    c.creator.file = symbols_->Intern(g.creator.file);
    c.creator.line = g.creator.line;
  }
  c.elided = g.elided;
  c.stack_unavailable = g.stack_unavailable;
  c.key_offset = static_cast<uint32_t>(keys_.size());
  c.key_size = static_cast<uint32_t>(scratch_.size());
  c.hash = hash;
  keys_.insert(keys_.end(), scratch_.begin(), scratch_.end());
  clusters_.push_back(std::move(c));
}

// The key: state, creator, then the frames top first, as the similarity
// mode sees them; the frames themselves go to frame_scratch_.
void ClusterSet::BuildKey(const Goroutine& g) {
  scratch_.clear();
  frame_scratch_.clear();
  const bool lines = similarity_ != Similarity::kFunctions;
  const bool exact = similarity_ == Similarity::kExact;
  scratch_.push_back(g.form == DumpForm::kAggregated
                         ? kAggregatedForm
                         : symbols_->Intern(g.state));
  if (g.leaked) scratch_.push_back(kLeaked);
  if (g.has_creator) {
    scratch_.push_back(symbols_->Intern(g.creator.func));
    scratch_.push_back(symbols_->Intern(g.creator.file));
    scratch_.push_back(lines ? g.creator.line : 0);
  } else {
    scratch_.push_back(kNoCreator);
  }
  if (g.elided) scratch_.push_back(kElided);
  if (g.stack_unavailable) scratch_.push_back(kUnavailable);
  for (const RawFrame& f : g.frames) {
    Frame fr;
    fr.func = symbols_->Intern(f.func);
    fr.file = f.file.empty() ? kNoSymbol : symbols_->Intern(f.file);
    fr.line = f.line;
    fr.inlined = f.inlined;
    scratch_.push_back(fr.func);
    scratch_.push_back(fr.file);
    if (lines) scratch_.push_back(fr.line);
    if (exact) {
      fr.args = symbols_->Intern(f.args);
      scratch_.push_back(fr.args);
    }
    frame_scratch_.push_back(fr);
  }
}

uint32_t ClusterSet::FindOrAddCluster(const Goroutine& g) {
  const uint64_t hash =
      stack::HashBytes(scratch_.data(), scratch_.size() * sizeof(uint32_t));
  bool inserted = false;
  const uint32_t index = index_.FindOrInsert(
      hash, static_cast<uint32_t>(clusters_.size()),
      [&](uint32_t i) { return SameKey(i, scratch_); }, &inserted);
  if (inserted) AddCluster(g, hash);
  return index;
}

// Adds one goroutine (or debug=1 record) to its cluster's attributes.
void ClusterSet::Count(const Goroutine& g, Cluster* c) {
  c->count = AddCount(c->count, g.count);
  total_ = AddCount(total_, g.count);
  if (c->wait_known) {
    int32_t w = std::max(0, g.wait_minutes);
    c->wait_min = std::min(c->wait_min, w);
    c->wait_max = std::max(c->wait_max, w);
  }
  if (g.locked_to_thread) c->locked_to_thread += g.count;
  if (g.leaked) c->leaked = AddCount(c->leaked, g.count);
  if (g.form == DumpForm::kTraceback) {
    AddSample(&c->ids, g.id, kSampleIds);
    MarkAlive(g.id);
  }
  if (g.creator_goroutine != 0) AddParent(c, g.creator_goroutine, kSampleIds);
  for (uint64_t a : g.ancestors) AddParent(c, a, kSampleIds);
  NoteAddresses(g, c);
  if (g.crashed) {
    c->crashed = true;
    c->crashed_id = g.id;
  }
  if (g.truncated) c->truncated = true;
}

void ClusterSet::AddLockWait(const Goroutine& g, uint32_t index) {
  LockRequest req;
  if (!FindLockRequest(g.frames, &req)) return;
  uint32_t lock = symbols_->Intern(req.address);
  uint32_t kind = symbols_->Intern(req.kind);
  uint64_t key = (static_cast<uint64_t>(lock) << 32) | index;
  auto it = lock_index_.find(key);
  if (it != lock_index_.end()) {
    lock_waits_[it->second].count += g.count;
  } else if (lock_waits_.size() < kMaxLockWaits) {
    lock_index_.emplace(key, static_cast<uint32_t>(lock_waits_.size()));
    LockWait w{lock, kind, index, req.user_frame, g.count, kNoSymbol, false};
    if (req.user_frame >= 0) {
      const std::string_view args = g.frames[req.user_frame].args;
      std::string_view r = ExactAddress(args, 0);
      if (!r.empty()) w.receiver = symbols_->Intern(r);
      const std::string_view first = args.substr(0, args.find(','));
      w.receiver_dead = r.empty() && first.size() > 2 &&
                        first.substr(0, 2) == "0x" && first.back() == '?';
    }
    lock_waits_.push_back(w);
  } else {
    lock_waits_dropped_ = AddCount(lock_waits_dropped_, g.count);
  }
}

void ClusterSet::NoteAddresses(const Goroutine& g, Cluster* c) {
  if (g.form != DumpForm::kTraceback ||
      c->address_goroutines >= kArgGoroutines ||
      c->addresses.size() >= kMaxArgAddresses) {
    return;
  }
  ++c->address_goroutines;
  for (uint32_t k = 0; k < g.frames.size(); ++k) {
    for (uint32_t w = 0; w < 4; ++w) {
      std::string_view a = ExactAddress(g.frames[k].args, w);
      if (a.empty()) continue;
      const uint32_t id = symbols_->Intern(a);
      bool seen = false;
      for (const ArgAddress& n : c->addresses) {
        seen |= n.address == id && n.frame == k && n.word == w;
      }
      if (seen) continue;
      if (c->addresses.size() >= kMaxArgAddresses) return;
      c->addresses.push_back(ArgAddress{id, k, w, g.id});
    }
  }
}

void ClusterSet::MarkAlive(uint64_t id) {
  if (id >= kMaxAliveBits) return;
  size_t word = static_cast<size_t>(id >> 6);
  if (word >= alive_.size())
    alive_.resize(std::max(word + 1, alive_.size() * 2));
  alive_[word] |= uint64_t{1} << (id & 63);
}

bool ClusterSet::IsAlive(uint64_t id, bool* alive) const {
  if (alive_.empty() || id >= kMaxAliveBits) return false;
  size_t word = static_cast<size_t>(id >> 6);
  *alive = word < alive_.size() && ((alive_[word] >> (id & 63)) & 1) != 0;
  return true;
}

void ClusterSet::OnGoroutine(const Goroutine& g) {
  BuildKey(g);
  const uint32_t index = FindOrAddCluster(g);
  Count(g, &clusters_[index]);
  AddLockWait(g, index);
}

}  // namespace goroutine
