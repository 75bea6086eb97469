#include "common/pprof/profile.h"

#include <charconv>

namespace pprof {

int Profile::SampleIndex(std::string_view name, std::string* error) const {
  if (sample_types.empty()) {
    *error = "profile has no sample types";
    return -1;
  }
  if (name.empty()) {
    if (!default_sample_type.empty()) {
      for (size_t i = 0; i < sample_types.size(); ++i) {
        if (sample_types[i].type == default_sample_type) {
          return static_cast<int>(i);
        }
      }
    }
    return static_cast<int>(sample_types.size()) - 1;
  }
  int64_t number = 0;
  auto [end, ec] =
      std::from_chars(name.data(), name.data() + name.size(), number);
  if (ec == std::errc() && end == name.data() + name.size()) {
    if (number < 0 || number >= static_cast<int64_t>(sample_types.size())) {
      *error = "sample index " + std::string(name) +
               " is outside the range [0.." +
               std::to_string(sample_types.size() - 1) + "]";
      return -1;
    }
    return static_cast<int>(number);
  }
  std::string_view no_inuse = name;
  if (no_inuse.substr(0, 6) == "inuse_") no_inuse.remove_prefix(6);
  for (size_t i = 0; i < sample_types.size(); ++i) {
    if (sample_types[i].type == name || sample_types[i].type == no_inuse) {
      return static_cast<int>(i);
    }
  }
  std::string types;
  for (const ValueType& t : sample_types) {
    if (!types.empty()) types += " ";
    types += t.type;
  }
  *error = "sample index \"" + std::string(name) + "\" must be one of: [" +
           types + "]";
  return -1;
}

std::string Profile::MainBinary() const {
  if (mappings.empty()) return "";
  const std::string& f = mappings[0].file;
  size_t slash = f.rfind('/');
  return slash == std::string::npos ? f : f.substr(slash + 1);
}

}  // namespace pprof
