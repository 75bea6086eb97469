#include "common/perf/frame_namer.h"

namespace perf {
namespace {

// Perl's m/\.\(.*\)\./: a Go method such as "net/http.(*Client).Do".
bool LooksLikeGoMethod(std::string_view f) {
  size_t open = f.find(".(");
  if (open == std::string_view::npos) return false;
  size_t close = f.rfind(").");
  return close != std::string_view::npos && close > open;
}

// Cuts the argument list: everything from the first '(' outside brackets
// that does not open "(anonymous namespace)". A '(' inside <...>, {...} or
// [...] is part of the name (std::function<int (int, int)>::operator(),
// {lambda(int)#1}), as inferno decides it; the Perl reference cuts at the
// first '(' anywhere. Closing brackets never take the depth below zero (an
// "operator->" must not hide the argument list after it).
void CutArguments(std::string* f) {
  static constexpr std::string_view kAnon = "(anonymous namespace)";
  int depth = 0;
  for (size_t pos = 0; pos < f->size(); ++pos) {
    switch ((*f)[pos]) {
      case '<':
      case '{':
      case '[':
        ++depth;
        break;
      case '>':
      case '}':
      case ']':
      case ')':
        if (depth > 0) --depth;
        break;
      case '(':
        if (depth == 0 &&
            std::string_view(*f).substr(pos, kAnon.size()) != kAnon) {
          f->resize(pos);
          return;
        }
        ++depth;
        break;
    }
  }
}

bool IsKernelDso(std::string_view dso) {
  bool kernel = (!dso.empty() && dso.front() == '[') ||
                (dso.size() >= 7 && dso.substr(dso.size() - 7) == "vmlinux");
  return kernel && dso.find("unknown") == std::string_view::npos;
}

// m:/tmp/perf-\d+\.map:
bool IsJitDso(std::string_view dso) {
  size_t at = dso.find("/tmp/perf-");
  while (at != std::string_view::npos) {
    size_t i = at + 10;
    size_t digits = i;
    while (i < dso.size() && dso[i] >= '0' && dso[i] <= '9') ++i;
    if (i > digits && dso.substr(i, 4) == ".map") return true;
    at = dso.find("/tmp/perf-", at + 1);
  }
  return false;
}

}  // namespace

void NameFrame(const FrameLine& frame, bool java,
               const CollapseOptions& options,
               std::vector<std::string>* names) {
  std::string_view raw = SymbolWithoutOffset(frame.symbol);
  // "7f1e2215d058  (/lib/libc.so)": no symbol at all. The reference names
  // it " " (its regex gives the second space to the symbol); so do we, for
  // byte-identical output.
  if (raw.empty()) raw = " ";
  // The reference skips any symbol starting with '(' ("process names"),
  // which also drops real C++ frames such as
  // "(anonymous namespace)::Matrix::multiply"; we keep those.
  if (!raw.empty() && raw.front() == '(' &&
      raw.substr(0, 21) != "(anonymous namespace)") {
    return;
  }
  std::string_view dso = frame.has_dso ? frame.dso : "[unknown]";
  bool first = true;
  for (;;) {
    size_t arrow = raw.find("->");
    std::string_view part = raw.substr(0, arrow);
    std::string func;
    if (part == "[unknown]") {
      std::string_view base = "unknown";
      if (dso != "[unknown]") {
        size_t slash = dso.rfind('/');
        base = slash == std::string_view::npos ? dso : dso.substr(slash + 1);
      }
      func.append("[").append(base);
      if (options.include_addrs) func.append(" <").append(frame.pc).append(">");
      func.append("]");
    } else {
      func.assign(part);
    }
    // Generic tidying: ';' would split the frame; argument lists and quotes
    // are noise.
    for (char& c : func) {
      if (c == ';') c = ':';
    }
    if (!LooksLikeGoMethod(func)) CutArguments(&func);
    std::erase_if(func, [](char c) { return c == '"' || c == '\''; });
    // Java: "Lorg/foo/Bar;.baz" becomes "org/foo/Bar:.baz".
    if (java && !func.empty() && func.front() == 'L' &&
        func.find('/') != std::string::npos) {
      func.erase(0, 1);
    }
    if (!first) {
      if (func.find("_[i]") == std::string::npos) func.append("_[i]");
    } else if (options.annotate_kernel && IsKernelDso(dso)) {
      func.append("_[k]");
    } else if (options.annotate_jit && IsJitDso(dso)) {
      if (func.find("_[j]") == std::string::npos) func.append("_[j]");
    }
    names->push_back(std::move(func));
    first = false;
    if (arrow == std::string_view::npos) break;
    raw.remove_prefix(arrow + 2);
  }
}

std::string_view SrclineLocation(std::string_view line) {
  size_t b = 0, e = line.size();
  while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
  while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
  std::string_view loc = line.substr(b, e - b);
  // "file:123" (perf prints "??:0" when it does not know).
  size_t colon = loc.rfind(':');
  if (colon == std::string_view::npos || colon == 0 ||
      colon + 1 >= loc.size() || loc.find('[') != std::string_view::npos ||
      loc.substr(0, colon) == "??") {
    return std::string_view();
  }
  for (size_t i = colon + 1; i < loc.size(); ++i) {
    if (loc[i] < '0' || loc[i] > '9') return std::string_view();
  }
  return loc;
}

}  // namespace perf
