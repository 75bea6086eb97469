#include "common/pprof/diff.h"

#include "common/pprof/prune.h"

namespace pprof {

int Comparison::before_column() const {
  // Sources are merged as [after, before], as pprof does.
  return has_base ? static_cast<int>(merged.SourceColumn(1, sample_index)) : -1;
}

int Comparison::after_column() const {
  return static_cast<int>(merged.SourceColumn(0, sample_index));
}

std::vector<int> Comparison::side_columns() const {
  if (has_base) return {before_column(), after_column()};
  return {after_column()};
}

bool Compare(const Profile* before, const Profile& after, const DiffOptions& o,
             Comparison* out, std::string* error) {
  std::vector<MergeSource> sources;
  sources.push_back(MergeSource{&after, 1, false});
  out->has_base = before != nullptr;
  if (before != nullptr) {
    if (!Compatible(after, *before, error)) {
      *error = "profiles are of different kinds: " + *error;
      return false;
    }
    if (before->period != after.period) {
      out->warnings.push_back("sampling periods differ (" +
                              std::to_string(before->period) + " and " +
                              std::to_string(after.period) +
                              "); values are compared as recorded");
    }
    sources.push_back(MergeSource{before, -1, o.diff_base});
  }
  // The type is chosen on the merge's header, before the merge, so that
  // the merge can keep that type only.
  Profile header;
  MergeHeaders(sources, &header);
  std::string index_error;
  const int index = header.SampleIndex(o.sample_index, &index_error);
  std::vector<int> types;
  if (o.selected_type_only && index >= 0) types.push_back(index);
  if (!Merge(sources, &out->merged, error, types)) return false;
  // As pprof after merging: frames the profile itself calls uninteresting.
  if (!RemoveUninteresting(&out->merged.profile, error)) return false;
  if (index < 0) {
    *error = index_error;
    return false;
  }
  out->sample_index = types.empty() ? index : 0;
  if (!out->filters.Compile(o.focus, o.ignore, o.hide, o.show, error)) {
    return false;
  }
  out->total = ComputeTotal(out->merged.profile, out->sample_index,
                            &out->merged.from_diff_base);
  return true;
}

void ApplyFilters(Comparison* c) {
  FilterMatches m = ApplyNameFilters(c->filters, &c->merged.profile);
  // pprof's warnings for filters that matched nothing.
  auto warn = [&](const std::unique_ptr<RE2>& rx, bool matched,
                  const char* name) {
    if (rx && !matched) {
      c->warnings.push_back(std::string(name) +
                            " expression matched no samples: " + rx->pattern());
    }
  };
  warn(c->filters.focus, m.focus, "focus");
  warn(c->filters.ignore, m.ignore, "ignore");
  warn(c->filters.hide, m.hide, "hide");
  warn(c->filters.show, m.show, "show");
}

TopReport TopOfComparison(Comparison* c, const DiffOptions& o,
                          std::vector<int> extra_columns,
                          std::vector<std::string> type_details) {
  ApplyFilters(c);
  TopOptions t;
  t.sample_index = c->sample_index;
  t.cum_sort = o.cum_sort;
  t.node_count = o.node_count;
  t.granularity = o.granularity;
  t.unit = o.unit;
  t.extra_columns = std::move(extra_columns);
  t.active_filters = c->filters.Describe();
  t.type_details = std::move(type_details);
  return BuildTop(&c->merged.profile, t, c->total);
}

}  // namespace pprof
