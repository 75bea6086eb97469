#include "common/pprof/merge.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

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
    p.duration_nanos = AddWrap(p.duration_nanos, s.duration_nanos);
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

  std::unordered_map<std::string, uint32_t> functions;
  stack::IndexTable location_table, sample_table;
  std::vector<uint32_t> locs, order;
  std::unordered_map<std::string, int32_t> mappings;
  std::string key;
  std::vector<uint32_t> fmap, lmap;
  std::vector<int32_t> mmap;
  std::vector<int64_t> moffset;
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
      const int32_t mi = l.mapping >= 0 ? mmap[l.mapping] : -1;
      const uint64_t addr =
          l.address + (l.mapping >= 0 ? moffset[l.mapping] : 0);
      const uint64_t start = mi >= 0 ? p.mappings[mi].start : 0;
      uint64_t h = stack::MixHash((addr - start) * 31 + mi + 7 +
                                  (l.is_folded ? 0x100000000ULL : 0));
      for (const Line& ln : l.lines) {
        h = stack::MixHash(h ^ (fmap[ln.function] * 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(ln.line));
      }
      bool added;
      uint32_t idx = location_table.FindOrInsert(
          h, static_cast<uint32_t>(p.locations.size()),
          [&](uint32_t j) {
            const Location& o = p.locations[j];
            if (o.mapping != mi || o.is_folded != l.is_folded ||
                o.address - start != addr - start ||
                o.lines.size() != l.lines.size()) {
              return false;
            }
            for (size_t k = 0; k < o.lines.size(); ++k) {
              if (o.lines[k].function != fmap[l.lines[k].function] ||
                  o.lines[k].line != l.lines[k].line) {
                return false;
              }
            }
            return true;
          },
          &added);
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
      lmap[i] = idx;
    }
    const int64_t sign = sources[si].sign;
    const bool base = sources[si].diff_base;
    for (const Sample& smp : s.samples) {
      bool zero = true;
      for (int64_t v : smp.values) zero = zero && v == 0;
      if (zero) continue;
      locs.clear();
      uint64_t h = base ? 0x51ed27 : 0x2545f491;
      for (uint32_t l : smp.locations) {
        locs.push_back(lmap[l]);
        h = stack::MixHash(h ^ (lmap[l] + 0x9e3779b97f4a7c15ULL));
      }
      // Labels in pprof's key order: string labels, then numeric, by key;
      // the values of one key keep their order.
      order.resize(smp.labels.size());
      for (size_t li = 0; li < order.size(); ++li) {
        order[li] = static_cast<uint32_t>(li);
      }
      if (order.size() > 1) {
        std::stable_sort(order.begin(), order.end(),
                         [&](uint32_t a, uint32_t b) {
                           const Label& la = smp.labels[a];
                           const Label& lb = smp.labels[b];
                           if (la.is_num != lb.is_num) {
                             return la.is_num < lb.is_num;
                           }
                           return la.key < lb.key;
                         });
      }
      for (uint32_t li : order) {
        const Label& l = smp.labels[li];
        h = stack::MixHash(h ^ stack::HashString(l.key, l.is_num));
        h = stack::MixHash(h ^ (l.is_num ? stack::HashString(l.num_unit, l.num)
                                         : stack::HashString(l.str)));
      }
      bool added;
      uint32_t idx = sample_table.FindOrInsert(
          h, static_cast<uint32_t>(p.samples.size()),
          [&](uint32_t j) {
            const Sample& o = p.samples[j];
            if (out->from_diff_base[j] != base || o.locations != locs ||
                o.labels.size() != order.size()) {
              return false;
            }
            for (size_t k = 0; k < order.size(); ++k) {
              const Label& x = o.labels[k];
              const Label& y = smp.labels[order[k]];
              if (x.is_num != y.is_num || x.key != y.key || x.num != y.num ||
                  x.str != y.str || x.num_unit != y.num_unit) {
                return false;
              }
            }
            return true;
          },
          &added);
      if (added) {
        Sample copy;
        copy.locations = locs;
        copy.values.assign(n + n * ns, 0);
        copy.labels.reserve(order.size());
        for (uint32_t li : order) copy.labels.push_back(smp.labels[li]);
        p.samples.push_back(std::move(copy));
        out->from_diff_base.push_back(base);
      }
      Sample& dst = p.samples[idx];
      for (size_t t = 0; t < n && t < smp.values.size(); ++t) {
        dst.values[t] = AddWrap(dst.values[t], MulWrap(sign, smp.values[t]));
        dst.values[n + si * n + t] =
            AddWrap(dst.values[n + si * n + t], smp.values[t]);
      }
    }
  }
  // Samples that cancelled out in every type stay (their raw columns are
  // still wanted); they weigh zero in every report, as pprof's removal does.
  return true;
}

}  // namespace pprof
