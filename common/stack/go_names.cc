#include "common/stack/go_names.h"

#include <algorithm>
#include <array>

namespace stack {
namespace {

// Top-level elements of the standard library's import paths (go list std,
// Go 1.19 to 1.26). A user module's single-element path ("myservice.F") is
// not in it, so it counts as the user's code.
constexpr std::array<std::string_view, 49> kStdTopLevel = {
    "archive",   "arena",   "bufio",   "bytes",    "cmp",      "compress",
    "container", "context", "crypto",  "database", "debug",    "embed",
    "encoding",  "errors",  "expvar",  "flag",     "fmt",      "go",
    "hash",      "html",    "image",   "index",    "internal", "io",
    "iter",      "log",     "maps",    "math",     "mime",     "net",
    "os",        "path",    "plugin",  "reflect",  "regexp",   "slices",
    "sort",      "strconv", "strings", "sync",     "syscall",  "testing",
    "text",      "time",    "unicode", "unique",   "unsafe",   "vendor",
    "weak",
};

bool IsStdTopLevel(std::string_view top) {
  return std::find(kStdTopLevel.begin(), kStdTopLevel.end(), top) !=
         kStdTopLevel.end();
}

}  // namespace

GoPackageKind ClassifyGoFunction(std::string_view name) {
  // The path ends at the last '/' before any receiver or type argument
  // ("pkg.(*T[a/b]).M"); the package at the first '.' after it.
  const size_t last_slash = name.rfind('/', name.find_first_of("(["));
  const size_t dot =
      name.find('.', last_slash == std::string_view::npos ? 0 : last_slash + 1);
  if (dot == std::string_view::npos || dot == 0) return GoPackageKind::kNotGo;
  const std::string_view path = name.substr(0, dot);
  if (path.find_first_of(":<> @()[]+") != std::string_view::npos) {
    return GoPackageKind::kNotGo;
  }
  const size_t first_slash = path.find('/');
  const std::string_view top = path.substr(0, first_slash);
  if (top == "runtime") return GoPackageKind::kRuntime;
  if (top == "main" && first_slash == std::string_view::npos) {
    return GoPackageKind::kMain;
  }
  if (IsStdTopLevel(top)) return GoPackageKind::kStdlib;
  return GoPackageKind::kModule;
}

bool IsStandardLibrary(std::string_view func) {
  const GoPackageKind kind = ClassifyGoFunction(func);
  return kind == GoPackageKind::kRuntime || kind == GoPackageKind::kStdlib;
}

void AppendShortGeneric(std::string_view name, std::string* out) {
  // Only bracket groups that hold shape types are shortened; other
  // brackets (e.g. "[...]" already, or perf's "[unknown]") stay.
  size_t pos = 0;
  while (pos < name.size()) {
    size_t open = name.find('[', pos);
    if (open == std::string_view::npos) break;
    size_t close = name.find(']', open);
    if (close == std::string_view::npos) break;
    std::string_view inside = name.substr(open + 1, close - open - 1);
    out->append(name.substr(pos, open + 1 - pos));
    if (inside.find("go.shape.") != std::string_view::npos) {
      out->append("...");
    } else {
      out->append(inside);
    }
    out->push_back(']');
    pos = close + 1;
  }
  out->append(name.substr(pos));
}

bool IsRuntimeRoot(std::string_view name) {
  if (name.size() > 5 && name.substr(name.size() - 5) == ".abi0") {
    name.remove_suffix(5);
  }
  return name == "runtime.goexit" || name == "runtime.main" ||
         name == "runtime.mstart" || name == "runtime.mstart0" ||
         name == "runtime.mstart1";
}

void TrimRuntimeRoots(std::vector<std::string>* frames) {
  size_t n = 0;
  while (n + 1 < frames->size() && IsRuntimeRoot((*frames)[n])) ++n;
  frames->erase(frames->begin(), frames->begin() + n);
}

}  // namespace stack
