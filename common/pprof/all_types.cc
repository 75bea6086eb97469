#include "common/pprof/all_types.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "common/pprof/measurement.h"

namespace pprof {
namespace {

// The flat before/after values of every type per row: the extra columns
// of the -top report, [before, after] per type (or [after]).
struct TypeColumns {
  size_t types = 0;
  bool has_base = false;

  int64_t Before(const TopRow& row, size_t type) const {
    return has_base ? row.extra_flat[type * 2] : 0;
  }
  int64_t After(const TopRow& row, size_t type) const {
    return row.extra_flat[has_base ? type * 2 + 1 : type];
  }
  int64_t Change(const TopRow& row, size_t type) const {
    return AddWrap(After(row, type), MulWrap(Before(row, type), -1));
  }
  bool AnyNonZero(const TopRow& row) const {
    for (size_t t = 0; t < types; ++t) {
      if (Before(row, t) != 0 || After(row, t) != 0) return true;
    }
    return false;
  }
};

// Rows with any value, largest change of the selected type first.
std::vector<const TopRow*> ChangedRows(const TopReport& r,
                                       const TypeColumns& tc, size_t sel,
                                       int max_rows) {
  std::vector<const TopRow*> rows;
  for (const TopRow& row : r.rows) {
    if (tc.AnyNonZero(row)) rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const TopRow* x, const TopRow* y) {
                     int64_t dx = AbsWrap(tc.Change(*x, sel));
                     int64_t dy = AbsWrap(tc.Change(*y, sel));
                     if (dx != dy) return dx > dy;
                     return x->name < y->name;
                   });
  if (max_rows > 0 && rows.size() > static_cast<size_t>(max_rows)) {
    rows.resize(max_rows);
  }
  return rows;
}

// The count and bytes twins ("inuse_objects" and "inuse_space") an average
// object size comes from; -1 when the profile has none.
void FindObjectTypes(const Profile& p, int* objects, int* space) {
  *objects = *space = -1;
  const size_t n = p.sample_types.size();
  for (const char* prefix : {"inuse_", "alloc_", ""}) {
    for (size_t ty = 0; ty < n && *objects < 0; ++ty) {
      if (p.sample_types[ty].type != std::string(prefix) + "objects") continue;
      for (size_t sp = 0; sp < n; ++sp) {
        if (p.sample_types[sp].type == std::string(prefix) + "space") {
          *objects = static_cast<int>(ty);
          *space = static_cast<int>(sp);
        }
      }
    }
  }
}

// New/gone when every type was/is zero, else by the selected type.
std::string_view RowStatus(const TopRow& row, const TypeColumns& tc,
                           size_t sel) {
  if (!tc.has_base) return "-";
  bool all_before_zero = true, all_after_zero = true;
  for (size_t ty = 0; ty < tc.types; ++ty) {
    all_before_zero = all_before_zero && tc.Before(row, ty) == 0;
    all_after_zero = all_after_zero && tc.After(row, ty) == 0;
  }
  if (all_before_zero && !all_after_zero) return "new";
  if (all_after_zero && !all_before_zero) return "gone";
  int64_t d = tc.Change(row, sel);
  return d > 0 ? "grown" : d < 0 ? "shrunk" : "same";
}

// The average object size of the row's "after" side (its "before" side
// when nothing is left).
std::string AverageSize(const TopRow& row, const TypeColumns& tc, int objects,
                        int space) {
  int64_t count = tc.After(row, objects), bytes = tc.After(row, space);
  if (count == 0) {
    count = tc.Before(row, objects);
    bytes = tc.Before(row, space);
  }
  return count > 0 ? ScaledLabel(bytes / count, "bytes", "auto") : "-";
}

void WriteHeader(const Profile& p, const TypeColumns& tc, size_t sel,
                 bool with_size, std::string* out) {
  out->append("Type: all sample types, flat per function, ");
  out->append(tc.has_base ? "after - before" : "values");
  out->append("; sorted by " + p.sample_types[sel].type + "\n");
  char buf[256];
  for (size_t ty = 0; ty < tc.types; ++ty) {
    std::snprintf(buf, sizeof(buf), "%14s ", p.sample_types[ty].type.c_str());
    out->append(buf);
  }
  if (with_size) out->append("  avg size ");
  out->append("status  name\n");
}

}  // namespace

void WriteAllTypes(Comparison* c, const DiffOptions& o, int max_rows,
                   std::string* out) {
  TypeColumns tc{c->merged.num_types, c->has_base};
  TopOptions t;
  for (size_t ty = 0; ty < tc.types; ++ty) {
    if (c->has_base) t.extra_columns.push_back(c->merged.SourceColumn(1, ty));
    t.extra_columns.push_back(c->merged.SourceColumn(0, ty));
  }
  ApplyFilters(c);
  t.sample_index = c->sample_index;
  t.granularity = o.granularity;
  t.node_fraction = 0;  // every function: a row may change in one type only
  t.edge_fraction = 0;
  TopReport r = BuildTop(&c->merged.profile, t, c->total);
  const Profile& p = c->merged.profile;
  const size_t sel = static_cast<size_t>(c->sample_index);
  int objects, space;
  FindObjectTypes(p, &objects, &space);
  WriteHeader(p, tc, sel, space >= 0, out);
  char buf[256];
  for (const TopRow* row : ChangedRows(r, tc, sel, max_rows)) {
    for (size_t ty = 0; ty < tc.types; ++ty) {
      std::string v =
          ScaledLabel(tc.Change(*row, ty), p.sample_types[ty].unit, "auto");
      std::snprintf(buf, sizeof(buf), "%14s ",
                    (tc.has_base ? SignedLabel(v) : v).c_str());
      out->append(buf);
    }
    if (space >= 0) {
      std::snprintf(buf, sizeof(buf), "%10s ",
                    AverageSize(*row, tc, objects, space).c_str());
      out->append(buf);
    }
    std::snprintf(buf, sizeof(buf), "%-6s  ",
                  std::string(RowStatus(*row, tc, sel)).c_str());
    out->append(buf);
    out->append(row->name);
    if (!row->inline_label.empty()) out->append(" " + row->inline_label);
    out->push_back('\n');
  }
}

}  // namespace pprof
