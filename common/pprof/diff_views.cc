#include "common/pprof/diff_views.h"

#include <algorithm>
#include <cstdio>

#include "common/pprof/folded.h"
#include "common/pprof/measurement.h"
#include "common/stack/folded_text.h"

namespace pprof {
namespace {

void AppendInt(int64_t v, std::string* out) { out->append(std::to_string(v)); }

}  // namespace

std::string_view ChangeStatus(int64_t before, int64_t after) {
  if (before == 0 && after != 0) return "new";
  if (before != 0 && after == 0) return "gone";
  if (after > before) return "grown";
  if (after < before) return "shrunk";
  return "same";
}

void WriteFoldedDiff(const Comparison& c, std::string* out) {
  std::vector<int> columns = c.side_columns();
  stack::FoldedStacks folded(static_cast<int>(columns.size()));
  AddFoldedSamples(c.merged.profile, FoldOptions(), columns, 0, &folded);
  out->append(stack::FoldedToString(folded));
}

void WriteJson(const Comparison& c, const TopReport& r,
               const MemStats* before_stats, const MemStats* after_stats,
               std::string* out) {
  const Profile& p = c.merged.profile;
  int64_t total_before = 0, total_after = 0;
  for (const Sample s : p.samples) {
    if (c.has_base)
      total_before = AddWrap(total_before, s.values[c.before_column()]);
    total_after = AddWrap(total_after, s.values[c.after_column()]);
  }
  out->append("{\"sample_type\":");
  io::AppendJsonString(r.sample_type, out);
  out->append(",\"unit\":");
  io::AppendJsonString(r.sample_unit, out);
  out->append(",\"total\":");
  AppendInt(r.total, out);
  out->append(",\"total_before\":");
  AppendInt(total_before, out);
  out->append(",\"total_after\":");
  AppendInt(total_after, out);
  out->append(",\"entries\":[");
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const TopRow& row = r.rows[i];
    int64_t before = c.has_base ? row.extra_cum[0] : 0;
    int64_t after = row.extra_cum[c.has_base ? 1 : 0];
    int64_t flat_before = c.has_base ? row.extra_flat[0] : 0;
    int64_t flat_after = row.extra_flat[c.has_base ? 1 : 0];
    if (i) out->push_back(',');
    out->append("\n{\"name\":");
    io::AppendJsonString(row.name, out);
    out->append(",\"inline\":");
    io::AppendJsonString(row.inline_label, out);
    out->append(",\"flat\":");
    AppendInt(row.flat, out);
    out->append(",\"cum\":");
    AppendInt(row.cum, out);
    out->append(",\"before\":");
    AppendInt(before, out);
    out->append(",\"after\":");
    AppendInt(after, out);
    out->append(",\"flat_before\":");
    AppendInt(flat_before, out);
    out->append(",\"flat_after\":");
    AppendInt(flat_after, out);
    out->append(",\"status\":");
    io::AppendJsonString(ChangeStatus(before, after), out);
    out->push_back('}');
  }
  out->append("]");
  auto stats = [&](const char* name, const MemStats* m) {
    if (m == nullptr || m->empty()) return;
    out->append(",\"");
    out->append(name);
    out->append("\":{");
    bool first = true;
    for (const char* k : {"HeapInuse", "HeapAlloc", "HeapObjects", "NumGC",
                          "TotalAlloc", "Sys"}) {
      int64_t v = m->Get(k);
      if (v < 0) continue;
      if (!first) out->push_back(',');
      first = false;
      io::AppendJsonString(k, out);
      out->push_back(':');
      AppendInt(v, out);
    }
    out->push_back('}');
  };
  stats("memstats_before", before_stats);
  stats("memstats_after", after_stats);
  out->append("}\n");
}

void WriteMemStatsSummary(const MemStats* before, const MemStats& after,
                          std::string* out) {
  if (after.empty() && (before == nullptr || before->empty())) return;
  out->append("MemStats:");
  for (const char* k : {"HeapInuse", "HeapObjects", "NumGC"}) {
    int64_t a = after.Get(k);
    int64_t b = before != nullptr ? before->Get(k) : -1;
    bool bytes = std::string_view(k) == "HeapInuse";
    auto fmt = [&](int64_t v) {
      if (v < 0) return std::string("?");
      return bytes ? ScaledLabel(v, "bytes", "auto") : std::to_string(v);
    };
    out->append(" ");
    out->append(k);
    out->append(" ");
    if (before != nullptr) out->append(fmt(b) + " -> ");
    out->append(fmt(a));
    if (before != nullptr && a >= 0 && b >= 0) {
      out->append(" (" +
                  SignedLabel(bytes ? ScaledLabel(a - b, "bytes", "auto")
                                    : std::to_string(a - b)) +
                  ")");
    }
    out->push_back(';');
  }
  out->back() = '\n';
}

}  // namespace pprof
