#include "common/formats/pprof_folder.h"

#include <cstdio>
#include <vector>

#include "common/pprof/prune.h"
#include "common/stack/go_names.h"

namespace formats {
namespace {

// The label value of `key` on a sample, as a root frame "key=value".
std::string TagFrame(const pprof::Sample& s, const std::string& key) {
  for (const pprof::Label& l : s.labels) {
    if (l.key != key) continue;
    if (!l.is_num) return key + "=" + l.str;
    std::string v = key + "=" + std::to_string(l.num);
    if (!l.num_unit.empty()) v += l.num_unit;
    return v;
  }
  return key + "=(none)";
}

}  // namespace

bool FoldProfile(pprof::Profile* p, const FoldOptions& options,
                 stack::FoldedStacks* out, std::string* error) {
  const pprof::Profile& profile = *p;
  int index = profile.SampleIndex(options.sample_index, error);
  if (index < 0) return false;
  // drop_frames / keep_frames, exactly as pprof applies them.
  if (!pprof::RemoveUninteresting(p, error)) return false;

  // Frame names depend only on (function, line, inlined): name each
  // function once.
  std::vector<std::string> function_names(profile.functions.size());
  for (size_t i = 0; i < profile.functions.size(); ++i) {
    const std::string& name = profile.functions[i].name;
    if (name.empty()) {
      function_names[i] = "[unknown]";
    } else if (options.keep_shapes) {
      function_names[i] = name;
    } else {
      stack::AppendShortGeneric(name, &function_names[i]);
    }
  }

  std::vector<std::string> names;
  std::vector<std::string_view> views;
  char address[32];
  for (const pprof::Sample& s : profile.samples) {
    if (static_cast<size_t>(index) >= s.values.size()) continue;
    int64_t value = s.values[index];
    if (value == 0) continue;
    names.clear();
    if (!options.tag.empty()) names.push_back(TagFrame(s, options.tag));
    size_t first_frame = names.size();
    // Locations are stored leaf first; a location's lines innermost first.
    for (size_t i = s.locations.size(); i-- > 0;) {
      const pprof::Location& loc = profile.locations[s.locations[i]];
      if (loc.lines.empty()) {  // not symbolised: its address, as pprof
        std::snprintf(address, sizeof(address), "0x%llx",
                      static_cast<unsigned long long>(loc.address));
        names.push_back(address);
        continue;
      }
      for (size_t j = loc.lines.size(); j-- > 0;) {
        const pprof::Line& line = loc.lines[j];
        std::string name = function_names[line.function];
        if (options.lines) {
          name.append(":")
              .append(profile.functions[line.function].filename)
              .append(":")
              .append(std::to_string(line.line));
        }
        if (options.inline_marker && j + 1 != loc.lines.size()) {
          name.append(" (inline)");
        }
        names.push_back(std::move(name));
      }
    }
    if (options.trim_runtime && names.size() > first_frame) {
      std::vector<std::string> rest(names.begin() + first_frame, names.end());
      stack::TrimRuntimeRoots(&rest);
      names.resize(first_frame);
      names.insert(names.end(), rest.begin(), rest.end());
    }
    if (names.empty()) names.push_back("[no frames]");
    views.assign(names.begin(), names.end());
    out->AddNames(views, value);
  }
  return true;
}

}  // namespace formats
