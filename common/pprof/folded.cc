#include "common/pprof/folded.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "common/pprof/prune.h"
#include "common/stack/go_names.h"

namespace pprof {
namespace {

// The label value of `key` on a sample, as a root frame "key=value".
std::string TagFrame(const Sample& s, const std::string& key) {
  for (const Label& l : s.labels) {
    if (l.key != key) continue;
    if (!l.is_num) return key + "=" + l.str;
    std::string v = key + "=" + std::to_string(l.num);
    if (!l.num_unit.empty()) v += l.num_unit;
    return v;
  }
  return key + "=(none)";
}

// Interns the frames of each location once: they depend only on the
// location and the options, not on the sample, so the per-sample work is
// copying ids.
class FrameNamer {
 public:
  FrameNamer(const Profile& p, const FoldOptions& o, stack::SymbolTable* s)
      : p_(p),
        o_(o),
        symbols_(s),
        begin_(p.locations.size(), kUnnamed),
        length_(p.locations.size(), 0) {}

  // Appends the frame ids of location `li`, caller first.
  void AppendLocation(uint32_t li, std::vector<uint32_t>* frames) {
    if (begin_[li] == kUnnamed) Name(li);
    const uint32_t b = begin_[li], n = length_[li];
    frames->insert(frames->end(), ids_.begin() + b, ids_.begin() + b + n);
  }

 private:
  static constexpr uint32_t kUnnamed = ~0u;

  void Name(uint32_t li) {
    const Location& loc = p_.locations[li];
    begin_[li] = static_cast<uint32_t>(ids_.size());
    if (loc.lines.empty()) {  // not symbolised: its address, as pprof
      char address[32];
      std::snprintf(address, sizeof(address), "0x%llx",
                    static_cast<unsigned long long>(loc.address));
      ids_.push_back(symbols_->Intern(address));
      length_[li] = 1;
      return;
    }
    // A location's lines are innermost first; frames are caller first.
    for (size_t j = loc.lines.size(); j-- > 0;) {
      ids_.push_back(symbols_->Intern(FrameName(loc, j)));
    }
    length_[li] = static_cast<uint32_t>(loc.lines.size());
  }

  std::string FrameName(const Location& loc, size_t j) const {
    const Line& line = loc.lines[j];
    const Function& f = p_.functions[line.function];
    std::string name;
    if (f.name.empty()) {
      name = "[unknown]";
    } else if (o_.keep_shapes) {
      name = f.name;
    } else {
      stack::AppendShortGeneric(f.name, &name);
    }
    if (o_.lines) {
      name.append(":")
          .append(f.filename)
          .append(":")
          .append(std::to_string(line.line));
    }
    if (o_.inline_marker && j + 1 != loc.lines.size()) name.append(" (inline)");
    return name;
  }

  const Profile& p_;
  const FoldOptions& o_;
  stack::SymbolTable* symbols_;
  std::vector<uint32_t> begin_;   // per location: first id in ids_
  std::vector<uint32_t> length_;  // per location: number of frames
  std::vector<uint32_t> ids_;
};

// Drops runtime.goexit/main/mstart roots from frames[first..], keeping at
// least one frame (stack::TrimRuntimeRoots on interned ids).
void TrimRuntimeRoots(const stack::SymbolTable& symbols, size_t first,
                      std::vector<uint32_t>* frames) {
  size_t n = first;
  while (n + 1 < frames->size() &&
         stack::IsRuntimeRoot(symbols.Name((*frames)[n]))) {
    ++n;
  }
  frames->erase(frames->begin() + first, frames->begin() + n);
}

}  // namespace

void AddFoldedSamples(const Profile& p, const FoldOptions& o,
                      std::span<const int> value_indexes, int first_column,
                      stack::FoldedStacks* out) {
  FrameNamer namer(p, o, &out->symbols);
  std::vector<uint32_t> frames;
  for (const Sample s : p.samples) {
    bool any = false;
    for (int vi : value_indexes) {
      any = any ||
            (static_cast<size_t>(vi) < s.values.size() && s.values[vi] != 0);
    }
    if (!any) continue;
    frames.clear();
    if (!o.tag.empty())
      frames.push_back(out->symbols.Intern(TagFrame(s, o.tag)));
    const size_t first_frame = frames.size();
    // Locations are stored leaf first.
    for (size_t i = s.locations.size(); i-- > 0;) {
      namer.AppendLocation(s.locations[i], &frames);
    }
    if (o.trim_runtime) TrimRuntimeRoots(out->symbols, first_frame, &frames);
    if (frames.empty()) frames.push_back(out->symbols.Intern("[no frames]"));
    for (size_t k = 0; k < value_indexes.size(); ++k) {
      const size_t vi = static_cast<size_t>(value_indexes[k]);
      if (vi >= s.values.size() || s.values[vi] == 0) continue;
      out->stacks.AddTo(frames, first_column + static_cast<int>(k),
                        s.values[vi]);
    }
  }
}

bool FoldProfile(Profile* p, const FoldOptions& options,
                 stack::FoldedStacks* out, std::string* error) {
  const int index = p->SampleIndex(options.sample_index, error);
  if (index < 0) return false;
  // drop_frames / keep_frames, exactly as pprof applies them.
  if (!RemoveUninteresting(p, error)) return false;
  const int indexes[] = {index};
  AddFoldedSamples(*p, options, indexes, 0, out);
  return true;
}

}  // namespace pprof
