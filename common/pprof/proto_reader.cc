#include "common/pprof/proto_reader.h"

#include <google/protobuf/arena.h>

#include <unordered_map>

#include "common/pprof/profile.pb.h"

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
  const auto& strings = pb->string_table();
  bool bad_string = false;
  auto str = [&](int64_t i) -> std::string {
    if (i < 0 || i >= strings.size()) {
      bad_string = true;
      return std::string();
    }
    return strings.Get(static_cast<int>(i));
  };
  if (strings.empty() || !strings.Get(0).empty()) {
    *error = "string table does not start with \"\"";
    return false;
  }
  Profile& p = *out;
  p = Profile();
  for (const auto& st : pb->sample_type()) {
    p.sample_types.push_back(ValueType{str(st.type()), str(st.unit())});
  }
  p.default_sample_type = str(pb->default_sample_type());
  p.drop_frames = str(pb->drop_frames());
  p.keep_frames = str(pb->keep_frames());
  p.time_nanos = pb->time_nanos();
  p.duration_nanos = pb->duration_nanos();
  if (pb->has_period_type()) {
    p.period_type =
        ValueType{str(pb->period_type().type()), str(pb->period_type().unit())};
  }
  p.period = pb->period();
  for (int64_t c : pb->comment()) p.comments.push_back(str(c));

  std::unordered_map<uint64_t, int32_t> mapping_index;
  for (const auto& m : pb->mapping()) {
    mapping_index[m.id()] = static_cast<int32_t>(p.mappings.size());
    p.mappings.push_back(Mapping{m.id(), m.memory_start(), m.memory_limit(),
                                 m.file_offset(), str(m.filename()),
                                 str(m.build_id())});
  }
  std::unordered_map<uint64_t, uint32_t> function_index;
  function_index.reserve(pb->function_size());
  p.functions.reserve(pb->function_size());
  for (const auto& f : pb->function()) {
    function_index[f.id()] = static_cast<uint32_t>(p.functions.size());
    p.functions.push_back(Function{f.id(), str(f.name()), str(f.system_name()),
                                   str(f.filename()), f.start_line()});
  }
  std::unordered_map<uint64_t, uint32_t> location_index;
  location_index.reserve(pb->location_size());
  p.locations.reserve(pb->location_size());
  for (const auto& l : pb->location()) {
    Location loc;
    loc.id = l.id();
    loc.address = l.address();
    loc.is_folded = l.is_folded();
    if (l.mapping_id() != 0) {
      auto it = mapping_index.find(l.mapping_id());
      if (it == mapping_index.end()) {
        *error = "location " + std::to_string(l.id()) +
                 " refers to unknown mapping " + std::to_string(l.mapping_id());
        return false;
      }
      loc.mapping = it->second;
    }
    loc.lines.reserve(l.line_size());
    for (const auto& ln : l.line()) {
      auto it = function_index.find(ln.function_id());
      if (it == function_index.end()) {
        *error = "location " + std::to_string(l.id()) +
                 " refers to unknown function " +
                 std::to_string(ln.function_id());
        return false;
      }
      loc.lines.push_back(Line{it->second, ln.line()});
    }
    location_index[l.id()] = static_cast<uint32_t>(p.locations.size());
    p.locations.push_back(std::move(loc));
  }
  p.samples.reserve(pb->sample_size());
  const size_t num_types = p.sample_types.size();
  for (int i = 0; i < pb->sample_size(); ++i) {
    const auto& s = pb->sample(i);
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
      auto it = location_index.find(id);
      if (it == location_index.end()) {
        *error = "sample " + std::to_string(i) +
                 " refers to unknown location " + std::to_string(id);
        return false;
      }
      sample.locations.push_back(it->second);
    }
    for (const auto& l : s.label()) {
      Label label;
      label.key = str(l.key());
      if (l.str() != 0) {
        label.str = str(l.str());
      } else {
        label.is_num = true;
        label.num = l.num();
        label.num_unit = str(l.num_unit());
      }
      sample.labels.push_back(std::move(label));
    }
    p.samples.push_back(std::move(sample));
  }
  if (bad_string) {
    *error = "bad protobuf (string index out of range)";
    return false;
  }
  return true;
}

}  // namespace pprof
