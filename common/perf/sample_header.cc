#include "common/perf/sample_header.h"

#include <charconv>
#include <cstdint>

#include "common/perf/word_scan.h"

namespace perf {
namespace {

// Every line that does not start with a tab is tried as a header, so the
// scan works on pointers over the line, each byte looked at once or twice.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

const char* SkipDigits(const char* p, const char* end) {
  while (p < end && IsDigit(*p)) ++p;
  return p;
}

// One space-separated token [b, e).
struct Token {
  const char* b;
  const char* e;
  size_t size() const { return e - b; }
  std::string_view view() const { return std::string_view(b, e - b); }
};

// The token at or after p (its leading spaces skipped).
Token TokenAt(const char* p, const char* end) {
  p = SkipSpaces(p, end);
  return Token{p, FindSpace(p, end)};
}

bool AllDigits(const char* b, const char* e) {
  return b < e && SkipDigits(b, e) == e;
}

// "1234" or "1234/5678".
bool ParsePidTid(Token t, std::string_view* pid, std::string_view* tid) {
  const char* d = SkipDigits(t.b, t.e);
  if (d == t.e) {
    if (d == t.b) return false;
    *pid = std::string_view();
    *tid = t.view();
    return true;
  }
  if (d == t.b || *d != '/' || !AllDigits(d + 1, t.e)) return false;
  *pid = std::string_view(t.b, d - t.b);
  *tid = std::string_view(d + 1, t.e - d - 1);
  return true;
}

bool IsCpu(Token t) {
  return t.size() >= 3 && t.b[0] == '[' && t.e[-1] == ']' &&
         AllDigits(t.b + 1, t.e - 1);
}

// "412.762638:" or "412:"
bool IsTime(Token t) {
  if (t.size() < 2 || t.e[-1] != ':') return false;
  const char* end = t.e - 1;
  const char* d = SkipDigits(t.b, end);
  if (d == t.b) return false;
  if (d == end) return true;
  return *d == '.' && AllDigits(d + 1, end);
}

// "cpu-clock:pppH:", "sched:sched_switch:", "cpu-clock/freq=499/:". No
// event name starts with a digit or '[' ("goroutine 1 [running]:" is a
// goroutine dump, not a sample of event "[running]").
bool IsEvent(Token t) {
  return t.size() >= 2 && t.e[-1] == ':' && !IsDigit(t.b[0]) && t.b[0] != '[';
}

// Parses the fields after the comm, from p (at the PID/TID token).
bool ParseAfterComm(const char* p, const char* end, SampleHeader* out) {
  Token t = TokenAt(p, end);
  if (!ParsePidTid(t, &out->pid, &out->tid)) return false;
  t = TokenAt(t.e, end);
  if (IsCpu(t)) t = TokenAt(t.e, end);
  if (IsTime(t)) t = TokenAt(t.e, end);
  out->period = 0;
  if (AllDigits(t.b, t.e)) {
    int64_t v = 0;
    std::from_chars(t.b, t.e, v);
    out->period = v;
    t = TokenAt(t.e, end);
  }
  // The event closes every header perf prints; a line without one is not
  // a header (inside a sample, a stray "word 123" line is a bad line).
  if (!IsEvent(t)) return false;
  out->event = std::string_view(t.b, t.size() - 1);
  const char* rest = SkipSpaces(t.e, end);
  out->rest = std::string_view(rest, end - rest);
  return true;
}

}  // namespace

bool ParseSampleHeader(std::string_view line, SampleHeader* out) {
  const char* begin = SkipSpaces(line.data(), line.data() + line.size());
  const char* end = line.data() + line.size();
  if (begin == end || *begin == '\t') return false;
  // Try each token boundary as the end of the comm, leftmost first.
  const char* p = begin;
  while (p < end) {
    p = FindSpace(p, end);  // the end of the current comm token
    const char* comm_end = p;
    if (comm_end >= end) return false;
    p = SkipSpaces(p, end);
    if (p < end && IsDigit(*p) && ParseAfterComm(p, end, out)) {
      out->comm = std::string_view(begin, comm_end - begin);
      return true;
    }
    // Extend the comm to include the next token.
  }
  return false;
}

}  // namespace perf
