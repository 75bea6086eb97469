#include "common/pprof/merge.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

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

template <typename T>
void AppendRaw(std::string* key, T v) {
  key->append(reinterpret_cast<const char*>(&v), sizeof(v));
}

void AppendString(std::string* key, const std::string& s) {
  AppendRaw<uint32_t>(key, static_cast<uint32_t>(s.size()));
  key->append(s);
}

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
  const Profile& first = *sources[0].profile;
  for (size_t i = 1; i < sources.size(); ++i) {
    if (!Compatible(first, *sources[i].profile, error)) return false;
  }
  const size_t n = first.sample_types.size();
  const size_t ns = sources.size();
  out->num_types = n;
  out->num_sources = ns;
  out->from_diff_base.clear();
  Profile& p = out->profile;
  p = Profile();
  p.sample_types = first.sample_types;
  p.drop_frames = first.drop_frames;
  p.keep_frames = first.keep_frames;
  p.period_type = first.period_type;
  for (const MergeSource& src : sources) {
    const Profile& s = *src.profile;
    if (p.time_nanos == 0 || s.time_nanos < p.time_nanos) {
      p.time_nanos = s.time_nanos;
    }
    p.duration_nanos += s.duration_nanos;
    if (p.period == 0 || p.period < s.period) p.period = s.period;
    for (const std::string& c : s.comments) {
      if (std::find(p.comments.begin(), p.comments.end(), c) ==
          p.comments.end()) {
        p.comments.push_back(c);
      }
    }
    if (p.default_sample_type.empty()) {
      p.default_sample_type = s.default_sample_type;
    }
  }

  std::unordered_map<std::string, uint32_t> functions, locations, samples;
  std::unordered_map<std::string, int32_t> mappings;
  std::string key;
  std::vector<uint32_t> fmap, lmap;
  std::vector<int32_t> mmap;
  std::vector<int64_t> moffset;
  std::vector<std::pair<int, std::string>> label_keys;
  for (size_t si = 0; si < ns; ++si) {
    const Profile& s = *sources[si].profile;
    // Mappings: same size, offset, file and build id are the same binary.
    mmap.assign(s.mappings.size(), -1);
    moffset.assign(s.mappings.size(), 0);
    for (size_t i = 0; i < s.mappings.size(); ++i) {
      const Mapping& m = s.mappings[i];
      key.clear();
      AppendRaw(&key, m.limit - m.start);
      AppendRaw(&key, m.offset);
      AppendString(&key, m.build_id.empty() ? m.file : m.build_id);
      auto [it, added] =
          mappings.try_emplace(key, static_cast<int32_t>(p.mappings.size()));
      if (added) {
        Mapping copy = m;
        copy.id = p.mappings.size() + 1;
        p.mappings.push_back(std::move(copy));
      }
      mmap[i] = it->second;
      moffset[i] = static_cast<int64_t>(p.mappings[it->second].start) -
                   static_cast<int64_t>(m.start);
    }
    fmap.resize(s.functions.size());
    for (size_t i = 0; i < s.functions.size(); ++i) {
      const Function& f = s.functions[i];
      key.clear();
      AppendRaw(&key, f.start_line);
      AppendString(&key, f.name);
      AppendString(&key, f.system_name);
      AppendString(&key, f.filename);
      auto [it, added] =
          functions.try_emplace(key, static_cast<uint32_t>(p.functions.size()));
      if (added) {
        Function copy = f;
        copy.id = p.functions.size() + 1;
        p.functions.push_back(std::move(copy));
      }
      fmap[i] = it->second;
    }
    lmap.resize(s.locations.size());
    for (size_t i = 0; i < s.locations.size(); ++i) {
      const Location& l = s.locations[i];
      int32_t mi = l.mapping >= 0 ? mmap[l.mapping] : -1;
      uint64_t addr = l.address + (l.mapping >= 0 ? moffset[l.mapping] : 0);
      key.clear();
      AppendRaw(&key, mi >= 0 ? addr - p.mappings[mi].start : addr);
      AppendRaw(&key, mi);
      AppendRaw(&key, static_cast<char>(l.is_folded));
      for (const Line& ln : l.lines) {
        AppendRaw(&key, fmap[ln.function]);
        AppendRaw(&key, ln.line);
      }
      auto [it, added] =
          locations.try_emplace(key, static_cast<uint32_t>(p.locations.size()));
      if (added) {
        Location copy;
        copy.id = p.locations.size() + 1;
        copy.mapping = mi;
        copy.address = addr;
        copy.is_folded = l.is_folded;
        copy.lines.reserve(l.lines.size());
        for (const Line& ln : l.lines) {
          copy.lines.push_back(Line{fmap[ln.function], ln.line});
        }
        p.locations.push_back(std::move(copy));
      }
      lmap[i] = it->second;
    }
    const int64_t sign = sources[si].sign;
    const bool base = sources[si].diff_base;
    for (const Sample& smp : s.samples) {
      bool zero = true;
      for (int64_t v : smp.values) zero = zero && v == 0;
      if (zero) continue;
      key.clear();
      for (uint32_t l : smp.locations) AppendRaw(&key, lmap[l]);
      AppendRaw<uint32_t>(&key, 0xffffffffu);
      // Labels in key order (values of one key keep their order), as
      // pprof's sample key sorts per-key groups.
      label_keys.clear();
      for (size_t li = 0; li < smp.labels.size(); ++li) {
        label_keys.emplace_back(static_cast<int>(li), smp.labels[li].key);
      }
      std::stable_sort(label_keys.begin(), label_keys.end(),
                       [&](const auto& a, const auto& b) {
                         const Label& la = smp.labels[a.first];
                         const Label& lb = smp.labels[b.first];
                         if (la.is_num != lb.is_num)
                           return la.is_num < lb.is_num;
                         return a.second < b.second;
                       });
      for (const auto& [li, k] : label_keys) {
        const Label& l = smp.labels[li];
        AppendRaw(&key, static_cast<char>(l.is_num));
        AppendString(&key, l.key);
        if (l.is_num) {
          AppendRaw(&key, l.num);
          AppendString(&key, l.num_unit);
        } else {
          AppendString(&key, l.str);
        }
      }
      AppendRaw(&key, static_cast<char>(base));
      auto [it, added] =
          samples.try_emplace(key, static_cast<uint32_t>(p.samples.size()));
      if (added) {
        Sample copy;
        copy.locations.reserve(smp.locations.size());
        for (uint32_t l : smp.locations) copy.locations.push_back(lmap[l]);
        copy.values.assign(n + n * ns, 0);
        copy.labels = smp.labels;
        p.samples.push_back(std::move(copy));
        out->from_diff_base.push_back(base);
      }
      Sample& dst = p.samples[it->second];
      for (size_t t = 0; t < n && t < smp.values.size(); ++t) {
        dst.values[t] += sign * smp.values[t];
        dst.values[n + si * n + t] += smp.values[t];
      }
    }
  }
  // Samples that cancelled out in every type stay (their raw columns are
  // still wanted); they weigh zero in every report, as pprof's removal does.
  return true;
}

}  // namespace pprof
