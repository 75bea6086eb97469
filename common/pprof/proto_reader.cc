#include "common/pprof/proto_reader.h"

#include <google/protobuf/arena.h>

#include <vector>

#include "common/pprof/profile.pb.h"
#include "common/stack/hash.h"
#include "common/stack/index_table.h"

namespace pprof {
namespace {

// Which fields of each message are themselves messages, so the wire walker
// can descend into them (the schema is fixed, so the depth is bounded).
enum class Msg {
  kProfile,
  kValueType,
  kSample,
  kLabel,
  kMapping,
  kLocation,
  kLine,
  kFunction,
  kNone
};

Msg SubMessage(Msg m, uint32_t field) {
  switch (m) {
    case Msg::kProfile:
      switch (field) {
        case 1:
        case 11:
          return Msg::kValueType;
        case 2:
          return Msg::kSample;
        case 3:
          return Msg::kMapping;
        case 4:
          return Msg::kLocation;
        case 5:
          return Msg::kFunction;
        default:
          return Msg::kNone;
      }
    case Msg::kSample:
      return field == 3 ? Msg::kLabel : Msg::kNone;
    case Msg::kLocation:
      return field == 4 ? Msg::kLine : Msg::kNone;
    default:
      return Msg::kNone;
  }
}

bool ReadVarint(const unsigned char* p, const unsigned char* end,
                const unsigned char** next, uint64_t* value) {
  uint64_t v = 0;
  for (int shift = 0; shift < 70 && p < end; shift += 7) {
    unsigned char b = *p++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *next = p;
      *value = v;
      return true;
    }
  }
  return false;
}

// Returns the absolute offset of the first bad byte in [p, end), or -1.
int64_t WalkMessage(const unsigned char* base, const unsigned char* p,
                    const unsigned char* end, Msg m) {
  while (p < end) {
    const unsigned char* field_start = p;
    uint64_t key;
    if (!ReadVarint(p, end, &p, &key)) return field_start - base;
    uint32_t field = static_cast<uint32_t>(key >> 3);
    if (field == 0) return field_start - base;
    switch (key & 7) {
      case 0: {
        uint64_t ignored;
        if (!ReadVarint(p, end, &p, &ignored)) return field_start - base;
        break;
      }
      case 1:
        if (end - p < 8) return field_start - base;
        p += 8;
        break;
      case 5:
        if (end - p < 4) return field_start - base;
        p += 4;
        break;
      case 2: {
        uint64_t len;
        if (!ReadVarint(p, end, &p, &len)) return field_start - base;
        if (len > static_cast<uint64_t>(end - p)) return field_start - base;
        Msg sub = SubMessage(m, field);
        if (sub != Msg::kNone) {
          int64_t bad = WalkMessage(base, p, p + len, sub);
          if (bad >= 0) return bad;
        }
        p += len;
        break;
      }
      default:  // groups (3, 4) and 6, 7 do not occur in profile.proto
        return field_start - base;
    }
  }
  return -1;
}

}  // namespace

int64_t FindWireError(std::string_view data) {
  const unsigned char* base =
      reinterpret_cast<const unsigned char*>(data.data());
  return WalkMessage(base, base, base + data.size(), Msg::kProfile);
}

namespace {

// Object id -> index in the profile's table. As go tool pprof checks, an
// id is never 0 (reserved: "no mapping") and never repeats: a profile that
// breaks that is refused rather than read with one of the objects lost.
class IdIndex {
 public:
  void Reserve(size_t n) { table_.Reserve(n); }
  // `what` names the table in the message ("location").
  bool Add(uint64_t id, uint32_t index, const char* what, std::string* error) {
    if (id == 0) {
      *error = std::string(what) + " #" + std::to_string(index + 1) +
               " has the reserved id 0";
      return false;
    }
    bool added;
    table_.FindOrInsert(
        stack::MixHash(id), static_cast<uint32_t>(ids_.size()),
        [&](uint32_t j) { return ids_[j] == id; }, &added);
    if (!added) {
      *error = "two " + std::string(what) + "s have id " + std::to_string(id) +
               " (the second is " + what + " #" + std::to_string(index + 1) +
               ")";
      return false;
    }
    ids_.push_back(id);
    index_.push_back(index);
    return true;
  }
  // The index of `id`, or -1.
  int64_t Find(uint64_t id) const {
    int64_t e = table_.Find(stack::MixHash(id),
                            [&](uint32_t j) { return ids_[j] == id; });
    return e < 0 ? -1 : static_cast<int64_t>(index_[e]);
  }

 private:
  stack::IndexTable table_;
  std::vector<uint64_t> ids_;    // by entry
  std::vector<uint32_t> index_;  // by entry
};

// Copies a decoded profile.proto message into the model, table by table,
// resolving string indexes and ids to indexes.
class ProtoConverter {
 public:
  ProtoConverter(const stacktools::pprofpb::Profile& pb, Profile* p)
      : pb_(pb), p_(*p) {}

  bool Run(std::string* error) {
    const auto& strings = pb_.string_table();
    if (strings.empty() || !strings.Get(0).empty()) {
      *error = "string table does not start with \"\"";
      return false;
    }
    p_ = Profile();
    CopyHeader();
    if (!CopyMappings(error) || !CopyFunctions(error) ||
        !CopyLocations(error) || !CopySamples(error)) {
      return false;
    }
    if (bad_string_) {
      *error = "bad protobuf (string index out of range)";
      return false;
    }
    return true;
  }

 private:
  std::string Str(int64_t i) {
    if (i < 0 || i >= pb_.string_table_size()) {
      bad_string_ = true;
      return std::string();
    }
    return pb_.string_table(static_cast<int>(i));
  }

  void CopyHeader() {
    for (const auto& st : pb_.sample_type()) {
      p_.sample_types.push_back(ValueType{Str(st.type()), Str(st.unit())});
    }
    p_.default_sample_type = Str(pb_.default_sample_type());
    p_.drop_frames = Str(pb_.drop_frames());
    p_.keep_frames = Str(pb_.keep_frames());
    p_.time_nanos = pb_.time_nanos();
    p_.duration_nanos = pb_.duration_nanos();
    if (pb_.has_period_type()) {
      p_.period_type = ValueType{Str(pb_.period_type().type()),
                                 Str(pb_.period_type().unit())};
    }
    p_.period = pb_.period();
    for (int64_t c : pb_.comment()) p_.comments.push_back(Str(c));
  }

  bool CopyMappings(std::string* error) {
    for (const auto& m : pb_.mapping()) {
      if (!mappings_.Add(m.id(), static_cast<uint32_t>(p_.mappings.size()),
                         "mapping", error)) {
        return false;
      }
      p_.mappings.push_back(Mapping{m.id(), m.memory_start(), m.memory_limit(),
                                    m.file_offset(), Str(m.filename()),
                                    Str(m.build_id())});
    }
    return true;
  }

  bool CopyFunctions(std::string* error) {
    functions_.Reserve(pb_.function_size());
    p_.functions.reserve(pb_.function_size());
    for (const auto& f : pb_.function()) {
      if (!functions_.Add(f.id(), static_cast<uint32_t>(p_.functions.size()),
                          "function", error)) {
        return false;
      }
      p_.functions.push_back(Function{f.id(), Str(f.name()),
                                      Str(f.system_name()), Str(f.filename()),
                                      f.start_line()});
    }
    return true;
  }

  bool CopyLocations(std::string* error) {
    locations_.Reserve(pb_.location_size());
    p_.locations.reserve(pb_.location_size());
    for (const auto& l : pb_.location()) {
      Location loc;
      loc.id = l.id();
      loc.address = l.address();
      loc.is_folded = l.is_folded();
      if (l.mapping_id() != 0) {
        int64_t m = mappings_.Find(l.mapping_id());
        if (m < 0) {
          *error = "location " + std::to_string(l.id()) +
                   " refers to unknown mapping " +
                   std::to_string(l.mapping_id());
          return false;
        }
        loc.mapping = static_cast<int32_t>(m);
      }
      loc.lines.reserve(l.line_size());
      for (const auto& ln : l.line()) {
        int64_t f = functions_.Find(ln.function_id());
        if (f < 0) {
          *error = "location " + std::to_string(l.id()) +
                   " refers to unknown function " +
                   std::to_string(ln.function_id());
          return false;
        }
        loc.lines.push_back(Line{static_cast<uint32_t>(f), ln.line()});
      }
      if (!locations_.Add(l.id(), static_cast<uint32_t>(p_.locations.size()),
                          "location", error)) {
        return false;
      }
      p_.locations.push_back(std::move(loc));
    }
    return true;
  }

  bool CopySamples(std::string* error) {
    p_.samples.reserve(pb_.sample_size());
    const size_t num_types = p_.sample_types.size();
    for (int i = 0; i < pb_.sample_size(); ++i) {
      const auto& s = pb_.sample(i);
      Sample sample;
      if (static_cast<size_t>(s.value_size()) != num_types) {
        *error = "sample " + std::to_string(i) + " has " +
                 std::to_string(s.value_size()) + " values, want " +
                 std::to_string(num_types);
        return false;
      }
      sample.values.assign(s.value().begin(), s.value().end());
      sample.locations.reserve(s.location_id_size());
      for (uint64_t id : s.location_id()) {
        int64_t l = locations_.Find(id);
        if (l < 0) {
          *error = "sample " + std::to_string(i) +
                   " refers to unknown location " + std::to_string(id);
          return false;
        }
        sample.locations.push_back(static_cast<uint32_t>(l));
      }
      for (const auto& l : s.label()) sample.labels.push_back(CopyLabel(l));
      p_.samples.push_back(std::move(sample));
    }
    return true;
  }

  Label CopyLabel(const stacktools::pprofpb::Label& l) {
    Label label;
    label.key = Str(l.key());
    if (l.str() != 0) {
      label.str = Str(l.str());
    } else {
      label.is_num = true;
      label.num = l.num();
      label.num_unit = Str(l.num_unit());
    }
    return label;
  }

  const stacktools::pprofpb::Profile& pb_;
  Profile& p_;
  bool bad_string_ = false;
  IdIndex mappings_, functions_, locations_;
};

}  // namespace

bool ParseProfileProto(std::string_view data, Profile* out,
                       std::string* error) {
  google::protobuf::Arena arena;
  auto* pb =
      google::protobuf::Arena::CreateMessage<stacktools::pprofpb::Profile>(
          &arena);
  if (data.size() > static_cast<size_t>(INT32_MAX) ||
      !pb->ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    int64_t at = FindWireError(data);
    if (at < 0) at = static_cast<int64_t>(data.size());
    *error = "bad protobuf at byte " + std::to_string(at);
    return false;
  }
  return ProtoConverter(*pb, out).Run(error);
}

}  // namespace pprof
