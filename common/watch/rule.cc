#include "common/watch/rule.h"

#include <charconv>
#include <cmath>

namespace watch {
namespace {

// Parses "P" or "P%" as a percentage >= 0.
bool ParsePercent(std::string_view text, double* out) {
  if (!text.empty() && text.back() == '%') text.remove_suffix(1);
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  const char* end = text.data() + text.size();
  auto [p, ec] =
      std::from_chars(text.data(), end, *out, std::chars_format::fixed);
  return ec == std::errc() && p == end && std::isfinite(*out);
}

// Applies one "key=value" term to *out; returns the reason it is wrong.
std::string ApplyTerm(std::string_view term, Rule* out) {
  const size_t eq = term.find('=');
  if (eq == std::string_view::npos) {
    return "'" + std::string(term) + "' is not key=value";
  }
  const std::string_view key = term.substr(0, eq), value = term.substr(eq + 1);
  const std::string unit =
      MetricUnit(out->metric) == Unit::kBytes     ? " (bytes: 4096, 512MiB, 2G)"
      : MetricUnit(out->metric) == Unit::kPercent ? " (percent of one core)"
                                                  : " (a count)";
  double v = 0;
  if (key == "diff") {
    if (!ParsePercent(value, &v)) {
      return "diff=" + std::string(value) + " is not a percentage (diff=50%)";
    }
    out->diff = v;
  } else if (key == "min" || key == "abs") {
    if (!ParseValue(out->metric, value, &v)) {
      return std::string(key) + "=" + std::string(value) + " is not a " +
             std::string(MetricName(out->metric)) + " value" + unit;
    }
    if (key == "min") {
      out->min = v;
    } else {
      out->abs = v;
    }
  } else {
    return "unknown term '" + std::string(key) + "' (use min, diff, abs)";
  }
  return "";
}

}  // namespace

std::string ParseRule(std::string_view text, Rule* out) {
  *out = Rule();
  out->text.assign(text);
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return "missing ':' (METRIC:min=N,diff=P%,abs=M)";
  }
  if (!ParseMetric(text.substr(0, colon), &out->metric)) {
    return "unknown metric '" + std::string(text.substr(0, colon)) +
           "' (one of " + MetricList() + ")";
  }
  std::string_view terms = text.substr(colon + 1);
  if (terms.empty()) return "no terms (min=N, diff=P%, abs=M)";
  bool seen[3] = {false, false, false};
  while (true) {
    const size_t comma = terms.find(',');
    const std::string_view term = terms.substr(0, comma);
    const std::string_view key = term.substr(0, term.find('='));
    const int k = key == "min" ? 0 : key == "diff" ? 1 : key == "abs" ? 2 : -1;
    if (k >= 0 && seen[k]) return std::string(key) + " given twice";
    if (k >= 0) seen[k] = true;
    std::string why = ApplyTerm(term, out);
    if (!why.empty()) return why;
    if (comma == std::string_view::npos) break;
    terms.remove_prefix(comma + 1);
  }
  return "";
}

std::string_view FiredByName(FiredBy by) {
  switch (by) {
    case FiredBy::kAbs:
      return "abs";
    case FiredBy::kDiff:
      return "diff";
    case FiredBy::kMin:
      return "min";
  }
  return "";
}

bool RuleFires(const Rule& rule, double value, double avg, FiredBy* by) {
  if (value < rule.min) return false;
  if (rule.abs && value >= *rule.abs) {
    *by = FiredBy::kAbs;
    return true;
  }
  // Strictly above the average too: an idle metric (avg 0, value 0) is no
  // spike.
  if (rule.diff && value > avg && value >= avg * (1 + *rule.diff / 100)) {
    *by = FiredBy::kDiff;
    return true;
  }
  if (!rule.abs && !rule.diff) {
    *by = FiredBy::kMin;
    return true;
  }
  return false;
}

}  // namespace watch
