#include "common/formats/go_names.h"

namespace formats {

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

}  // namespace formats
