// The text and JSON views of a snapshot series (series.h).
#include <cmath>
#include <cstdio>

#include "common/io/json_string.h"
#include "common/pprof/diff_views.h"
#include "common/pprof/measurement.h"
#include "common/pprof/series.h"

namespace pprof {
namespace {

std::string Seconds(double s) {
  char buf[32];
  if (s == 0) {
    return "0s";
  } else if (s < 1) {
    std::snprintf(buf, sizeof(buf), "%.0fms", s * 1000);
  } else if (s < 10) {
    std::snprintf(buf, sizeof(buf), "%.1fs", s);
  } else if (s < 120) {
    std::snprintf(buf, sizeof(buf), "%.0fs", s);
  } else if (s < 7200) {
    std::snprintf(buf, sizeof(buf), "%.1fmin", s / 60);
  } else {
    std::snprintf(buf, sizeof(buf), "%.1fh", s / 3600);
  }
  return buf;
}

int64_t Rounded(double v) {
  if (!(std::fabs(v) < 9e18)) return v < 0 ? INT64_MIN : INT64_MAX;
  return static_cast<int64_t>(std::llround(v));
}

class SeriesText {
 public:
  SeriesText(const SeriesReport& r, std::string* out) : r_(r), out_(*out) {}

  void Header() {
    out_.append("Type: " + r_.sample_type + "\n");
    out_.append("Snapshots (oldest first):");
    for (const std::string& n : r_.snapshot_names) out_.append(" " + n);
    out_.append("\nTotal:");
    for (int64_t t : r_.totals) out_.append(" " + Fmt(t));
    if (!r_.seconds.empty()) {
      out_.append("\nTaken at:");
      for (double s : r_.seconds) out_.append(" " + Seconds(s));
      out_.append(" (from the profiles' times)");
    }
    out_.push_back('\n');
  }

  // The rule with this report's numbers, so a reader can check a verdict.
  void Rule() {
    if (r_.cumulative) {
      out_.append("Leak rule: not applied: " + r_.sample_type +
                  " counts every allocation since the program started, so "
                  "it only grows;\n  compare in-use memory (-s inuse_space) "
                  "to find leaks\n");
      return;
    }
    const TrendOptions& o = r_.trend_options;
    char buf[256];
    std::snprintf(buf, sizeof(buf),
                  "Leak rule: net growth at least %g g and %g%% of the first "
                  "value; rose at every step, or at 2 or more and at least "
                  "half of them;\n  never fell more than %g g below an "
                  "earlier peak; ",
                  o.min_growth_granules, o.min_growth_share * 100,
                  o.fall_tolerance);
    out_.append(buf);
    const std::string period =
        ScaledLabel(r_.period, r_.heap_sampled ? "bytes" : r_.unit, "auto");
    if (r_.heap_sampled) {
      out_.append("g = one sample (heap sampling period " + period +
                  "; scaled by each path's object size)\n");
    } else if (r_.period > 1) {
      out_.append("g = one sample (" + period + ")\n");
    } else {
      out_.append("g = 1 (exact counts)\n");
    }
  }

  void Table(size_t begin, size_t end) {
    out_.append("      growth  ");
    out_.append(r_.seconds.empty() ? "   per step" : "   per hour");
    out_.append("  verdict               series  path (leaf < callers)\n");
    for (size_t i = begin; i < end; ++i) Row(r_.entries[i]);
  }

 private:
  std::string Fmt(int64_t v) const { return ScaledLabel(v, r_.unit, "auto"); }

  void Row(const SeriesEntry& e) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "%12s %12s  %-20s  ",
                  SignedLabel(Fmt(e.growth)).c_str(),
                  SignedLabel(Fmt(Rounded(e.rate))).c_str(),
                  VerdictLabel(e.trend).c_str());
    out_.append(buf);
    for (size_t i = 0; i < e.values.size(); ++i) {
      if (i) out_.append(" -> ");
      out_.append(Fmt(e.values[i]));
    }
    out_.append("  ");
    // Leaf first: the allocating function, then its callers.
    for (size_t i = e.frames.size(); i-- > 0;) {
      out_.append(e.frames[i]);
      if (i) out_.append(" < ");
    }
    out_.push_back('\n');
  }

  const SeriesReport& r_;
  std::string& out_;
};

void AppendInts(const std::vector<int64_t>& v, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->push_back(',');
    out->append(std::to_string(v[i]));
  }
  out->push_back(']');
}

void AppendNameAndStack(const SeriesEntry& e, std::string* out) {
  out->append("\n{\"name\":");
  io::AppendJsonString(e.frames.empty() ? "" : e.frames.back(), out);
  out->append(",\"stack\":");
  io::AppendJsonString(e.stack, out);
}

void AppendJsonHeader(const SeriesReport& r, std::string* out) {
  out->append("{\"sample_type\":");
  io::AppendJsonString(r.sample_type, out);
  out->append(",\"unit\":");
  io::AppendJsonString(r.unit, out);
  out->append(",\"snapshots\":[");
  for (size_t i = 0; i < r.snapshot_names.size(); ++i) {
    if (i) out->push_back(',');
    io::AppendJsonString(r.snapshot_names[i], out);
  }
  out->append("],\"totals\":");
  AppendInts(r.totals, out);
  out->append(",\"total_before\":" + std::to_string(r.totals.front()) +
              ",\"total_after\":" + std::to_string(r.totals.back()) +
              ",\"monotonic\":" + (r.monotonic_count > 0 ? "true" : "false") +
              ",\"leak\":" + (r.leak_count > 0 ? "true" : "false") +
              ",\"period\":" + std::to_string(r.period) + ",\"span_seconds\":");
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", r.span_seconds);
  out->append(r.seconds.empty() ? "null" : buf);
  out->append(",\"rate_unit\":");
  out->append(r.seconds.empty() ? "\"per_step\"" : "\"per_hour\"");
}

}  // namespace

void WriteSeriesText(const SeriesReport& r, int max_rows, std::string* out) {
  SeriesText text(r, out);
  text.Header();
  if (r.cumulative) {
    out->append("\nLeak suspects: not judged (" + r.sample_type + ")\n");
  } else {
    out->append("\nLeak suspects: " + std::to_string(r.leak_count) + " of " +
                std::to_string(r.entries.size()) + " paths\n");
  }
  text.Rule();
  if (r.leak_count > 0) text.Table(0, r.leak_count);
  const size_t others = r.entries.size() - r.leak_count;
  const size_t shown =
      max_rows > 0 ? std::min<size_t>(others, max_rows) : others;
  if (shown > 0) {
    out->append(std::string(r.cumulative ? "\nChanges" : "\nNot leaks") +
                ", largest step first (" + std::to_string(shown) + " of " +
                std::to_string(others) + "):\n");
    text.Table(r.leak_count, r.leak_count + shown);
  }
}

void WriteSeriesJson(const SeriesReport& r, std::string* out) {
  AppendJsonHeader(r, out);
  out->append(",\"entries\":[");
  for (size_t i = 0; i < r.entries.size(); ++i) {
    const SeriesEntry& e = r.entries[i];
    if (i) out->push_back(',');
    AppendNameAndStack(e, out);
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
    AppendNameAndStack(e, out);
    out->append(",\"values\":");
    AppendInts(e.values, out);
    out->append(",\"growth\":" + std::to_string(e.growth) +
                ",\"monotonic\":" + (e.monotonic ? "true" : "false") +
                ",\"granularity\":" + std::to_string(e.granularity) +
                ",\"leak\":" + (e.trend.leak() ? "true" : "false") +
                ",\"verdict\":\"" + VerdictName(e.trend.kind) +
                "\",\"rising_steps\":" + std::to_string(e.trend.rising_steps) +
                ",\"fall\":" + std::to_string(e.trend.fall) +
                ",\"rate\":" + std::to_string(Rounded(e.rate)) + "}");
  }
  out->append("]}\n");
}

}  // namespace pprof
