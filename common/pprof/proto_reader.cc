#include "common/pprof/proto_reader.h"

#include <algorithm>
#include <vector>

#include "common/pprof/proto_wire.h"
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

// Packed repeated scalars: sample location ids and values, comments.
bool IsPacked(Msg m, uint32_t field) {
  return (m == Msg::kSample && (field == 1 || field == 2)) ||
         (m == Msg::kProfile && field == 13);
}

// Returns the offset of the first bad field in `data`, or -1.
int64_t WalkMessage(std::string_view data, const char* base, Msg m) {
  WireReader r(data, base);
  WireField f;
  while (r.Next(&f)) {
    if (f.type != kBytes) continue;
    if (IsPacked(m, f.number) && !ForEachWireVarint(f, [](uint64_t) {})) {
      return f.offset;
    }
    Msg sub = SubMessage(m, f.number);
    if (sub == Msg::kNone) continue;
    int64_t bad = WalkMessage(f.bytes, base, sub);
    if (bad >= 0) return bad;
  }
  return r.error_offset();
}

}  // namespace

int64_t FindWireError(std::string_view data) {
  return WalkMessage(data, data.data(), Msg::kProfile);
}

namespace {

// The messages of profile.proto as they are on the wire: ids and string
// indexes not yet resolved. Mappings, locations and functions are few
// (distinct code), so they are decoded whole in the first pass; samples,
// which are many, are decoded once, straight into the model, in the second.
struct RawValueType {
  int64_t type = 0, unit = 0;
};
struct RawMapping {
  uint64_t id = 0, start = 0, limit = 0, offset = 0;
  int64_t filename = 0, build_id = 0;
};
struct RawFunction {
  uint64_t id = 0;
  int64_t name = 0, system_name = 0, filename = 0, start_line = 0;
};
struct RawLine {
  uint64_t function_id = 0;
  int64_t line = 0;
};
struct RawLocation {
  uint64_t id = 0, mapping_id = 0, address = 0;
  bool is_folded = false;
  uint32_t lines_begin = 0, lines_end = 0;  // into RawProfile::lines
};
struct RawLabel {
  int64_t key = 0, str = 0, num = 0, num_unit = 0;
  bool operator==(const RawLabel&) const = default;
};

struct RawProfile {
  std::vector<RawValueType> sample_types;
  std::vector<std::string_view> strings;
  std::vector<RawMapping> mappings;
  std::vector<RawFunction> functions;
  std::vector<RawLocation> locations;
  std::vector<RawLine> lines;
  std::vector<int64_t> comments;
  RawValueType period_type;
  int64_t drop_frames = 0, keep_frames = 0, time_nanos = 0, duration_nanos = 0,
          period = 0, default_sample_type = 0;
  size_t num_samples = 0, num_sample_locations = 0, num_sample_values = 0;
};

int64_t AsInt(uint64_t v) { return static_cast<int64_t>(v); }

// Calls fn(field) for each field of a sub-message; fn returns false for a
// field it cannot read (a cut-off packed payload). Returns the offset of
// the first bad field, or -1.
template <typename Fn>
int64_t ForFields(std::string_view data, const char* base, Fn fn) {
  WireReader r(data, base);
  WireField f;
  while (r.Next(&f)) {
    if (!fn(f)) return f.offset;
  }
  return r.error_offset();
}

// Field readers of the small messages: each returns fn(field) for
// ForFields, filling *out.
auto ValueTypeFields(RawValueType* t) {
  return [t](const WireField& f) {
    if (f.type != kVarint) return true;
    if (f.number == 1) t->type = AsInt(f.varint);
    if (f.number == 2) t->unit = AsInt(f.varint);
    return true;
  };
}

auto MappingFields(RawMapping* m) {
  return [m](const WireField& f) {
    if (f.type != kVarint) return true;
    switch (f.number) {
      case 1:
        m->id = f.varint;
        break;
      case 2:
        m->start = f.varint;
        break;
      case 3:
        m->limit = f.varint;
        break;
      case 4:
        m->offset = f.varint;
        break;
      case 5:
        m->filename = AsInt(f.varint);
        break;
      case 6:
        m->build_id = AsInt(f.varint);
        break;
      default:
        break;
    }
    return true;
  };
}

auto FunctionFields(RawFunction* fn) {
  return [fn](const WireField& f) {
    if (f.type != kVarint) return true;
    switch (f.number) {
      case 1:
        fn->id = f.varint;
        break;
      case 2:
        fn->name = AsInt(f.varint);
        break;
      case 3:
        fn->system_name = AsInt(f.varint);
        break;
      case 4:
        fn->filename = AsInt(f.varint);
        break;
      case 5:
        fn->start_line = AsInt(f.varint);
        break;
      default:
        break;
    }
    return true;
  };
}

// Pass 1: the whole message's wire structure, checked as FindWireError
// does; everything but the samples decoded into *raw; the samples counted.
class RawScanner {
 public:
  RawScanner(std::string_view data, RawProfile* raw)
      : data_(data), base_(data.data()), raw_(*raw) {}

  // The offset of the first bad field (the innermost), or -1.
  int64_t Run() {
    int64_t bad =
        ForFields(data_, base_, [&](const WireField& f) { return Top(f); });
    return inner_error_ >= 0 ? inner_error_ : bad;
  }

 private:
  bool Top(const WireField& f) {
    if (f.type == kVarint) {
      TopScalar(f);
      return true;
    }
    if (f.type != kBytes) return true;
    switch (f.number) {
      case 1:
        raw_.sample_types.emplace_back();
        return Sub(f, ValueTypeFields(&raw_.sample_types.back()));
      case 2:
        return Sub(f, [&](const WireField& s) { return CountSample(s); }) &&
               (++raw_.num_samples, true);
      case 3:
        raw_.mappings.emplace_back();
        return Sub(f, MappingFields(&raw_.mappings.back()));
      case 4:
        return Location(f);
      case 5:
        raw_.functions.emplace_back();
        return Sub(f, FunctionFields(&raw_.functions.back()));
      case 6:
        raw_.strings.push_back(f.bytes);
        return true;
      case 11:
        return Sub(f, ValueTypeFields(&raw_.period_type));
      case 13:
        return Comments(f);
      default:
        return true;
    }
  }

  void TopScalar(const WireField& f) {
    const int64_t v = AsInt(f.varint);
    switch (f.number) {
      case 7:
        raw_.drop_frames = v;
        break;
      case 8:
        raw_.keep_frames = v;
        break;
      case 9:
        raw_.time_nanos = v;
        break;
      case 10:
        raw_.duration_nanos = v;
        break;
      case 12:
        raw_.period = v;
        break;
      case 13:
        raw_.comments.push_back(v);
        break;
      case 14:
        raw_.default_sample_type = v;
        break;
      default:
        break;
    }
  }

  bool Comments(const WireField& f) {
    return ForEachWireVarint(
        f, [&](uint64_t v) { raw_.comments.push_back(AsInt(v)); });
  }

  // Descends into a sub-message; a bad field inside is the error.
  template <typename Fn>
  bool Sub(const WireField& f, Fn fn) {
    int64_t bad = ForFields(f.bytes, base_, fn);
    if (bad < 0) return true;
    if (inner_error_ < 0) inner_error_ = bad;  // the innermost comes first
    return false;
  }

  bool Location(const WireField& f) {
    RawLocation loc;
    loc.lines_begin = static_cast<uint32_t>(raw_.lines.size());
    bool ok = Sub(f, [&](const WireField& g) {
      if (g.type == kBytes && g.number == 4) {
        raw_.lines.emplace_back();
        RawLine* line = &raw_.lines.back();
        return Sub(g, [line](const WireField& h) {
          if (h.type != kVarint) return true;
          if (h.number == 1) line->function_id = h.varint;
          if (h.number == 2) line->line = AsInt(h.varint);
          return true;
        });
      }
      if (g.type != kVarint) return true;
      if (g.number == 1) loc.id = g.varint;
      if (g.number == 2) loc.mapping_id = g.varint;
      if (g.number == 3) loc.address = g.varint;
      if (g.number == 5) loc.is_folded = g.varint != 0;
      return true;
    });
    loc.lines_end = static_cast<uint32_t>(raw_.lines.size());
    raw_.locations.push_back(loc);
    return ok;
  }

  // A sample's fields: checked, and its location ids and values counted
  // (to size the model's arrays once).
  bool CountSample(const WireField& f) {
    if (f.number == 1 && (f.type == kVarint || f.type == kBytes)) {
      return ForEachWireVarint(f,
                               [&](uint64_t) { ++raw_.num_sample_locations; });
    }
    if (f.number == 2 && (f.type == kVarint || f.type == kBytes)) {
      return ForEachWireVarint(f, [&](uint64_t) { ++raw_.num_sample_values; });
    }
    if (f.number == 3 && f.type == kBytes) {
      return Sub(f, [](const WireField&) { return true; });
    }
    return true;
  }

  std::string_view data_;
  const char* base_;
  RawProfile& raw_;
  int64_t inner_error_ = -1;  // a bad field inside a sub-message
};

}  // namespace

namespace {

// Object id -> index in the profile's table. As go tool pprof checks, an
// id is never 0 (reserved: "no mapping") and never repeats: a profile that
// breaks that is refused rather than read with one of the objects lost.
// Go numbers objects 1, 2, 3 ...: ids below a bound proportional to the
// table's size go to a plain array, the others to a hash table.
class IdIndex {
 public:
  void Reserve(size_t n) {
    table_.Reserve(n);
    dense_limit_ = 2 * n + 64;
  }
  // `what` names the table in the message ("location").
  bool Add(uint64_t id, uint32_t index, const char* what, std::string* error) {
    if (id == 0) {
      *error = std::string(what) + " #" + std::to_string(index + 1) +
               " has the reserved id 0";
      return false;
    }
    bool added = true;
    if (id < dense_limit_) {
      if (dense_.size() <= id) dense_.resize(id + 1, 0);
      added = dense_[id] == 0;
      if (added) dense_[id] = index + 1;
    } else {
      table_.FindOrInsert(
          stack::MixHash(id), static_cast<uint32_t>(ids_.size()),
          [&](uint32_t j) { return ids_[j] == id; }, &added);
      if (added) {
        ids_.push_back(id);
        index_.push_back(index);
      }
    }
    if (!added) {
      *error = "two " + std::string(what) + "s have id " + std::to_string(id) +
               " (the second is " + what + " #" + std::to_string(index + 1) +
               ")";
    }
    return added;
  }
  // The index of `id`, or -1.
  int64_t Find(uint64_t id) const {
    if (id < dense_limit_) {
      return id < dense_.size() ? static_cast<int64_t>(dense_[id]) - 1 : -1;
    }
    int64_t e = table_.Find(stack::MixHash(id),
                            [&](uint32_t j) { return ids_[j] == id; });
    return e < 0 ? -1 : static_cast<int64_t>(index_[e]);
  }

 private:
  uint64_t dense_limit_ = 64;
  std::vector<uint32_t> dense_;  // by id: index + 1, 0 = none
  stack::IndexTable table_;
  std::vector<uint64_t> ids_;    // by entry
  std::vector<uint32_t> index_;  // by entry
};

// Pass 2: the raw tables into the model, table by table, resolving string
// indexes and ids to indexes; then the samples, decoded from the wire
// straight into the profile's SampleTable.
class ProtoConverter {
 public:
  ProtoConverter(std::string_view data, const RawProfile& raw, Profile* p)
      : data_(data), raw_(raw), p_(*p) {}

  bool Run(std::string* error) {
    if (raw_.strings.empty() || !raw_.strings[0].empty()) {
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
    if (i < 0 || static_cast<uint64_t>(i) >= raw_.strings.size()) {
      bad_string_ = true;
      return std::string();
    }
    return std::string(raw_.strings[i]);
  }

  void CopyHeader() {
    for (const RawValueType& st : raw_.sample_types) {
      p_.sample_types.push_back(ValueType{Str(st.type), Str(st.unit)});
    }
    p_.default_sample_type = Str(raw_.default_sample_type);
    p_.drop_frames = Str(raw_.drop_frames);
    p_.keep_frames = Str(raw_.keep_frames);
    p_.time_nanos = raw_.time_nanos;
    p_.duration_nanos = raw_.duration_nanos;
    p_.period_type =
        ValueType{Str(raw_.period_type.type), Str(raw_.period_type.unit)};
    p_.period = raw_.period;
    for (int64_t c : raw_.comments) p_.comments.push_back(Str(c));
  }

  bool CopyMappings(std::string* error) {
    mappings_.Reserve(raw_.mappings.size());
    for (const RawMapping& m : raw_.mappings) {
      if (!mappings_.Add(m.id, static_cast<uint32_t>(p_.mappings.size()),
                         "mapping", error)) {
        return false;
      }
      p_.mappings.push_back(Mapping{m.id, m.start, m.limit, m.offset,
                                    Str(m.filename), Str(m.build_id)});
    }
    return true;
  }

  bool CopyFunctions(std::string* error) {
    functions_.Reserve(raw_.functions.size());
    p_.functions.reserve(raw_.functions.size());
    for (const RawFunction& f : raw_.functions) {
      if (!functions_.Add(f.id, static_cast<uint32_t>(p_.functions.size()),
                          "function", error)) {
        return false;
      }
      p_.functions.push_back(Function{f.id, Str(f.name), Str(f.system_name),
                                      Str(f.filename), f.start_line});
    }
    return true;
  }

  bool CopyLocations(std::string* error) {
    locations_.Reserve(raw_.locations.size());
    p_.locations.reserve(raw_.locations.size());
    for (const RawLocation& l : raw_.locations) {
      Location loc;
      loc.id = l.id;
      loc.address = l.address;
      loc.is_folded = l.is_folded;
      if (l.mapping_id != 0) {
        int64_t m = mappings_.Find(l.mapping_id);
        if (m < 0) {
          *error = "location " + std::to_string(l.id) +
                   " refers to unknown mapping " + std::to_string(l.mapping_id);
          return false;
        }
        loc.mapping = static_cast<int32_t>(m);
      }
      loc.lines.reserve(l.lines_end - l.lines_begin);
      for (uint32_t k = l.lines_begin; k < l.lines_end; ++k) {
        const RawLine& ln = raw_.lines[k];
        int64_t f = functions_.Find(ln.function_id);
        if (f < 0) {
          *error = "location " + std::to_string(l.id) +
                   " refers to unknown function " +
                   std::to_string(ln.function_id);
          return false;
        }
        loc.lines.push_back(Line{static_cast<uint32_t>(f), ln.line});
      }
      if (!locations_.Add(l.id, static_cast<uint32_t>(p_.locations.size()),
                          "location", error)) {
        return false;
      }
      p_.locations.push_back(std::move(loc));
    }
    return true;
  }

  // The samples in wire order (pass 1 checked their structure).
  bool CopySamples(std::string* error) {
    const size_t width = p_.sample_types.size();
    p_.samples.Clear(width);
    // No more samples than the values on the wire fill: a hostile profile
    // may declare many types and many samples without values (refused at
    // its first sample, but after this).
    size_t samples = raw_.num_samples;
    if (width > 0) samples = std::min(samples, raw_.num_sample_values / width);
    p_.samples.Reserve(samples, raw_.num_sample_locations);
    WireReader r(data_, data_.data());
    WireField f;
    size_t i = 0;
    while (r.Next(&f)) {
      if (f.number != 2 || f.type != kBytes) continue;
      if (!CopySample(f.bytes, i++, error)) return false;
    }
    return true;
  }

  bool CopySample(std::string_view body, size_t i, std::string* error) {
    ids_.clear();
    values_.clear();
    raw_labels_.clear();
    WireReader r(body, data_.data());
    WireField f;
    while (r.Next(&f)) {
      if (f.number == 1 && (f.type == kVarint || f.type == kBytes)) {
        ForEachWireVarint(f, [&](uint64_t id) { ids_.push_back(id); });
      } else if (f.number == 2 && (f.type == kVarint || f.type == kBytes)) {
        ForEachWireVarint(f, [&](uint64_t v) { values_.push_back(AsInt(v)); });
      } else if (f.number == 3 && f.type == kBytes) {
        raw_labels_.push_back(ReadLabel(f.bytes));
      }
    }
    const size_t num_types = p_.sample_types.size();
    if (values_.size() != num_types) {
      *error = "sample " + std::to_string(i) + " has " +
               std::to_string(values_.size()) + " values, want " +
               std::to_string(num_types);
      return false;
    }
    locs_.clear();
    for (uint64_t id : ids_) {
      int64_t l = locations_.Find(id);
      if (l < 0) {
        *error = "sample " + std::to_string(i) +
                 " refers to unknown location " + std::to_string(id);
        return false;
      }
      locs_.push_back(static_cast<uint32_t>(l));
    }
    p_.samples.AddWithLabelSet(locs_, values_, LabelSet());
    return true;
  }

  RawLabel ReadLabel(std::string_view body) const {
    RawLabel l;
    WireReader r(body, data_.data());
    WireField f;
    while (r.Next(&f)) {
      if (f.type != kVarint) continue;
      if (f.number == 1) l.key = AsInt(f.varint);
      if (f.number == 2) l.str = AsInt(f.varint);
      if (f.number == 3) l.num = AsInt(f.varint);
      if (f.number == 4) l.num_unit = AsInt(f.varint);
    }
    return l;
  }

  // The label set of raw_labels_: samples repeat a few sets (a heap
  // profile's size classes), so each distinct sequence of string indexes
  // is turned into strings and interned once.
  uint32_t LabelSet() {
    if (raw_labels_.empty()) return SampleTable::kNoLabels;
    uint64_t h = 0x2d358dccaa6c78a5ULL;
    for (const RawLabel& l : raw_labels_) {
      h = stack::MixHash(h ^ static_cast<uint64_t>(l.key));
      h = stack::MixHash(h ^ static_cast<uint64_t>(l.str));
      h = stack::MixHash(h ^ static_cast<uint64_t>(l.num));
      h = stack::MixHash(h ^ static_cast<uint64_t>(l.num_unit));
    }
    bool added;
    uint32_t e = seen_sets_.FindOrInsert(
        h, static_cast<uint32_t>(seen_set_.size()),
        [&](uint32_t j) {
          return std::equal(seen_labels_.begin() + seen_begin_[j],
                            seen_labels_.begin() + seen_begin_[j + 1],
                            raw_labels_.begin(), raw_labels_.end());
        },
        &added);
    if (!added) return seen_set_[e];
    seen_labels_.insert(seen_labels_.end(), raw_labels_.begin(),
                        raw_labels_.end());
    seen_begin_.push_back(static_cast<uint32_t>(seen_labels_.size()));
    labels_.clear();
    for (const RawLabel& l : raw_labels_) {
      Label label;
      label.key = Str(l.key);
      if (l.str != 0) {
        label.str = Str(l.str);
      } else {
        label.is_num = true;
        label.num = l.num;
        label.num_unit = Str(l.num_unit);
      }
      labels_.push_back(std::move(label));
    }
    seen_set_.push_back(p_.samples.InternLabels(labels_));
    return seen_set_.back();
  }

  std::string_view data_;
  const RawProfile& raw_;
  Profile& p_;
  bool bad_string_ = false;
  IdIndex mappings_, functions_, locations_;
  // Scratch per sample.
  std::vector<uint64_t> ids_;
  std::vector<int64_t> values_;
  std::vector<uint32_t> locs_;
  std::vector<RawLabel> raw_labels_;
  std::vector<Label> labels_;
  // Raw label sequences seen: seen_labels_[seen_begin_[j] ..
  // seen_begin_[j + 1]) is label set seen_set_[j] of the model.
  stack::IndexTable seen_sets_;
  std::vector<RawLabel> seen_labels_;
  std::vector<uint32_t> seen_begin_ = {0};
  std::vector<uint32_t> seen_set_;
};

}  // namespace

bool ParseProfileProto(std::string_view data, Profile* out,
                       std::string* error) {
  RawProfile raw;
  int64_t at = RawScanner(data, &raw).Run();
  if (at >= 0) {
    *error = "bad protobuf at byte " + std::to_string(at);
    return false;
  }
  return ProtoConverter(data, raw, out).Run(error);
}

}  // namespace pprof
