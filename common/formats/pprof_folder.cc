#include "common/formats/pprof_folder.h"

#include <re2/re2.h>

#include <memory>
#include <vector>

#include "common/formats/go_names.h"

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

bool FoldProfile(const pprof::Profile& profile, const FoldOptions& options,
                 stack::FoldedStacks* out, std::string* error) {
  int index = profile.SampleIndex(options.sample_index, error);
  if (index < 0) return false;
  std::unique_ptr<RE2> drop;
  if (!profile.drop_frames.empty()) {
    drop = std::make_unique<RE2>(profile.drop_frames, RE2::Quiet);
    if (!drop->ok()) drop.reset();  // pprof ignores a bad pattern too
  }

  // Frame names depend only on (function, line, inlined): name each
  // function once.
  std::vector<std::string> function_names(profile.functions.size());
  std::vector<bool> dropped(profile.functions.size(), false);
  for (size_t i = 0; i < profile.functions.size(); ++i) {
    const std::string& name = profile.functions[i].name;
    if (options.keep_shapes) {
      function_names[i] = name;
    } else {
      AppendShortGeneric(name, &function_names[i]);
    }
    if (drop) dropped[i] = RE2::FullMatch(name, *drop);
  }

  std::vector<pprof::Frame> frames;
  std::vector<std::string> names;
  std::vector<std::string_view> views;
  for (const pprof::Sample& s : profile.samples) {
    if (static_cast<size_t>(index) >= s.values.size()) continue;
    int64_t value = s.values[index];
    if (value == 0) continue;
    profile.FramesRootFirst(s, &frames);
    names.clear();
    if (!options.tag.empty()) names.push_back(TagFrame(s, options.tag));
    size_t first_frame = names.size();
    for (const pprof::Frame& f : frames) {
      if (dropped[f.function]) break;  // drop it and everything it called
      std::string name = function_names[f.function];
      if (options.lines) {
        const std::string& file = profile.functions[f.function].filename;
        name.append(":").append(file).append(":").append(
            std::to_string(f.line));
      }
      if (options.inline_marker && f.inlined) name.append(" (inline)");
      names.push_back(std::move(name));
    }
    if (options.trim_runtime && names.size() > first_frame) {
      std::vector<std::string> rest(names.begin() + first_frame, names.end());
      TrimRuntimeRoots(&rest);
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
