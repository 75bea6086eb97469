#include "common/perf/frame_line.h"

#include <string.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "common/perf/word_scan.h"

namespace perf {
namespace {

// Character classes of a frame line's start, one table lookup per byte:
// this runs on every line of the input.
enum : unsigned char { kOther = 0, kBlank = 1, kHex = 2 };

constexpr auto kClass = [] {
  std::array<unsigned char, 256> t{};
  t[' '] = t['\t'] = kBlank;
  for (char c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = kHex;
  for (char c = 'a'; c <= 'f'; ++c) t[static_cast<unsigned char>(c)] = kHex;
  for (char c = 'A'; c <= 'F'; ++c) t[static_cast<unsigned char>(c)] = kHex;
  return t;
}();

unsigned char ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }

bool IsLowerHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

size_t FrameTextStart(std::string_view line, std::string_view* pc) {
  const size_t n = line.size();
  size_t i = 0;
  // perf right-aligns the address after a tab: skip the padding a word at
  // a time while the word is all spaces.
  if (n > 0 && line[0] == '\t') ++i;
  while (i + 8 <= n && LoadWord(line.data() + i) == kSpaceBytes) i += 8;
  while (i < n && ClassOf(line[i]) == kBlank) ++i;
  const size_t pc_start = i;
  while (i < n && ClassOf(line[i]) == kHex) ++i;
  if (i == pc_start || i >= n || line[i] != ' ') return 0;
  *pc = line.substr(pc_start, i - pc_start);
  ++i;  // one space; a second one belongs to an empty symbol
  if (i >= n) return 0;
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

std::string_view SymbolWithoutOffset(std::string_view sym) {
  size_t plus = sym.rfind("+0x");
  if (plus == std::string_view::npos || plus + 3 >= sym.size()) return sym;
  for (size_t i = plus + 3; i < sym.size(); ++i) {
    if (!IsLowerHex(sym[i])) return sym;
  }
  return sym.substr(0, plus);
}

FrameKey KeyOfFrameText(std::string_view text, std::string_view pc,
                        bool with_pc) {
  // SplitSymbolAndDso and SymbolWithoutOffset in one backward walk over the
  // end of the text (this runs on every frame line).
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* sym_end =
      end;  // the symbol, with its offset, is [begin, sym_end)
  if (end > begin && end[-1] == ')') {
    // The last space-free run starts after the last space (memrchr: a dso
    // path is tens of bytes).
    const void* space = memrchr(begin, ' ', end - begin);
    const char* run = space ? static_cast<const char*>(space) + 1 : begin;
    if (*run == '(') sym_end = run > begin ? run - 1 : begin;
  }
  const char* head_end = sym_end;
  const char* h = sym_end;
  while (h > begin && IsLowerHex(h[-1])) --h;
  if (h < sym_end && h - begin >= 3 && h[-1] == 'x' && h[-2] == '0' &&
      h[-3] == '+') {
    head_end = h - 3;
  }
  FrameKey key;
  key.tail = std::string_view(sym_end, end - sym_end);
  const char* head_begin = with_pc ? pc.data() : begin;
  key.head = std::string_view(head_begin, head_end - head_begin);
  return key;
}

bool ParseFrameLine(std::string_view line, FrameLine* out) {
  size_t start = FrameTextStart(line, &out->pc);
  if (start == 0) return false;
  SplitSymbolAndDso(line.substr(start), out);
  return true;
}

}  // namespace perf
