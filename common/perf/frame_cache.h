#ifndef COMMON_PERF_FRAME_CACHE_H_
#define COMMON_PERF_FRAME_CACHE_H_

#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <string_view>
#include <vector>

#include "common/perf/frame_line.h"
#include "common/stack/hash.h"
#include "common/stack/index_table.h"

namespace perf {

// The frame ids each distinct frame key names (frame_line.h: the text
// without the instruction offset), decided once: a perf recording repeats a
// few thousand functions millions of times, so a line is answered by one
// compare against the stored key (no parsing, no naming, no interning). A
// key names 0 to n frames (0 for process-name frames, several for Java
// inline chains). Memory grows with the number of distinct keys.
//
// Each key is one record in a flat arena, and the table's index is the
// record's offset: a hit touches one slot and one record (header and text
// side by side). Call chains repeat, so each record also remembers the
// record that followed it last time; that guess is checked first and,
// when right, spares the hash and the probe.
class FrameCache {
 public:
  FrameCache() : arena_{kNone, kNone, 0, 0, kNone, 0, kNone} {
    index_.Reserve(4096);
  }

  // The ids of the frame line whose key text (from the symbol on, or from
  // the address with --addrs) is `text`; key_of() gives its FrameKey; on
  // the first sight of that key, name(&ids) fills them. The span stays
  // valid until the next call.
  template <typename KeyOf, typename Name>
  std::span<const uint32_t> Get(std::string_view text, KeyOf key_of,
                                Name name) {
    uint32_t* next = arena_.data() + last_ + kNext;
    const uint32_t guess = next[0];
    if (guess != kNone && MatchesText(guess, text)) {
      last_ = guess;
      return Ids(guess);
    }
    // The one before: a frame called from two places alternates.
    const uint32_t second = next[kSecond];
    uint32_t at;
    if (second != kNone && MatchesText(second, text)) {
      at = second;
    } else {
      at = Lookup(key_of(), name);  // may move the arena
      next = arena_.data() + last_ + kNext;
    }
    next[kSecond] = next[0];
    next[0] = at;
    last_ = at;
    return Ids(at);
  }

  // Whether texts equal to their own key (no "+0x" offset) are keyed by
  // themselves: false with --addrs, where the key starts at the address.
  void set_keys_from_symbol(bool yes) { keys_from_symbol_ = yes; }

  // The next Get is the first line of a sample.
  void Restart() { last_ = kStart; }

  size_t size() const { return index_.size(); }

 private:
  // A record: {head length, tail length, id count, the id (one) or an
  // offset in ids_ (none or several), the record that followed it last
  // time, kExact when a text without offset (head + tail) has this key, the
  // record that followed it before that (another one)},
  // then head and tail, padded to a word. The record at kStart is the start
  // of a sample and matches no key.
  static constexpr size_t kHeaderWords = 7;
  static constexpr size_t kNext = 4;
  static constexpr size_t kFlags = 5;
  static constexpr size_t kSecond = 2;  // from kNext
  static constexpr uint32_t kExact = 1;
  static constexpr uint32_t kStart = 0;
  static constexpr uint32_t kNone = 0xffffffffu;
  static constexpr size_t kMaxOffset = 0xfffffff0u;

  template <typename Name>
  uint32_t Lookup(const FrameKey& key, Name name) {
    // Offsets are table indexes: below 2^32 - 1 (16 GiB of records).
    if (arena_.size() > kMaxOffset) throw std::bad_alloc();
    const uint64_t hash = stack::HashString(
        key.tail, stack::HashString(key.head, key.head.size()));
    bool inserted = false;
    const uint32_t at = index_.FindOrInsert(
        hash, static_cast<uint32_t>(arena_.size()),
        [&](uint32_t r) { return Matches(r, key); }, &inserted);
    if (inserted) {
      scratch_.clear();
      name(&scratch_);
      Store(key, scratch_);
    }
    return at;
  }

  bool Matches(uint32_t r, const FrameKey& key) const {
    const uint32_t* rec = arena_.data() + r;
    if (rec[0] != key.head.size() || rec[1] != key.tail.size()) return false;
    const char* text = reinterpret_cast<const char*>(rec + kHeaderWords);
    return SameBytes(text, key.head.data(), key.head.size()) &&
           SameBytes(text + key.head.size(), key.tail.data(), key.tail.size());
  }
  // Whether a frame text has the key of record r, checked forward without
  // finding the key: the text must be the key's head, an optional
  // "+0x<lowercase hex>" offset and the key's tail (KeyOfFrameText gives
  // such a text exactly that key; a text equal to head + tail only when
  // the record says so, see Store).
  bool MatchesText(uint32_t r, std::string_view text) const {
    const uint32_t* rec = arena_.data() + r;
    const size_t head = rec[0], tail = rec[1];
    if (text.size() < head + tail) return false;
    const char* key = reinterpret_cast<const char*>(rec + kHeaderWords);
    const char* p = text.data();
    if (!SameBytes(p, key, head)) return false;
    const size_t offset = text.size() - head - tail;
    if (offset == 0) {
      if ((rec[kFlags] & kExact) == 0) return false;
    } else {
      // After an offset the dso group needs its space ("f+0x1(x)" is
      // one symbol, keyed with an empty tail).
      if (offset < 4 || p[head] != '+' || p[head + 1] != '0' ||
          p[head + 2] != 'x' || (tail != 0 && key[head] != ' ')) {
        return false;
      }
      for (size_t i = head + 3; i < head + offset; ++i) {
        if (!IsLowerHexDigit(p[i])) return false;
      }
    }
    return SameBytes(p + head + offset, key + head, tail);
  }
  static bool IsLowerHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
  // memcmp(a, b, n) == 0 for the short texts of frames, inline: a word at
  // a time, the last word overlapping.
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n < 8) return SameFewBytes(a, b, n);
    uint64_t diff = 0;
    for (size_t i = 0; i + 8 < n; i += 8) diff |= Word(a + i) ^ Word(b + i);
    return (diff | (Word(a + n - 8) ^ Word(b + n - 8))) == 0;
  }
  // Under 8 bytes: two overlapping 4-byte loads, or bytes (a memcmp call
  // costs more than the compare).
  static bool SameFewBytes(const char* a, const char* b, size_t n) {
    if (n >= 4) {
      uint32_t a0, b0, a1, b1;
      std::memcpy(&a0, a, 4);
      std::memcpy(&b0, b, 4);
      std::memcpy(&a1, a + n - 4, 4);
      std::memcpy(&b1, b + n - 4, 4);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  static uint64_t Word(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  std::span<const uint32_t> Ids(uint32_t r) const {
    const uint32_t* rec = arena_.data() + r;
    if (rec[2] == 1) return {rec + 3, 1};
    return {ids_.data() + rec[3], rec[2]};
  }
  void Store(const FrameKey& key, const std::vector<uint32_t>& ids);

  stack::IndexTable index_;      // key -> record offset in arena_
  std::vector<uint32_t> arena_;  // records
  std::vector<uint32_t> ids_;    // ids of records naming 0 or 2+ frames
  std::vector<uint32_t> scratch_;
  uint32_t last_ = kStart;  // the record of the previous line
  bool keys_from_symbol_ = true;
};

}  // namespace perf

#endif  // COMMON_PERF_FRAME_CACHE_H_
