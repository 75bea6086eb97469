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
void SortLabels(std::vector<Label>* labels) {
  std::stable_sort(labels->begin(), labels->end(),
                   [](const Label& a, const Label& b) {
                     if (a.is_num != b.is_num) return a.is_num < b.is_num;
                     return a.key < b.key;
                   });
}

}  // namespace

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

namespace {

// pprof's profileMerger: maps each source's mappings, functions, locations
// and samples onto the merged profile's, one source after the other.
class ProfileMerger {
 public:
  // `types`: the sources' sample types that become the merge's types.
  ProfileMerger(MergedProfile* out, std::vector<int> types)
      : out_(out), p_(out->profile), types_(std::move(types)) {}

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
    label_set_of_.assign(s.samples.num_label_sets(), kUnmapped);
    for (size_t i = 0; i < s.samples.size(); ++i) {
      MapSample(s.samples, i, src, index);
    }
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

  // A source's label set as a set of the merged profile, in pprof's order.
  uint32_t MapLabelSet(const SampleTable& samples, uint32_t set) {
    if (label_set_of_[set] == kUnmapped) {
      std::span<const Label> labels = samples.LabelSet(set);
      sorted_.assign(labels.begin(), labels.end());
      SortLabels(&sorted_);
      label_set_of_[set] = p_.samples.InternLabels(sorted_);
    }
    return label_set_of_[set];
  }

  // Samples with the same locations and labels (and the same diff-base
  // flag) become one; its merged values are summed with the source's sign,
  // its raw columns of this source without.
  void MapSample(const SampleTable& samples, size_t i, const MergeSource& src,
                 size_t si) {
    std::span<const int64_t> values = samples.values(i);
    if (std::all_of(values.begin(), values.end(),
                    [](int64_t v) { return v == 0; })) {
      return;
    }
    const bool base = src.diff_base;
    locs_.clear();
    uint64_t h = base ? 0x51ed27 : 0x2545f491;
    for (uint32_t l : samples.locations(i)) {
      locs_.push_back(location_of_[l]);
      h = stack::MixHash(h ^ (location_of_[l] + 0x9e3779b97f4a7c15ULL));
    }
    const uint32_t labels = MapLabelSet(samples, samples.label_set(i));
    h = stack::MixHash(h ^ labels);
    SampleTable& merged = p_.samples;
    bool added;
    uint32_t idx = samples_.FindOrInsert(
        h, static_cast<uint32_t>(merged.size()),
        [&](uint32_t j) {
          std::span<const uint32_t> o = merged.locations(j);
          return out_->from_diff_base[j] == base &&
                 merged.label_set(j) == labels &&
                 std::equal(o.begin(), o.end(), locs_.begin(), locs_.end());
        },
        &added);
    if (added) {
      merged.AddWithLabelSet(locs_, {}, labels);  // values 0
      out_->from_diff_base.push_back(base);
    }
    std::span<int64_t> dst = merged.mutable_values(idx);
    const size_t n = types_.size();
    for (size_t t = 0; t < n; ++t) {
      const size_t from = static_cast<size_t>(types_[t]);
      if (from >= values.size()) continue;
      dst[t] = AddWrap(dst[t], MulWrap(src.sign, values[from]));
      dst[n + si * n + t] = AddWrap(dst[n + si * n + t], values[from]);
    }
  }

  MergedProfile* out_;
  Profile& p_;
  const std::vector<int> types_;
  stack::IndexTable mappings_, functions_, locations_, samples_;
  // Per source: where its mappings, functions and locations went.
  std::vector<int32_t> mapping_of_;
  std::vector<int64_t> offset_of_;
  std::vector<uint32_t> function_of_, location_of_;
  static constexpr uint32_t kUnmapped = ~0u;
  std::vector<uint32_t> label_set_of_;  // per source label set
  std::vector<uint32_t> locs_;          // scratch per sample
  std::vector<Label> sorted_;           // scratch per label set
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
           std::string* error, std::span<const int> types) {
  if (sources.empty()) {
    *error = "no profiles to merge";
    return false;
  }
  for (size_t i = 1; i < sources.size(); ++i) {
    if (!Compatible(*sources[0].profile, *sources[i].profile, error)) {
      return false;
    }
  }
  const std::vector<ValueType>& all = sources[0].profile->sample_types;
  std::vector<int> kept;
  for (int t : types) {
    if (t >= 0 && static_cast<size_t>(t) < all.size()) kept.push_back(t);
  }
  if (types.empty()) {
    for (size_t t = 0; t < all.size(); ++t) kept.push_back(static_cast<int>(t));
  }
  out->num_types = kept.size();
  out->num_sources = sources.size();
  out->from_diff_base.clear();
  out->profile = Profile();
  MergeHeaders(sources, &out->profile);
  if (!types.empty()) {
    out->profile.sample_types.clear();
    for (int t : kept) out->profile.sample_types.push_back(all[t]);
  }
  out->profile.samples.Clear(out->num_types * (1 + out->num_sources));
  // At most every sample of every source: sized once (pages never written
  // cost no memory), instead of copying as it grows.
  size_t samples = 0, locations = 0;
  for (const MergeSource& src : sources) {
    samples += src.profile->samples.size();
    locations += src.profile->samples.num_locations();
  }
  out->profile.samples.Reserve(samples, locations);
  ProfileMerger merger(out, std::move(kept));
  for (size_t i = 0; i < sources.size(); ++i) merger.AddSource(sources[i], i);
  // Samples that cancelled out in every type stay (their raw columns are
  // still wanted); they weigh zero in every report, as pprof's removal does.
  return true;
}

}  // namespace pprof
