#include "common/perf/frame_cache.h"

namespace perf {

void FrameCache::Store(const FrameKey& key, const std::vector<uint32_t>& ids) {
  const size_t r = arena_.size();
  const size_t text = key.head.size() + key.tail.size();
  arena_.resize(r + kHeaderWords + (text + 3) / 4, 0);
  uint32_t* rec = arena_.data() + r;
  rec[0] = static_cast<uint32_t>(key.head.size());
  rec[1] = static_cast<uint32_t>(key.tail.size());
  rec[2] = static_cast<uint32_t>(ids.size());
  if (ids.size() == 1) {
    rec[3] = ids[0];
  } else {
    rec[3] = static_cast<uint32_t>(ids_.size());
    ids_.insert(ids_.end(), ids.begin(), ids.end());
  }
  rec[kNext] = kNone;
  rec[kNext + kSecond] = kNone;
  rec[kFlags] = 0;
  char* out = reinterpret_cast<char*>(rec + kHeaderWords);
  if (!key.head.empty()) std::memcpy(out, key.head.data(), key.head.size());
  if (!key.tail.empty()) {
    std::memcpy(out + key.head.size(), key.tail.data(), key.tail.size());
  }
  // A text without offset matches (MatchesText) only if it keys to itself:
  // not when its head ends like an offset ("f+0x1b" from "f+0x1b+0x10") or
  // it would end in a dso group ("f (x)" from "f (x)+0x10").
  const std::string_view whole(out, text);
  const FrameKey own = KeyOfFrameText(whole, std::string_view(), false);
  if (keys_from_symbol_ && own.head.size() == key.head.size() &&
      own.tail.size() == key.tail.size()) {
    rec[kFlags] |= kExact;
  }
}

}  // namespace perf
