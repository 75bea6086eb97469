#include "common/pprof/diff_views.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "common/pprof/folded.h"
#include "common/pprof/measurement.h"
#include "common/stack/folded_text.h"

namespace pprof {
namespace {

int64_t Abs(int64_t v) { return AbsWrap(v); }

std::string Signed(const std::string& s) {
  if (s == "0" || s.empty() || s[0] == '-') return s;
  return "+" + s;
}

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
  for (const Sample& s : p.samples) {
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

void WriteAllTypes(Comparison* c, const DiffOptions& o, int max_rows,
                   std::string* out) {
  const size_t n = c->merged.num_types;
  std::vector<int> columns;
  for (size_t t = 0; t < n; ++t) {
    if (c->has_base) columns.push_back(c->merged.SourceColumn(1, t));
    columns.push_back(c->merged.SourceColumn(0, t));
  }
  ApplyFilters(c);
  TopOptions t;
  t.sample_index = c->sample_index;
  t.granularity = o.granularity;
  t.node_fraction = 0;  // every function: a row may change in one type only
  t.edge_fraction = 0;
  t.extra_columns = columns;
  TopReport r = BuildTop(&c->merged.profile, t, c->total);
  const Profile& p = c->merged.profile;
  const size_t per_type = c->has_base ? 2 : 1;
  auto before_of = [&](const TopRow& row, size_t type) -> int64_t {
    return c->has_base ? row.extra_flat[type * per_type] : 0;
  };
  auto after_of = [&](const TopRow& row, size_t type) -> int64_t {
    return row.extra_flat[type * per_type + per_type - 1];
  };
  std::vector<const TopRow*> rows;
  for (const TopRow& row : r.rows) {
    bool any = false;
    for (size_t ty = 0; ty < n; ++ty) {
      any = any || before_of(row, ty) != 0 || after_of(row, ty) != 0;
    }
    if (any) rows.push_back(&row);
  }
  const size_t sel = static_cast<size_t>(c->sample_index);
  std::stable_sort(
      rows.begin(), rows.end(), [&](const TopRow* x, const TopRow* y) {
        int64_t dx =
            Abs(AddWrap(after_of(*x, sel), MulWrap(before_of(*x, sel), -1)));
        int64_t dy =
            Abs(AddWrap(after_of(*y, sel), MulWrap(before_of(*y, sel), -1)));
        if (dx != dy) return dx > dy;
        return x->name < y->name;
      });
  if (max_rows > 0 && rows.size() > static_cast<size_t>(max_rows)) {
    rows.resize(max_rows);
  }
  // Average object size comes from a bytes type and its count twin.
  int objects = -1, space = -1;
  for (const char* prefix : {"inuse_", "alloc_", ""}) {
    for (size_t ty = 0; ty < n && objects < 0; ++ty) {
      if (p.sample_types[ty].type == std::string(prefix) + "objects") {
        for (size_t sp = 0; sp < n; ++sp) {
          if (p.sample_types[sp].type == std::string(prefix) + "space") {
            objects = static_cast<int>(ty);
            space = static_cast<int>(sp);
          }
        }
      }
    }
  }
  out->append("Type: all sample types, flat per function, ");
  out->append(c->has_base ? "after - before" : "values");
  out->append("; sorted by " + p.sample_types[sel].type + "\n");
  char buf[256];
  std::string header;
  for (size_t ty = 0; ty < n; ++ty) {
    std::snprintf(buf, sizeof(buf), "%14s ", p.sample_types[ty].type.c_str());
    header += buf;
  }
  if (space >= 0) header += "  avg size ";
  header += "status  name\n";
  out->append(header);
  for (const TopRow* row : rows) {
    for (size_t ty = 0; ty < n; ++ty) {
      int64_t d = AddWrap(after_of(*row, ty), MulWrap(before_of(*row, ty), -1));
      std::string v = ScaledLabel(d, p.sample_types[ty].unit, "auto");
      std::snprintf(buf, sizeof(buf), "%14s ",
                    (c->has_base ? Signed(v) : v).c_str());
      out->append(buf);
    }
    if (space >= 0) {
      int64_t count = after_of(*row, objects), bytes = after_of(*row, space);
      if (count == 0) {
        count = before_of(*row, objects);
        bytes = before_of(*row, space);
      }
      std::string avg =
          count > 0 ? ScaledLabel(bytes / count, "bytes", "auto") : "-";
      std::snprintf(buf, sizeof(buf), "%10s ", avg.c_str());
      out->append(buf);
    }
    // Status across all types: new/gone when every type was/is zero.
    bool all_before_zero = true, all_after_zero = true;
    for (size_t ty = 0; ty < n; ++ty) {
      all_before_zero = all_before_zero && before_of(*row, ty) == 0;
      all_after_zero = all_after_zero && after_of(*row, ty) == 0;
    }
    std::string_view status;
    if (!c->has_base) {
      status = "-";
    } else if (all_before_zero && !all_after_zero) {
      status = "new";
    } else if (all_after_zero && !all_before_zero) {
      status = "gone";
    } else {
      int64_t d =
          AddWrap(after_of(*row, sel), MulWrap(before_of(*row, sel), -1));
      status = d > 0 ? "grown" : d < 0 ? "shrunk" : "same";
    }
    std::snprintf(buf, sizeof(buf), "%-6s  ", std::string(status).c_str());
    out->append(buf);
    out->append(row->name);
    if (!row->inline_label.empty()) out->append(" " + row->inline_label);
    out->push_back('\n');
  }
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
                  Signed(bytes ? ScaledLabel(a - b, "bytes", "auto")
                               : std::to_string(a - b)) +
                  ")");
    }
    out->push_back(';');
  }
  out->back() = '\n';
}

}  // namespace pprof
