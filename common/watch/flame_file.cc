#include "common/watch/flame_file.h"

#include <fcntl.h>
#include <unistd.h>

#include "common/flame/frame_tree.h"
#include "common/flame/layout.h"
#include "common/flame/options.h"
#include "common/flame/svg_writer.h"
#include "common/io/output_buffer.h"
#include "common/stack/folded_text.h"

namespace watch {
namespace {

bool WriteWhole(const std::string& path, const std::string& text,
                std::string* error) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = path + ": cannot create";
    return false;
  }
  bool ok = true;
  {
    io::OutputBuffer out(fd);
    out.Write(text);
    ok = out.Flush();
  }
  ok = ::close(fd) == 0 && ok;
  if (!ok) *error = path + ": cannot write";
  return ok;
}

}  // namespace

bool WriteFlameGraph(const stack::FoldedStacks& folded,
                     const std::string& title, const std::string& countname,
                     const std::string& path, std::string* error) {
  flame::Flags flags;
  flags.title = title;
  flags.countname = countname;
  flame::FlameOptions options;
  const std::string usage = flame::ResolveFlags(flags, 1, &options);
  if (!usage.empty()) {
    *error = usage;
    return false;
  }
  flame::FrameTree tree(options.tree);
  for (size_t i = 0; i < folded.stacks.size(); ++i) {
    const int64_t n = folded.stacks.Count(i);
    if (n > 0) tree.AddStack(folded.Join(i), 0, static_cast<double>(n));
  }
  flame::Layout layout = flame::ComputeLayout(&tree, options.layout);
  if (layout.frames.empty()) {
    *error = "no samples to draw";
    return false;
  }
  return WriteWhole(path, flame::RenderSvg(tree, layout, options.svg), error);
}

bool WriteFoldedFile(const stack::FoldedStacks& folded, const std::string& path,
                     std::string* error) {
  return WriteWhole(path, stack::FoldedToString(folded), error);
}

}  // namespace watch
