#ifndef COMMON_PPROF_PROTO_WIRE_H_
#define COMMON_PPROF_PROTO_WIRE_H_

#include <cstdint>
#include <string_view>

namespace pprof {

// The protobuf wire format, read field by field from bytes in memory with
// every length checked: what the profile.proto reader decodes directly,
// without a generated message in between.
enum WireType : uint32_t {
  kVarint = 0,
  kFixed64 = 1,
  kBytes = 2,
  kFixed32 = 5
};

struct WireField {
  uint32_t number = 0;
  uint32_t type = 0;
  uint64_t varint = 0;     // kVarint
  std::string_view bytes;  // kBytes: the payload
  int64_t offset = 0;      // of the field's first byte in the whole input
};

// Reads a varint from [*p, end); false when it is cut off or longer than
// ten bytes.
inline bool ReadWireVarint(const unsigned char** p, const unsigned char* end,
                           uint64_t* value) {
  const unsigned char* q = *p;
  if (q < end && *q < 0x80) {  // the common one-byte case
    *value = *q;
    *p = q + 1;
    return true;
  }
  uint64_t v = 0;
  for (int shift = 0; shift < 70 && q < end; shift += 7) {
    const unsigned char b = *q++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *value = v;
      *p = q;
      return true;
    }
  }
  return false;
}

// The fields of one message. Next() stops at the end (error() false) or at
// the first field that is not sound: a cut-off or overlong varint, field
// number 0, a length past the end, a group or an unknown wire type; then
// error() is true and error_offset() is that field's offset, the byte
// "bad protobuf at byte N" names.
class WireReader {
 public:
  // `data` is the message; `base` the start of the whole input, for offsets.
  WireReader(std::string_view data, const char* base)
      : p_(reinterpret_cast<const unsigned char*>(data.data())),
        end_(p_ + data.size()),
        base_(reinterpret_cast<const unsigned char*>(base)) {}

  bool Next(WireField* f) {
    if (p_ >= end_) return false;
    f->offset = p_ - base_;
    uint64_t key;
    if (!ReadWireVarint(&p_, end_, &key) || (key >> 3) == 0 ||
        (key >> 3) > UINT32_MAX) {
      return Fail(f->offset);
    }
    f->number = static_cast<uint32_t>(key >> 3);
    f->type = static_cast<uint32_t>(key & 7);
    switch (f->type) {
      case kVarint:
        if (!ReadWireVarint(&p_, end_, &f->varint)) return Fail(f->offset);
        return true;
      case kFixed64:
        return Skip(8, f->offset);
      case kFixed32:
        return Skip(4, f->offset);
      case kBytes: {
        uint64_t len;
        if (!ReadWireVarint(&p_, end_, &len) ||
            len > static_cast<uint64_t>(end_ - p_)) {
          return Fail(f->offset);
        }
        f->bytes = std::string_view(reinterpret_cast<const char*>(p_), len);
        p_ += len;
        return true;
      }
      default:  // groups (3, 4) and 6, 7 do not occur in profile.proto
        return Fail(f->offset);
    }
  }

  bool error() const { return error_offset_ >= 0; }
  int64_t error_offset() const { return error_offset_; }

 private:
  bool Skip(size_t n, int64_t offset) {
    if (static_cast<size_t>(end_ - p_) < n) return Fail(offset);
    p_ += n;
    return true;
  }
  bool Fail(int64_t offset) {
    error_offset_ = offset;
    p_ = end_;
    return false;
  }

  const unsigned char* p_;
  const unsigned char* end_;
  const unsigned char* base_;
  int64_t error_offset_ = -1;
};

// Calls fn(value) for each varint of a repeated scalar field, packed
// (kBytes) or not (kVarint); false when a packed payload is cut off.
template <typename Fn>
bool ForEachWireVarint(const WireField& f, Fn fn) {
  if (f.type == kVarint) {
    fn(f.varint);
    return true;
  }
  const unsigned char* p =
      reinterpret_cast<const unsigned char*>(f.bytes.data());
  const unsigned char* end = p + f.bytes.size();
  while (p < end) {
    uint64_t v;
    if (!ReadWireVarint(&p, end, &v)) return false;
    fn(v);
  }
  return true;
}

}  // namespace pprof

#endif  // COMMON_PPROF_PROTO_WIRE_H_
