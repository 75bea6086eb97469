#include "common/perf/sample_header.h"

#include <charconv>

namespace perf {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Cursor over space-separated tokens of the header, keeping positions so
// the comm and the rest can be cut from the original text. Each token is
// scanned once: Take reuses the bounds Peek found.
struct Tokens {
  std::string_view line;
  size_t pos = 0;
  size_t peeked_at = std::string_view::npos;
  size_t tok_begin = 0, tok_end = 0;

  void SkipSpaces() {
    while (pos < line.size() && line[pos] == ' ') ++pos;
  }
  // Next token, without consuming it.
  std::string_view Peek() {
    if (peeked_at != pos) {
      size_t p = pos;
      while (p < line.size() && line[p] == ' ') ++p;
      size_t end = p;
      while (end < line.size() && line[end] != ' ') ++end;
      peeked_at = pos;
      tok_begin = p;
      tok_end = end;
    }
    return line.substr(tok_begin, tok_end - tok_begin);
  }
  void Take() {
    Peek();
    pos = tok_end;
  }
};

// "1234" or "1234/5678".
bool ParsePidTid(std::string_view tok, std::string_view* pid,
                 std::string_view* tid) {
  size_t slash = tok.find('/');
  if (slash == std::string_view::npos) {
    if (!AllDigits(tok)) return false;
    *pid = std::string_view();
    *tid = tok;
    return true;
  }
  std::string_view a = tok.substr(0, slash), b = tok.substr(slash + 1);
  if (!AllDigits(a) || !AllDigits(b)) return false;
  *pid = a;
  *tid = b;
  return true;
}

bool IsCpu(std::string_view tok) {
  return tok.size() >= 3 && tok.front() == '[' && tok.back() == ']' &&
         AllDigits(tok.substr(1, tok.size() - 2));
}

// "412.762638:"
bool IsTime(std::string_view tok) {
  if (tok.size() < 2 || tok.back() != ':') return false;
  tok.remove_suffix(1);
  size_t dot = tok.find('.');
  if (dot == std::string_view::npos) return AllDigits(tok);
  return AllDigits(tok.substr(0, dot)) && AllDigits(tok.substr(dot + 1));
}

// "cpu-clock:pppH:", "sched:sched_switch:", "cpu-clock/freq=499/:". No
// event name starts with a digit or '[' ("goroutine 1 [running]:" is a
// goroutine dump, not a sample of event "[running]").
bool IsEvent(std::string_view tok) {
  return tok.size() >= 2 && tok.back() == ':' && !IsDigit(tok.front()) &&
         tok.front() != '[';
}

// Parses the fields after the comm, starting at the PID/TID token.
bool ParseAfterComm(Tokens t, SampleHeader* out) {
  std::string_view tok = t.Peek();
  if (!ParsePidTid(tok, &out->pid, &out->tid)) return false;
  t.Take();
  tok = t.Peek();
  if (IsCpu(tok)) {
    t.Take();
    tok = t.Peek();
  }
  if (IsTime(tok)) {
    t.Take();
    tok = t.Peek();
  }
  out->period = 0;
  if (AllDigits(tok)) {
    int64_t v = 0;
    std::from_chars(tok.data(), tok.data() + tok.size(), v);
    out->period = v;
    t.Take();
    tok = t.Peek();
    // A period must be followed by the event.
    if (!IsEvent(tok)) return false;
  }
  // The event closes every header perf prints; a line without one is not
  // a header (inside a sample, a stray "word 123" line is a bad line).
  if (!IsEvent(tok)) return false;
  out->event = tok.substr(0, tok.size() - 1);
  t.Take();
  t.SkipSpaces();
  out->rest = t.line.substr(t.pos);
  return true;
}

}  // namespace

bool ParseSampleHeader(std::string_view line, SampleHeader* out) {
  size_t start = 0;
  while (start < line.size() && line[start] == ' ') ++start;
  line.remove_prefix(start);
  if (line.empty() || line[0] == '\t') return false;
  // Try each token boundary as the end of the comm, leftmost first.
  size_t pos = 0;
  while (pos < line.size()) {
    // End of the current comm token.
    while (pos < line.size() && line[pos] != ' ') ++pos;
    size_t comm_end = pos;
    if (comm_end >= line.size()) return false;
    Tokens t{line, comm_end};
    t.SkipSpaces();
    if (t.pos < line.size() && IsDigit(line[t.pos]) && ParseAfterComm(t, out)) {
      out->comm = line.substr(0, comm_end);
      return true;
    }
    // Extend the comm to include the next token.
    while (pos < line.size() && line[pos] == ' ') ++pos;
  }
  return false;
}

}  // namespace perf
