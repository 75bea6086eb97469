#include "common/stack/folded_probe.h"

#include "common/io/line_reader.h"
#include "common/stack/folded_text.h"

namespace stack {

bool LooksLikeFolded(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  int folded_lines = 0, other_lines = 0;
  FoldedLine folded;
  while (lines.Next(&line)) {
    if (line.empty() || IsFoldedComment(line)) continue;
    const bool cut = line.data() + line.size() == head.data() + head.size() &&
                     head.back() != '\n';
    if (line[0] != '\t' && SplitFoldedLine(line, &folded)) {
      ++folded_lines;
    } else if (cut) {
      if (folded_lines + other_lines == 0 && line[0] != '\t' &&
          line.find(';') != std::string_view::npos) {
        ++folded_lines;
      }
    } else {
      ++other_lines;
    }
  }
  return folded_lines > 0 && folded_lines >= 4 * other_lines;
}

}  // namespace stack
