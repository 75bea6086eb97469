#include "common/perf/frame_line.h"

namespace perf {
namespace {
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}
}  // namespace

size_t FrameTextStart(std::string_view line, std::string_view* pc) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  size_t pc_start = i;
  while (i < line.size() && IsHex(line[i])) ++i;
  if (i == pc_start || i >= line.size() || line[i] != ' ') return 0;
  *pc = line.substr(pc_start, i - pc_start);
  ++i;  // one space; a second one belongs to an empty symbol
  if (i >= line.size()) return 0;
  return i;
}

void SplitSymbolAndDso(std::string_view rest, FrameLine* out) {
  out->has_dso = false;
  out->dso = std::string_view();
  out->symbol = rest;
  if (rest.empty() || rest.back() != ')') return;
  // Walk back over the non-space run that ends with ')' to its last '('
  // preceded by a space: "sym (dso)" or "(dso)" for an empty symbol.
  size_t i = rest.size();
  while (i > 0 && rest[i - 1] != ' ') --i;
  // rest[i..] is the last space-free run; its opening paren must be first.
  if (rest[i] != '(') return;
  out->dso = rest.substr(i + 1, rest.size() - i - 2);
  out->has_dso = true;
  size_t sym_end = i > 0 ? i - 1 : 0;
  out->symbol = rest.substr(0, sym_end);
}

bool ParseFrameLine(std::string_view line, FrameLine* out) {
  size_t start = FrameTextStart(line, &out->pc);
  if (start == 0) return false;
  SplitSymbolAndDso(line.substr(start), out);
  return true;
}

}  // namespace perf
