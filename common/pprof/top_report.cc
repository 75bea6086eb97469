#include "common/pprof/top_report.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "common/pprof/measurement.h"

namespace pprof {
namespace {

std::string TrimSpace(std::string s) {
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b);
}

}  // namespace

std::string TopReport::Format(int64_t v) const {
  return ScaledLabel(v, sample_unit, output_unit);
}

int64_t ComputeTotal(const Profile& p, int index,
                     const std::vector<bool>* diff_base) {
  int64_t total = 0, base_total = 0;
  for (size_t i = 0; i < p.samples.size(); ++i) {
    int64_t v = AbsWrap(p.samples[i].values[index]);
    total = AddWrap(total, v);
    if (diff_base != nullptr && (*diff_base)[i]) {
      base_total = AddWrap(base_total, v);
    }
  }
  return base_total > 0 ? base_total : total;
}

std::string FormatProfileTime(int64_t time_nanos) {
  time_t secs = static_cast<time_t>(time_nanos / 1000000000);
  if (time_nanos < 0 && time_nanos % 1000000000 != 0) --secs;
  struct tm tm;
  localtime_r(&secs, &tm);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char zone[64];
  std::strftime(zone, sizeof(zone), "%Z", &tm);
  char buf[160];
  std::snprintf(buf, sizeof(buf), "%s %d, %d at %d:%02d%s (%s)",
                kMonths[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, hour12,
                tm.tm_min, tm.tm_hour < 12 ? "am" : "pm", zone);
  return buf;
}

namespace {

// The nodes a -top table shows, as pprof trims its graph: nodes below the
// node cutoff are dropped, then the top node_count are kept. Each
// refinement rebuilds the sums from the samples, as pprof does; the last
// build also collects the call edges for the "(inline)" labels.
struct Selection {
  size_t dropped = 0;     // nodes below the cutoff
  size_t candidates = 0;  // nodes before the node_count cut
};

Selection SelectNodes(const TopOptions& o, int64_t total_value, CallGraph* g) {
  Selection sel;
  const int64_t node_cutoff = AbsWrap(
      static_cast<int64_t>(static_cast<double>(total_value) * o.node_fraction));
  std::vector<uint32_t> kept;
  if (node_cutoff > 0) {
    for (uint32_t n : g->graph()) {
      if (AbsWrap(g->cum(n)) >= node_cutoff) kept.push_back(n);
    }
    if (kept.size() != g->graph().size()) {
      sel.dropped = g->graph().size() - kept.size();
      g->SetKept(kept);
    }
  }
  const bool top_n = o.node_count > 0 &&
                     static_cast<size_t>(o.node_count) <
                         (sel.dropped > 0 ? kept.size() : g->graph().size());
  if (sel.dropped > 0 || !top_n) g->Build(/*edges=*/!top_n);
  sel.candidates = g->graph().size();
  g->Sort(o.cum_sort);
  if (o.node_count > 0 &&
      static_cast<size_t>(o.node_count) < g->graph().size()) {
    std::vector<uint32_t> top(g->graph().begin(),
                              g->graph().begin() + o.node_count);
    g->SetKept(top);
    g->Build(/*edges=*/true);
    g->Sort(o.cum_sort);
  }
  return sel;
}

// pprof's "minimum" unit: the unit of the smallest non-zero value, unless
// that is 100x below the total's unit.
std::string OutputUnit(const CallGraph& g, const TopOptions& o, int64_t total,
                       const std::string& sample_unit) {
  if (o.unit != "minimum" || g.graph().empty()) return o.unit;
  int64_t min_value = 0;
  for (uint32_t n : g.graph()) {
    int64_t v = AbsWrap(g.flat(n));
    if (v == 0) v = AbsWrap(g.cum(n));
    if (v > 0 && (min_value == 0 || v < min_value)) min_value = v;
  }
  int64_t max_value = total;
  if (min_value == 0) min_value = max_value;
  std::string min_unit, max_unit, unit;
  ScaleValue(min_value, sample_unit, "minimum", &min_unit);
  ScaleValue(max_value, sample_unit, "minimum", &max_unit);
  unit = min_unit;
  if (min_unit != max_unit && min_value < INT64_MAX / 100 &&
      min_value * 100 < max_value) {
    ScaleValue(100 * min_value, sample_unit, "minimum", &unit);
  }
  return unit.empty() ? sample_unit : unit;
}

void AddRows(const CallGraph& g, const TopOptions& o, int64_t edge_cutoff,
             TopReport* r) {
  std::vector<std::string> inline_labels = g.InlineLabels(edge_cutoff);
  for (uint32_t n : g.graph()) {
    TopRow row;
    row.name = g.name(n);
    row.inline_label = inline_labels[n];
    row.flat = g.flat(n);
    row.cum = g.cum(n);
    for (size_t c = 0; c < o.extra_columns.size(); ++c) {
      row.extra_flat.push_back(g.xflat(n, c));
      row.extra_cum.push_back(g.xcum(n, c));
    }
    r->rows.push_back(std::move(row));
  }
}

// Header lines about the profile, as pprof's ProfileLabels.
void AddProfileLabels(const Profile& p, const TopOptions& o, TopReport* r) {
  if (!p.mappings.empty()) {
    if (!p.mappings[0].file.empty()) {
      r->labels.push_back("File: " + p.MainBinary());
    }
    if (!p.mappings[0].build_id.empty()) {
      r->labels.push_back("Build ID: " + p.mappings[0].build_id);
    }
  }
  for (const std::string& c : p.comments) {
    if (c.empty() || c[0] != '#') r->labels.push_back(c);
  }
  r->labels.push_back("Type: " + r->sample_type);
  r->labels.insert(r->labels.end(), o.type_details.begin(),
                   o.type_details.end());
  if (p.time_nanos != 0) {
    r->labels.push_back("Time: " + FormatProfileTime(p.time_nanos));
  }
  if (p.duration_nanos != 0) {
    std::string duration = ScaledLabel(p.duration_nanos, "nanoseconds", "auto");
    std::string total_unit;
    double total_nanos =
        ScaleValue(r->total, r->sample_unit, "nanoseconds", &total_unit);
    std::string ratio;
    if (total_unit == "ns" && total_nanos != 0) {
      ratio = "(" +
              Percentage(static_cast<int64_t>(total_nanos), p.duration_nanos) +
              ")";
    }
    r->labels.push_back("Duration: " + duration + ", Total samples = " +
                        r->Format(r->total) + " " + ratio);
  }
}

// Header lines about the table, as pprof's reportLabels.
void AddTableLabels(const TopOptions& o, const Selection& sel, TopReport* r) {
  if (!o.active_filters.empty()) {
    r->labels.push_back("Active filters:");
    for (const std::string& f : o.active_filters) {
      r->labels.push_back(
          "   " + (f.size() > 80 ? f.substr(0, 80) + "\xe2\x80\xa6" : f));
    }
  }
  const int64_t total = r->total;
  int64_t flat_sum = 0;
  for (const TopRow& row : r->rows) flat_sum = AddWrap(flat_sum, row.flat);
  r->labels.push_back("Showing nodes accounting for " + r->Format(flat_sum) +
                      ", " + TrimSpace(Percentage(flat_sum, total)) + " of " +
                      r->Format(total) + " total");
  if (total == 0) return;
  if (sel.dropped > 0) {
    r->labels.push_back("Dropped " + std::to_string(sel.dropped) +
                        (sel.dropped > 1 ? " nodes" : " node") + " (cum <= " +
                        r->Format(AbsWrap(static_cast<int64_t>(
                            static_cast<double>(total) * o.node_fraction))) +
                        ")");
  }
  if (!r->rows.empty() && r->rows.size() < sel.candidates) {
    r->labels.push_back("Showing top " + std::to_string(r->rows.size()) +
                        " nodes out of " + std::to_string(sel.candidates));
  }
}

}  // namespace

TopReport BuildTop(Profile* p, const TopOptions& o, int64_t total) {
  TopReport r;
  r.total = total;
  r.sample_type = p->sample_types[o.sample_index].type;
  r.sample_unit = p->sample_types[o.sample_index].unit;
  for (char& c : r.sample_unit) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Aggregate(p, o.granularity);
  CallGraph g(*p, o.sample_index, o.extra_columns);
  g.Build(false);
  int64_t total_value = 0;
  for (uint32_t n : g.graph()) total_value = AddWrap(total_value, g.flat(n));
  const Selection sel = SelectNodes(o, total_value, &g);
  r.output_unit = OutputUnit(g, o, total, r.sample_unit);
  AddRows(g, o,
          AbsWrap(static_cast<int64_t>(static_cast<double>(total_value) *
                                       o.edge_fraction)),
          &r);
  AddProfileLabels(*p, o, &r);
  AddTableLabels(o, sel, &r);
  return r;
}

void WriteTopText(const TopReport& r, std::string* out) {
  for (const std::string& l : r.labels) {
    out->append(l).push_back('\n');
  }
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%10s %5s%% %5s%% %10s %5s%%\n", "flat",
                "flat", "sum", "cum", "cum");
  out->append(buf);
  int64_t flat_sum = 0;
  for (const TopRow& row : r.rows) {
    flat_sum = AddWrap(flat_sum, row.flat);
    std::snprintf(
        buf, sizeof(buf), "%10s %s %s %10s %s  ", r.Format(row.flat).c_str(),
        Percentage(row.flat, r.total).c_str(),
        Percentage(flat_sum, r.total).c_str(), r.Format(row.cum).c_str(),
        Percentage(row.cum, r.total).c_str());
    out->append(buf);
    out->append(row.name);
    if (!row.inline_label.empty()) out->append(" ").append(row.inline_label);
    out->push_back('\n');
  }
}

}  // namespace pprof
