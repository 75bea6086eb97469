#include "common/pprof/comparison_report.h"

#include "common/pprof/all_types.h"
#include "common/pprof/diff_views.h"
#include "common/pprof/series.h"

namespace pprof {
namespace {

// Legacy text profiles carry runtime.MemStats: one more header line after
// "Type:".
std::vector<std::string> MemStatsDetails(const LoadedProfile* before,
                                         const LoadedProfile& after) {
  if (!after.legacy_text) return {};
  std::string line;
  WriteMemStatsSummary(before ? &before->memstats : nullptr, after.memstats,
                       &line);
  if (line.empty()) return {};
  line.pop_back();  // the newline
  return {line};
}

}  // namespace

bool WriteComparison(LoadedProfile* before, LoadedProfile* after,
                     const DiffOptions& options, ReportView view,
                     std::string* out, std::vector<std::string>* warnings,
                     std::string* error) {
  Comparison c;
  DiffOptions o = options;
  o.selected_type_only = view != ReportView::kAllTypes;
  if (!Compare(before ? &before->profile : nullptr, after->profile, o, &c,
               error)) {
    *error =
        (before ? before->name + " vs " : "") + after->name + ": " + *error;
    return false;
  }
  if (before) before->profile.samples = SampleTable();
  after->profile.samples = SampleTable();
  switch (view) {
    case ReportView::kFolded:
      ApplyFilters(&c);
      WriteFoldedDiff(c, out);
      break;
    case ReportView::kAllTypes:
      WriteAllTypes(&c, options, options.node_count, out);
      break;
    case ReportView::kJson: {
      TopReport r = TopOfComparison(&c, options, c.side_columns());
      WriteJson(c, r, before ? &before->memstats : nullptr, &after->memstats,
                out);
      break;
    }
    case ReportView::kTop:
      WriteTopText(
          TopOfComparison(&c, options, {}, MemStatsDetails(before, *after)),
          out);
      break;
  }
  warnings->insert(warnings->end(), c.warnings.begin(), c.warnings.end());
  return true;
}

bool WriteSnapshotSeries(std::vector<LoadedProfile>* snapshots,
                         const DiffOptions& options, const TrendOptions& trend,
                         bool json, int max_rows, std::string* out,
                         bool* leak_found, std::string* error) {
  std::vector<Profile*> profiles;
  std::vector<std::string> names;
  for (LoadedProfile& p : *snapshots) {
    profiles.push_back(&p.profile);
    names.push_back(p.name);
  }
  SeriesReport series;
  if (!BuildSeries(profiles, names, options, trend, &series, error))
    return false;
  *leak_found = series.leak_count > 0;
  if (json) {
    WriteSeriesJson(series, out);
  } else {
    WriteSeriesText(series, max_rows, out);
  }
  return true;
}

}  // namespace pprof
