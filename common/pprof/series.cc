#include "common/pprof/series.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "common/pprof/diff_views.h"
#include "common/pprof/folded.h"
#include "common/pprof/measurement.h"
#include "common/pprof/merge.h"
#include "common/pprof/prune.h"
#include "common/stack/folded_stacks.h"

namespace pprof {
namespace {

// Every profile of the same kind as the first.
bool CheckKinds(const std::vector<Profile*>& profiles,
                const std::vector<std::string>& names, std::string* error) {
  for (size_t i = 1; i < profiles.size(); ++i) {
    if (!Compatible(*profiles[0], *profiles[i], error)) {
      *error = names[i] + ": not the same kind of profile as " + names[0] +
               ": " + *error;
      return false;
    }
  }
  return true;
}

// Snapshot i as column i of one aggregate: the stacks stackfold gives for
// each profile (after the name filters and drop_frames).
bool FoldSnapshots(const std::vector<Profile*>& profiles, int index,
                   const NameFilters& filters, stack::FoldedStacks* out,
                   std::string* error) {
  const int indexes[] = {index};
  for (size_t i = 0; i < profiles.size(); ++i) {
    Profile& p = *profiles[i];
    if (!RemoveUninteresting(&p, error)) return false;
    ApplyNameFilters(filters, &p);
    AddFoldedSamples(p, FoldOptions(), indexes, static_cast<int>(i), out);
  }
  return true;
}

// One entry per stack, with its growth and largest step.
void AddEntries(const stack::FoldedStacks& folded, SeriesReport* out) {
  out->entries.reserve(folded.stacks.size());
  for (size_t i = 0; i < folded.stacks.size(); ++i) {
    SeriesEntry e;
    e.stack = folded.Join(i);
    for (uint32_t f : folded.stacks.Frames(i)) {
      e.frames.emplace_back(folded.symbols.Name(f));
    }
    std::span<const int64_t> v = folded.stacks.Values(i);
    e.values.assign(v.begin(), v.end());
    e.monotonic = true;
    for (size_t k = 1; k < v.size(); ++k) {
      int64_t step = AddWrap(v[k], MulWrap(v[k - 1], -1));
      if (step <= 0) e.monotonic = false;
      e.largest_step = std::max(e.largest_step, AbsWrap(step));
    }
    e.growth = AddWrap(v.back(), MulWrap(v.front(), -1));
    out->entries.push_back(std::move(e));
  }
}

}  // namespace

bool BuildSeries(const std::vector<Profile*>& profiles,
                 const std::vector<std::string>& names,
                 const DiffOptions& options, SeriesReport* out,
                 std::string* error) {
  if (!CheckKinds(profiles, names, error)) return false;
  const Profile& first = *profiles[0];
  int index = first.SampleIndex(options.sample_index, error);
  if (index < 0) return false;
  NameFilters filters;
  if (!filters.Compile(options.focus, options.ignore, options.hide,
                       options.show, error)) {
    return false;
  }
  const size_t ns = profiles.size();
  out->sample_type = first.sample_types[index].type;
  out->unit = first.sample_types[index].unit;
  out->snapshot_names = names;
  stack::FoldedStacks folded(static_cast<int>(ns));
  if (!FoldSnapshots(profiles, index, filters, &folded, error)) return false;
  out->totals.assign(ns, 0);
  for (size_t i = 0; i < ns; ++i) {
    for (const Sample& s : profiles[i]->samples) {
      out->totals[i] = AddWrap(out->totals[i], s.values[index]);
    }
  }
  AddEntries(folded, out);
  std::sort(out->entries.begin(), out->entries.end(),
            [](const SeriesEntry& a, const SeriesEntry& b) {
              if (a.monotonic != b.monotonic) return a.monotonic;
              int64_t ka = a.monotonic ? a.growth : a.largest_step;
              int64_t kb = b.monotonic ? b.growth : b.largest_step;
              if (ka != kb) return ka > kb;
              return a.frames < b.frames;
            });
  out->monotonic_count = 0;
  for (const SeriesEntry& e : out->entries) out->monotonic_count += e.monotonic;
  return true;
}

void WriteSeriesText(const SeriesReport& r, int max_rows, std::string* out) {
  auto fmt = [&](int64_t v) { return ScaledLabel(v, r.unit, "auto"); };
  const size_t ns = r.totals.size();
  out->append("Type: " + r.sample_type + "\n");
  out->append("Snapshots (oldest first):");
  for (const std::string& n : r.snapshot_names) out->append(" " + n);
  out->append("\nTotal:");
  for (int64_t t : r.totals) out->append(" " + fmt(t));
  out->push_back('\n');
  auto row = [&](const SeriesEntry& e) {
    char buf[64];
    std::snprintf(
        buf, sizeof(buf), "%12s %12s  ", SignedLabel(fmt(e.growth)).c_str(),
        SignedLabel(fmt(e.growth / static_cast<int64_t>(ns - 1))).c_str());
    out->append(buf);
    for (size_t i = 0; i < ns; ++i) {
      if (i) out->append(" -> ");
      out->append(fmt(e.values[i]));
    }
    out->append("  ");
    // Leaf first: the allocating function, then its callers.
    for (size_t i = e.frames.size(); i-- > 0;) {
      out->append(e.frames[i]);
      if (i) out->append(" < ");
    }
    out->push_back('\n');
  };
  out->append("\nGrew at every step (leak suspects): " +
              std::to_string(r.monotonic_count) + " of " +
              std::to_string(r.entries.size()) + " paths\n");
  if (r.monotonic_count > 0) {
    out->append("      growth     per step  series  path (leaf < callers)\n");
  }
  for (size_t i = 0; i < r.monotonic_count; ++i) row(r.entries[i]);
  size_t others = r.entries.size() - r.monotonic_count;
  size_t shown = max_rows > 0 ? std::min<size_t>(others, max_rows) : others;
  if (shown > 0) {
    out->append(
        "\nOther changes, largest step first (" + std::to_string(shown) +
        " of " + std::to_string(others) +
        "):\n      growth     per step  series  path (leaf < callers)\n");
    for (size_t i = 0; i < shown; ++i) row(r.entries[r.monotonic_count + i]);
  }
}

void WriteSeriesJson(const SeriesReport& r, std::string* out) {
  out->append("{\"sample_type\":");
  io::AppendJsonString(r.sample_type, out);
  out->append(",\"unit\":");
  io::AppendJsonString(r.unit, out);
  out->append(",\"snapshots\":[");
  for (size_t i = 0; i < r.snapshot_names.size(); ++i) {
    if (i) out->push_back(',');
    io::AppendJsonString(r.snapshot_names[i], out);
  }
  out->append("],\"totals\":[");
  for (size_t i = 0; i < r.totals.size(); ++i) {
    if (i) out->push_back(',');
    out->append(std::to_string(r.totals[i]));
  }
  out->append("],\"total_before\":" + std::to_string(r.totals.front()) +
              ",\"total_after\":" + std::to_string(r.totals.back()) +
              ",\"monotonic\":" + (r.monotonic_count > 0 ? "true" : "false"));
  out->append(",\"entries\":[");
  for (size_t i = 0; i < r.entries.size(); ++i) {
    const SeriesEntry& e = r.entries[i];
    if (i) out->push_back(',');
    out->append("\n{\"name\":");
    io::AppendJsonString(e.frames.empty() ? "" : e.frames.back(), out);
    out->append(",\"stack\":");
    io::AppendJsonString(e.stack, out);
    out->append(",\"flat\":" + std::to_string(e.growth) +
                ",\"cum\":" + std::to_string(e.growth) +
                ",\"before\":" + std::to_string(e.values.front()) +
                ",\"after\":" + std::to_string(e.values.back()) +
                ",\"status\":");
    io::AppendJsonString(ChangeStatus(e.values.front(), e.values.back()), out);
    out->push_back('}');
  }
  out->append("],\"series\":[");
  for (size_t i = 0; i < r.entries.size(); ++i) {
    const SeriesEntry& e = r.entries[i];
    if (i) out->push_back(',');
    out->append("\n{\"name\":");
    io::AppendJsonString(e.frames.empty() ? "" : e.frames.back(), out);
    out->append(",\"stack\":");
    io::AppendJsonString(e.stack, out);
    out->append(",\"values\":[");
    for (size_t k = 0; k < e.values.size(); ++k) {
      if (k) out->push_back(',');
      out->append(std::to_string(e.values[k]));
    }
    out->append("],\"growth\":" + std::to_string(e.growth) +
                ",\"monotonic\":" + (e.monotonic ? "true" : "false") + "}");
  }
  out->append("]}\n");
}

}  // namespace pprof
