#include "common/formats/goroutine_folder.h"

#include "common/stack/go_names.h"

namespace formats {

void GoroutineFolder::OnGoroutine(const goroutine::Goroutine& g) {
  names_.clear();
  // Frames are printed innermost first; folded stacks are root first.
  for (size_t i = g.frames.size(); i-- > 0;) {
    std::string name;
    if (options_.keep_shapes) {
      name.assign(g.frames[i].func);
    } else {
      stack::AppendShortGeneric(g.frames[i].func, &name);
    }
    if (options_.lines && !g.frames[i].file.empty()) {
      name.append(":")
          .append(g.frames[i].file)
          .append(":")
          .append(std::to_string(g.frames[i].line));
    }
    names_.push_back(std::move(name));
  }
  if (options_.trim_runtime) stack::TrimRuntimeRoots(&names_);
  if (g.stack_unavailable && names_.empty()) {
    names_.push_back("[stack unavailable]");
  }
  if (!g.state.empty()) {
    names_.push_back("[" + std::string(g.state) + "]");
  }
  if (names_.empty()) names_.push_back("[no frames]");
  views_.assign(names_.begin(), names_.end());
  out_->AddNames(views_, static_cast<int64_t>(g.count));
}

void GoroutineFolder::OnBadLine(uint64_t line, std::string_view reason) {
  bad_.Add(name_, line, reason);
}

}  // namespace formats
