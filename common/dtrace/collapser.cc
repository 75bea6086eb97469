#include "common/dtrace/collapser.h"

#include <string_view>
#include <utility>
#include <vector>

#include "common/dtrace/format_probe.h"
#include "common/io/trim.h"

namespace dtrace {
namespace {

// inferno's uncpp: after the first "::", cut at the last '(' or '<'.
std::string_view UnCpp(std::string_view f) {
  const size_t scope = f.find("::");
  if (scope == std::string_view::npos) return f;
  const size_t open = f.find_last_of("(<");
  if (open == std::string_view::npos || open < scope + 2) return f;
  return f.substr(0, open);
}

// The stack being read: frame names in one buffer (no allocation per line
// once it has grown), leaf first as the input lists them.
class Stack {
 public:
  void AddFrameLine(std::string_view t) {
    const size_t plus = t.rfind('+');
    if (plus != std::string_view::npos) t = t.substr(0, plus);
    t = UnCpp(t);
    if (t.empty()) t = "-";
    if (t.find("->") == std::string_view::npos) {
      Push(t);
      return;
    }
    // Java inlining, "caller->inlined->...": the group is root first, so
    // it goes in reverse, each inlined name marked.
    group_.clear();
    for (size_t start = 0;;) {
      const size_t arrow = t.find("->", start);
      std::string_view f = t.substr(start, arrow - start);
      while (!f.empty() && f[0] == 'L') f.remove_prefix(1);
      if (f.empty()) f = "-";  // never an empty frame
      group_.emplace_back(f, start > 0);
      if (arrow == std::string_view::npos) break;
      start = arrow + 2;
    }
    for (size_t i = group_.size(); i-- > 0;) {
      Push(group_[i].first, group_[i].second ? "_[i]" : "");
    }
  }

  bool empty() const { return ends_.empty(); }
  void Clear() {
    text_.clear();
    ends_.clear();
  }

  // Adds the stack (root first) with `count` to *out.
  void AddTo(stack::FoldedStacks* out, int64_t count) {
    names_.clear();
    for (size_t i = ends_.size(); i-- > 0;) {
      const size_t begin = i == 0 ? 0 : ends_[i - 1];
      names_.push_back(std::string_view(text_).substr(begin, ends_[i] - begin));
    }
    out->AddNames(names_, count);
    Clear();
  }

 private:
  void Push(std::string_view name, std::string_view suffix = "") {
    for (char c : name) text_.push_back(c == ';' ? ':' : c);
    text_ += suffix;
    ends_.push_back(text_.size());
  }

  std::string text_;
  std::vector<size_t> ends_;
  std::vector<std::string_view> names_;
  std::vector<std::pair<std::string_view, bool>> group_;
};

// Folds every line `lines` gives (a LineReader or a LineSplitter); returns
// how many lines were read into stacks.
template <class Lines>
uint64_t FoldLines(Lines* lines, stack::FoldedStacks* out,
                   io::BadLineSink* bad) {
  std::string_view line;
  uint64_t line_no = 0, good = 0, stack_line = 0;
  bool header = true;
  Stack stack;
  while (lines->Next(&line)) {
    ++line_no;
    const std::string_view t = io::TrimBlanks(line);
    if (header) {  // up to the first blank line (dtrace's CPU/ID/probe)
      header = !t.empty();
      continue;
    }
    if (t.empty()) continue;
    int64_t count;
    if (!IsCountLine(t, &count)) {
      if (stack.empty()) stack_line = line_no;
      stack.AddFrameLine(t);
      ++good;
      continue;
    }
    if (stack.empty()) {
      if (!bad->Report(line_no, "count without a stack")) return good;
      continue;
    }
    ++good;
    stack.AddTo(out, count);
  }
  if (!stack.empty()) bad->Report(stack_line, "stack without a count");
  return good;
}

}  // namespace

bool FoldDtrace(io::LineReader* reader, stack::FoldedStacks* out,
                io::BadLineSink* bad, std::string* error) {
  FoldLines(reader, out, bad);
  if (!reader->error().empty()) {
    *error = reader->error();
    return false;
  }
  return true;
}

uint64_t FoldDtraceText(std::string_view text, stack::FoldedStacks* out,
                        io::BadLineSink* bad) {
  io::LineSplitter lines(text);
  return FoldLines(&lines, out, bad);
}

}  // namespace dtrace
