#include "common/pprof/measurement.h"

#include <cmath>
#include <cstdio>

namespace pprof {
namespace {

struct Unit {
  const char* name;
  const char* aliases[4];
  double factor;
};

struct UnitType {
  Unit units[9];
  int count;
  Unit default_unit;
};

const UnitType kUnitTypes[] = {
    {{{"B", {"b", "byte"}, 1},
      {"kB", {"kb", "kbyte", "kilobyte"}, 1024.0},
      {"MB", {"mb", "mbyte", "megabyte"}, 1048576.0},
      {"GB", {"gb", "gbyte", "gigabyte"}, 1073741824.0},
      {"TB", {"tb", "tbyte", "terabyte"}, 1099511627776.0},
      {"PB", {"pb", "pbyte", "petabyte"}, 1125899906842624.0}},
     6,
     {"B", {"b", "byte"}, 1}},
    {{{"ns", {"ns", "nanosecond"}, 1},
      {"us", {"\xce\xbcs", "us", "microsecond"}, 1e3},
      {"ms", {"ms", "millisecond"}, 1e6},
      {"s", {"s", "sec", "second"}, 1e9},
      {"hrs", {"hour", "hr"}, 3.6e12}},
     5,
     {"s", {}, 1e9}},
    {{{"n*GCU", {"nanogcu"}, 1e-9},
      {"u*GCU", {"microgcu"}, 1e-6},
      {"m*GCU", {"milligcu"}, 1e-3},
      {"GCU", {"gcu"}, 1},
      {"k*GCU", {"kilogcu"}, 1e3},
      {"M*GCU", {"megagcu"}, 1e6},
      {"G*GCU", {"gigagcu"}, 1e9},
      {"T*GCU", {"teragcu"}, 1e12},
      {"P*GCU", {"petagcu"}, 1e15}},
     9,
     {"GCU", {}, 1.0}},
};

// Finds a unit by one of its aliases: lower case, a plural "s" dropped.
const Unit* Sniff(const UnitType& ut, std::string_view name) {
  std::string u(name);
  for (char& c : u)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.size() > 2 && u.back() == 's') u.pop_back();
  for (int i = 0; i < ut.count; ++i) {
    for (const char* a : ut.units[i].aliases) {
      if (a != nullptr && u == a) return &ut.units[i];
    }
  }
  return nullptr;
}

}  // namespace

double ScaleValue(int64_t value, std::string_view from_unit,
                  std::string_view to_unit, std::string* unit) {
  if (value < 0 && value > INT64_MIN) {  // -INT64_MIN overflows
    return -ScaleValue(-value, from_unit, to_unit, unit);
  }
  for (const UnitType& ut : kUnitTypes) {
    const Unit* from = Sniff(ut, from_unit);
    if (from == nullptr) continue;
    double v = static_cast<double>(value) * from->factor;
    if (to_unit == "minimum" || to_unit == "auto") {
      double f = 0;
      const char* name = nullptr;
      for (int i = 0; i < ut.count; ++i) {
        if (ut.units[i].factor >= f && v / ut.units[i].factor >= 1.0) {
          f = ut.units[i].factor;
          name = ut.units[i].name;
        }
      }
      if (f != 0) {
        *unit = name;
        return v / f;
      }
      *unit = ut.default_unit.name;
      return v / ut.default_unit.factor;
    }
    const Unit* to = Sniff(ut, to_unit);
    if (to == nullptr) {
      *unit = ut.default_unit.name;
      return v / ut.default_unit.factor;
    }
    *unit = to->name;
    return v / to->factor;
  }
  if (to_unit == "count" || to_unit == "sample" || to_unit == "unit" ||
      to_unit == "minimum" || to_unit == "auto") {
    unit->clear();
  } else {
    *unit = std::string(to_unit);
  }
  return static_cast<double>(value);
}

std::string ScaledLabel(int64_t value, std::string_view from_unit,
                        std::string_view to_unit) {
  std::string unit;
  double v = ScaleValue(value, from_unit, to_unit, &unit);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  std::string s = buf;
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, ".00") == 0) {
    s.resize(s.size() - 3);
  }
  if (s == "0" || s == "-0") return "0";
  return s + unit;
}

std::string Percentage(int64_t value, int64_t total) {
  double ratio = 0;
  if (total != 0) {
    ratio = std::fabs(static_cast<double>(value) / static_cast<double>(total)) *
            100;
  }
  char buf[64];
  if (ratio >= 99.95 && ratio <= 100.05) return "  100%";
  if (ratio >= 1.0) {
    std::snprintf(buf, sizeof(buf), "%5.2f%%", ratio);
  } else {
    std::snprintf(buf, sizeof(buf), "%5.2g%%", ratio);
  }
  return buf;
}

std::string SignedLabel(const std::string& label) {
  if (label == "0" || label.empty() || label[0] == '-') return label;
  return "+" + label;
}

}  // namespace pprof
