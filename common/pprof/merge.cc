#include "common/pprof/merge.h"

#include <algorithm>

#include "common/stack/hash.h"
#include "common/stack/index_table.h"

namespace pprof {
namespace {

std::string TypesText(const std::vector<ValueType>& types) {
  std::string s;
  for (const ValueType& t : types) {
    if (!s.empty()) s += " ";
    s += t.type + "/" + t.unit;
  }
  return "[" + s + "]";
}

// The string that identifies a mapping's binary.
const std::string& MappingIdentity(const Mapping& m) {
  return m.build_id.empty() ? m.file : m.build_id;
}

// Labels in pprof's key order: string labels, then numeric, by key; the
// values of one key keep their order.
void SortedLabelOrder(const Sample& s, std::vector<uint32_t>* order) {
  order->resize(s.labels.size());
  for (size_t i = 0; i < order->size(); ++i) {
    (*order)[i] = static_cast<uint32_t>(i);
  }
  if (order->size() < 2) return;
  std::stable_sort(order->begin(), order->end(), [&](uint32_t a, uint32_t b) {
    const Label& la = s.labels[a];
    const Label& lb = s.labels[b];
    if (la.is_num != lb.is_num) return la.is_num < lb.is_num;
    return la.key < lb.key;
  });
}

bool SameLabel(const Label& x, const Label& y) {
  return x.is_num == y.is_num && x.key == y.key && x.num == y.num &&
         x.str == y.str && x.num_unit == y.num_unit;
}

// The header fields of the merge: the first source's types and frame
// regexps, the earliest time, summed durations, the largest period, every
// distinct comment.
void MergeHeaders(const std::vector<MergeSource>& sources, Profile* p) {
  const Profile& first = *sources[0].profile;
  p->sample_types = first.sample_types;
  p->drop_frames = first.drop_frames;
  p->keep_frames = first.keep_frames;
  p->period_type = first.period_type;
  for (const MergeSource& src : sources) {
    const Profile& s = *src.profile;
    if (p->time_nanos == 0 || s.time_nanos < p->time_nanos) {
      p->time_nanos = s.time_nanos;
    }
    p->duration_nanos = AddWrap(p->duration_nanos, s.duration_nanos);
    if (p->period == 0 || p->period < s.period) p->period = s.period;
    for (const std::string& c : s.comments) {
      if (std::find(p->comments.begin(), p->comments.end(), c) ==
          p->comments.end()) {
        p->comments.push_back(c);
      }
    }
    if (p->default_sample_type.empty()) {
      p->default_sample_type = s.default_sample_type;
    }
  }
}

// pprof's profileMerger: maps each source's mappings, functions, locations
// and samples onto the merged profile's, one source after the other.
class ProfileMerger {
 public:
  explicit ProfileMerger(MergedProfile* out) : out_(out), p_(out->profile) {}

  void AddSource(const MergeSource& src, size_t index) {
    const Profile& s = *src.profile;
    mapping_of_.assign(s.mappings.size(), -1);
    offset_of_.assign(s.mappings.size(), 0);
    for (size_t i = 0; i < s.mappings.size(); ++i) MapMapping(s.mappings[i], i);
    function_of_.resize(s.functions.size());
    for (size_t i = 0; i < s.functions.size(); ++i) {
      function_of_[i] = MapFunction(s.functions[i]);
    }
    location_of_.resize(s.locations.size());
    for (size_t i = 0; i < s.locations.size(); ++i) {
      location_of_[i] = MapLocation(s.locations[i]);
    }
    for (const Sample& smp : s.samples) MapSample(smp, src, index);
  }

 private:
  // Same size, offset, file and build id are the same binary.
  void MapMapping(const Mapping& m, size_t i) {
    const uint64_t h = stack::HashString(
        MappingIdentity(m),
        stack::MixHash((m.limit - m.start) ^ stack::MixHash(m.offset)));
    bool added;
    uint32_t mi = mappings_.FindOrInsert(
        h, static_cast<uint32_t>(p_.mappings.size()),
        [&](uint32_t j) {
          const Mapping& o = p_.mappings[j];
          return o.limit - o.start == m.limit - m.start &&
                 o.offset == m.offset &&
                 MappingIdentity(o) == MappingIdentity(m);
        },
        &added);
    if (added) {
      Mapping copy = m;
      copy.id = p_.mappings.size() + 1;
      p_.mappings.push_back(std::move(copy));
    }
    mapping_of_[i] = static_cast<int32_t>(mi);
    offset_of_[i] = static_cast<int64_t>(p_.mappings[mi].start) -
                    static_cast<int64_t>(m.start);
  }

  uint32_t MapFunction(const Function& f) {
    const uint64_t h = stack::HashString(
        f.filename, stack::HashString(f.system_name,
                                      stack::HashString(f.name, f.start_line)));
    bool added;
    uint32_t fi = functions_.FindOrInsert(
        h, static_cast<uint32_t>(p_.functions.size()),
        [&](uint32_t j) {
          const Function& o = p_.functions[j];
          return o.start_line == f.start_line && o.name == f.name &&
                 o.system_name == f.system_name && o.filename == f.filename;
        },
        &added);
    if (added) {
      Function copy = f;
      copy.id = p_.functions.size() + 1;
      p_.functions.push_back(std::move(copy));
    }
    return fi;
  }

  uint32_t MapLocation(const Location& l) {
    const int32_t mi = l.mapping >= 0 ? mapping_of_[l.mapping] : -1;
    const uint64_t addr =
        l.address + (l.mapping >= 0 ? offset_of_[l.mapping] : 0);
    const uint64_t start = mi >= 0 ? p_.mappings[mi].start : 0;
    uint64_t h = stack::MixHash((addr - start) * 31 + mi + 7 +
                                (l.is_folded ? 0x100000000ULL : 0));
    for (const Line& ln : l.lines) {
      h = stack::MixHash(h ^
                         (function_of_[ln.function] * 0x9e3779b97f4a7c15ULL) ^
                         static_cast<uint64_t>(ln.line));
    }
    bool added;
    uint32_t idx = locations_.FindOrInsert(
        h, static_cast<uint32_t>(p_.locations.size()),
        [&](uint32_t j) {
          const Location& o = p_.locations[j];
          if (o.mapping != mi || o.is_folded != l.is_folded ||
              o.address - start != addr - start ||
              o.lines.size() != l.lines.size()) {
            return false;
          }
          for (size_t k = 0; k < o.lines.size(); ++k) {
            if (o.lines[k].function != function_of_[l.lines[k].function] ||
                o.lines[k].line != l.lines[k].line) {
              return false;
            }
          }
          return true;
        },
        &added);
    if (added) {
      Location copy;
      copy.id = p_.locations.size() + 1;
      copy.mapping = mi;
      copy.address = addr;
      copy.is_folded = l.is_folded;
      copy.lines.reserve(l.lines.size());
      for (const Line& ln : l.lines) {
        copy.lines.push_back(Line{function_of_[ln.function], ln.line});
      }
      p_.locations.push_back(std::move(copy));
    }
    return idx;
  }

  // Samples with the same locations and labels (and the same diff-base
  // flag) become one; its merged values are summed with the source's sign,
  // its raw columns of this source without.
  void MapSample(const Sample& smp, const MergeSource& src, size_t si) {
    bool zero = true;
    for (int64_t v : smp.values) zero = zero && v == 0;
    if (zero) return;
    const bool base = src.diff_base;
    locs_.clear();
    uint64_t h = base ? 0x51ed27 : 0x2545f491;
    for (uint32_t l : smp.locations) {
      locs_.push_back(location_of_[l]);
      h = stack::MixHash(h ^ (location_of_[l] + 0x9e3779b97f4a7c15ULL));
    }
    SortedLabelOrder(smp, &order_);
    for (uint32_t li : order_) {
      const Label& l = smp.labels[li];
      h = stack::MixHash(h ^ stack::HashString(l.key, l.is_num));
      h = stack::MixHash(h ^ (l.is_num ? stack::HashString(l.num_unit, l.num)
                                       : stack::HashString(l.str)));
    }
    bool added;
    uint32_t idx = samples_.FindOrInsert(
        h, static_cast<uint32_t>(p_.samples.size()),
        [&](uint32_t j) {
          const Sample& o = p_.samples[j];
          if (out_->from_diff_base[j] != base || o.locations != locs_ ||
              o.labels.size() != order_.size()) {
            return false;
          }
          for (size_t k = 0; k < order_.size(); ++k) {
            if (!SameLabel(o.labels[k], smp.labels[order_[k]])) return false;
          }
          return true;
        },
        &added);
    const size_t n = out_->num_types;
    if (added) {
      Sample copy;
      copy.locations = locs_;
      copy.values.assign(n + n * out_->num_sources, 0);
      copy.labels.reserve(order_.size());
      for (uint32_t li : order_) copy.labels.push_back(smp.labels[li]);
      p_.samples.push_back(std::move(copy));
      out_->from_diff_base.push_back(base);
    }
    Sample& dst = p_.samples[idx];
    for (size_t t = 0; t < n && t < smp.values.size(); ++t) {
      dst.values[t] = AddWrap(dst.values[t], MulWrap(src.sign, smp.values[t]));
      dst.values[n + si * n + t] =
          AddWrap(dst.values[n + si * n + t], smp.values[t]);
    }
  }

  MergedProfile* out_;
  Profile& p_;
  stack::IndexTable mappings_, functions_, locations_, samples_;
  // Per source: where its mappings, functions and locations went.
  std::vector<int32_t> mapping_of_;
  std::vector<int64_t> offset_of_;
  std::vector<uint32_t> function_of_, location_of_;
  std::vector<uint32_t> locs_, order_;  // scratch per sample
};

}  // namespace

bool Compatible(const Profile& a, const Profile& b, std::string* error) {
  if (!(a.period_type == b.period_type)) {
    *error = "incompatible period types " + a.period_type.type + "/" +
             a.period_type.unit + " and " + b.period_type.type + "/" +
             b.period_type.unit;
    return false;
  }
  if (a.sample_types != b.sample_types) {
    *error = "incompatible sample types " + TypesText(a.sample_types) +
             " and " + TypesText(b.sample_types);
    return false;
  }
  return true;
}

bool Merge(const std::vector<MergeSource>& sources, MergedProfile* out,
           std::string* error) {
  if (sources.empty()) {
    *error = "no profiles to merge";
    return false;
  }
  for (size_t i = 1; i < sources.size(); ++i) {
    if (!Compatible(*sources[0].profile, *sources[i].profile, error)) {
      return false;
    }
  }
  out->num_types = sources[0].profile->sample_types.size();
  out->num_sources = sources.size();
  out->from_diff_base.clear();
  out->profile = Profile();
  MergeHeaders(sources, &out->profile);
  ProfileMerger merger(out);
  for (size_t i = 0; i < sources.size(); ++i) merger.AddSource(sources[i], i);
  // Samples that cancelled out in every type stay (their raw columns are
  // still wanted); they weigh zero in every report, as pprof's removal does.
  return true;
}

}  // namespace pprof
