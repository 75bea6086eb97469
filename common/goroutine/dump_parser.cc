#include "common/goroutine/dump_parser.h"

#include <cstdint>
#include <cstring>

#include "common/goroutine/format_probe.h"
#include "common/io/chunk_reader.h"
#include "common/io/trim.h"

namespace goroutine {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && std::memcmp(s.data(), p.data(), p.size()) == 0;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() &&
         std::memcmp(s.data() + s.size() - p.size(), p.data(), p.size()) == 0;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses leading decimal digits, all of them; returns how many were used
// (0 if none). A value past 2^64-1 saturates there: a hostile number never
// wraps, and the text after it is still where the caller expects it.
size_t ParseUint(std::string_view s, uint64_t* v) {
  constexpr uint64_t kMax = ~uint64_t{0};
  uint64_t x = 0;
  size_t i = 0;
  // Nineteen digits always fit; only longer numbers need the check.
  while (i < s.size() && i < 19 && IsDigit(s[i])) {
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
    ++i;
  }
  while (i < s.size() && IsDigit(s[i])) {
    const uint64_t d = static_cast<uint64_t>(s[i] - '0');
    x = x > (kMax - d) / 10 ? kMax : x * 10 + d;
    ++i;
  }
  *v = x;
  return i;
}

// "0x1a2b" (an optional trailing "?" is allowed by the callers).
bool IsHexWord(std::string_view s) {
  if (s.size() < 3 || s[0] != '0' || s[1] != 'x') return false;
  for (size_t i = 2; i < s.size(); ++i) {
    char c = s[i];
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
      return false;
    }
  }
  return true;
}

// A register line at the end of a SIGQUIT dump: "rax    0xca".
bool IsRegisterLine(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && i < 8 &&
         ((s[i] >= 'a' && s[i] <= 'z') || IsDigit(s[i]))) {
    ++i;
  }
  if (i == 0 || i >= s.size() || s[i] != ' ') return false;
  return IsHexWord(io::TrimLeftBlanks(s.substr(i)));
}

// Lines a crash or SIGQUIT report prints around the goroutines.
bool IsPreambleLine(std::string_view s) {
  static constexpr std::string_view kPrefixes[] = {
      "PC=",
      "[signal ",
      "SIG",
      "exit status ",
      "unexpected fault address",
      "fatal: ",
      "-----",
      "[recovered]",
      "goroutine ",
      "created by ",
      "m=",
      "unexpected return pc",
      "runtime: ",
      "\t",
      "...",
  };
  for (std::string_view p : kPrefixes) {
    if (StartsWith(s, p)) return true;
  }
  return IsRegisterLine(s);
}

}  // namespace

bool ParseGoroutineHeader(std::string_view line, Goroutine* g) {
  line = io::TrimRightBlanks(line);
  if (!StartsWith(line, "goroutine ")) return false;
  std::string_view rest = line.substr(10);
  uint64_t id;
  size_t n = ParseUint(rest, &id);
  if (n == 0) return false;
  rest = rest.substr(n);
  if (!EndsWith(rest, "]:")) return false;
  // Between the id and "[" only Go 1.22+ "gp=0x.. m=.. mp=.." may appear.
  if (rest.empty() || rest[0] != ' ') return false;
  size_t open = rest.find('[');
  if (open == std::string_view::npos) return false;
  std::string_view bracket = rest.substr(open + 1, rest.size() - open - 3);
  g->id = id;
  g->wait_minutes = -1;
  g->locked_to_thread = false;
  g->durable = false;
  g->leaked = false;
  // "state[, N minutes][, locked to thread]"; the state itself may hold
  // spaces and parentheses ("chan send (nil chan)") but no ", ".
  size_t cut = bracket.find(", ");
  std::string_view state = bracket.substr(0, cut);
  while (cut != std::string_view::npos) {
    size_t next = bracket.find(", ", cut + 2);
    std::string_view piece = bracket.substr(
        cut + 2, next == std::string_view::npos ? std::string_view::npos
                                                : next - cut - 2);
    uint64_t minutes;
    size_t digits = ParseUint(piece, &minutes);
    if (digits > 0 && (piece.substr(digits) == " minutes" ||
                       piece.substr(digits) == " minute")) {
      g->wait_minutes =
          static_cast<int32_t>(minutes > 0x7fffffff ? 0x7fffffff : minutes);
    } else if (piece == "locked to thread") {
      g->locked_to_thread = true;
    } else if (piece == "(durable)" || piece == "durable") {
      g->durable = true;
    }
    cut = next;
  }
  // Markers the runtime appends to the wait reason (traceback.go
  // goroutineheader): " (scan)" while the GC scans the stack, " (durable)"
  // in synctest bubbles, " (leaked)" from Go 1.26 leak detection; in any
  // order.
  for (bool more = true; more;) {
    more = false;
    state = io::TrimRightBlanks(state);
    if (EndsWith(state, " (durable)")) {
      g->durable = more = true;
      state.remove_suffix(10);
    } else if (EndsWith(state, " (leaked)")) {
      g->leaked = more = true;
      state.remove_suffix(9);
    } else if (EndsWith(state, " (scan)")) {
      more = true;
      state.remove_suffix(7);
    }
  }
  if (state.empty()) return false;
  g->state = state;
  return true;
}

bool ParseFunctionLine(std::string_view line, RawFrame* f) {
  line = io::TrimRightBlanks(line);
  if (line.size() < 3 || line.back() != ')' || io::IsBlank(line[0]))
    return false;
  size_t open = line.rfind('(');
  if (open == 0 || open == std::string_view::npos) return false;
  std::string_view func = line.substr(0, open);
  for (char c : func) {
    if (c == ' ' || c == '\t') return false;
  }
  f->func = func;
  f->args = line.substr(open + 1, line.size() - open - 2);
  f->inlined = f->args == "...";
  f->file = std::string_view();
  f->line = 0;
  return true;
}

bool ParseFileLine(std::string_view line, RawFrame* f) {
  std::string_view s = io::TrimLeftBlanks(line);
  size_t end = s.find(" +0x");
  if (end == std::string_view::npos) end = s.find(" fp=");
  if (end != std::string_view::npos) s = s.substr(0, end);
  s = io::TrimRightBlanks(s);
  size_t colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  uint64_t n;
  size_t digits = ParseUint(s.substr(colon + 1), &n);
  if (digits == 0 || colon + 1 + digits != s.size()) return false;
  f->file = s.substr(0, colon);
  f->line = static_cast<uint32_t>(n > 0xffffffffu ? 0xffffffffu : n);
  return true;
}

DumpParser::DumpParser(DumpVisitor* visitor, io::BadLineSink* bad_lines)
    : visitor_(visitor), bad_lines_(bad_lines) {}

uint32_t DumpParser::Keep(std::string_view s) {
  // Offsets are 32-bit: a hostile goroutine of gigabytes keeps only its
  // first kMaxGoroutineText bytes of text (its frames still count).
  constexpr size_t kMaxGoroutineText = size_t{1} << 30;
  if (text_.size() + s.size() > kMaxGoroutineText) {
    s = s.substr(0, kMaxGoroutineText > text_.size()
                        ? kMaxGoroutineText - text_.size()
                        : 0);
  }
  uint32_t off = static_cast<uint32_t>(text_.size());
  text_.append(s);
  return off;
}

RawFrame DumpParser::View(const FrameSpan& f) const {
  RawFrame r;
  r.func = std::string_view(text_.data() + f.func_off, f.func_len);
  r.args = std::string_view(text_.data() + f.args_off, f.args_len);
  r.file = std::string_view(text_.data() + f.file_off, f.file_len);
  r.line = f.line;
  r.inlined = f.inlined;
  return r;
}

void DumpParser::SecondDump() {
  ++info_.dumps;
  if (info_.second_dump_line == 0) info_.second_dump_line = info_.lines;
}

void DumpParser::Bad(std::string_view reason) {
  if (!bad_lines_->Report(info_.lines, reason)) stopped_ = true;
}

void DumpParser::StartGoroutine() {
  text_.clear();
  spans_.clear();
  ancestors_.clear();
  g_ = Goroutine();
  g_.line_number = info_.lines;
  labels_len_ = 0;
}

void DumpParser::Emit() {
  if (state_ == State::kOutside || state_ == State::kRuntimeStack) return;
  frames_.clear();
  frames_.reserve(spans_.size());
  for (const FrameSpan& s : spans_) frames_.push_back(View(s));
  g_.frames = std::span<const RawFrame>(frames_.data(), frames_.size());
  g_.state = std::string_view(text_.data() + state_span_.func_off,
                              state_span_.func_len);
  if (g_.has_creator) g_.creator = View(creator_span_);
  g_.ancestors =
      std::span<const uint64_t>(ancestors_.data(), ancestors_.size());
  g_.labels = std::string_view(text_.data() + labels_off_, labels_len_);
  info_.goroutines += g_.count;
  ++info_.records;
  visitor_->OnGoroutine(g_);
  state_ = State::kOutside;
}

bool DumpParser::TryHeader(std::string_view raw) {
  size_t pos;
  if (StartsWith(raw, "goroutine ")) {
    pos = 0;
  } else if (prefix_len_ > 0 && raw.size() > prefix_len_ &&
             StartsWith(raw.substr(prefix_len_), "goroutine ")) {
    pos = prefix_len_;
  } else if (state_ == State::kOutside || state_ == State::kRuntimeStack) {
    // A log-prefixed or indented dump: find the header inside the line.
    pos = raw.find("goroutine ");
    if (pos == std::string_view::npos || pos + 10 >= raw.size() ||
        !IsDigit(raw[pos + 10]) || !EndsWith(raw, "]:")) {
      return false;
    }
  } else {
    return false;
  }
  Goroutine h;
  if (!ParseGoroutineHeader(raw.substr(pos), &h)) return false;
  Emit();  // a header right after a goroutine (no blank line) ends it
  // Every dump holds goroutine 1 (main) once: seen again, another dump of
  // the same process follows in this input.
  if (h.id == 1) {
    if (saw_goroutine_one_) SecondDump();
    saw_goroutine_one_ = info_.saw_goroutine_one = true;
  }
  prefix_len_ = pos;
  StartGoroutine();
  g_.form = DumpForm::kTraceback;
  g_.id = h.id;
  g_.wait_minutes = h.wait_minutes;
  g_.locked_to_thread = h.locked_to_thread;
  g_.durable = h.durable;
  g_.leaked = h.leaked;
  // The panicking goroutine is printed first, [running]; a signal inside
  // a cgo call (SIGSEGV in C code) prints it first in [syscall]. After
  // "fatal error: all goroutines are asleep - deadlock!" the first one is
  // simply blocked, and is judged like any other.
  g_.crashed =
      panic_pending_ &&
      (h.state == "running" || (!info_.signal.empty() && h.state == "syscall"));
  panic_pending_ = false;
  in_panic_text_ = false;
  state_span_.func_off = Keep(h.state);
  state_span_.func_len = static_cast<uint32_t>(h.state.size());
  info_.saw_traceback = true;
  state_ = State::kFrames;
  return true;
}

bool DumpParser::TryAggregatedHeader(std::string_view s) {
  // "4000 @ 0x43b256 0x40708c ..."
  uint64_t count;
  size_t n = ParseUint(s, &count);
  if (n == 0 || n >= s.size() || s.substr(n, 2) != " @") return false;
  Emit();
  StartGoroutine();
  g_.form = DumpForm::kAggregated;
  g_.count = count;
  state_span_ = FrameSpan{};
  info_.saw_aggregated = true;
  state_ = State::kAggregated;
  return true;
}

bool DumpParser::HandleFileLine(std::string_view s, FrameSpan* f) {
  RawFrame r;
  if (s.empty() || !io::IsBlank(s[0]) || !ParseFileLine(s, &r)) return false;
  f->file_off = Keep(r.file);
  f->file_len = static_cast<uint32_t>(r.file.size());
  f->line = r.line;
  return true;
}

void DumpParser::HandleFrames(std::string_view s) {
  if (s.empty()) {
    Emit();
    return;
  }
  if (io::IsBlank(s[0])) {
    std::string_view t = io::TrimLeftBlanks(s);
    if (StartsWith(t, "goroutine running on other thread")) {
      g_.stack_unavailable = true;
    } else {
      Bad("file:line without a function line");
    }
    return;
  }
  if (StartsWith(s, "goroutine running on other thread")) {
    g_.stack_unavailable = true;
    return;
  }
  if (StartsWith(s, "exit status ")) {  // `go run` after a crash
    Emit();
    ++info_.ignored_lines;
    return;
  }
  if (StartsWith(s, "created by ")) {
    HandleCreatedBy(s.substr(11));
    return;
  }
  if (HandleElided(s)) return;
  if (StartsWith(s, "[originating from goroutine ")) {
    HandleAncestor(s);
    state_ = State::kAncestor;
    return;
  }
  RawFrame f;
  if (!ParseFunctionLine(s, &f)) {
    Bad("not a stack frame");
    return;
  }
  pending_ = FrameSpan{};
  pending_.func_off = Keep(f.func);
  pending_.func_len = static_cast<uint32_t>(f.func.size());
  pending_.args_off = Keep(f.args);
  pending_.args_len = static_cast<uint32_t>(f.args.size());
  pending_.inlined = f.inlined;
  state_ = State::kFrameFile;
}

void DumpParser::HandleCreatedBy(std::string_view name) {
  size_t in = name.find(" in goroutine ");
  if (in != std::string_view::npos) {
    uint64_t parent;
    if (ParseUint(name.substr(in + 14), &parent) > 0) {
      g_.creator_goroutine = parent;
    }
    name = name.substr(0, in);
  }
  g_.has_creator = true;
  creator_span_ = FrameSpan{};
  creator_span_.func_off = Keep(name);
  creator_span_.func_len = static_cast<uint32_t>(name.size());
  state_ = State::kCreatorFile;
}

bool DumpParser::HandleElided(std::string_view s) {
  // "...additional frames elided..." (Go <= 1.20) or
  // "...N frames elided..." (Go 1.21+, in the middle of the stack).
  if (!StartsWith(s, "...") || !EndsWith(s, "elided...")) return false;
  uint64_t n = 0;
  ParseUint(s.substr(3), &n);
  g_.elided = true;
  const uint64_t sum = uint64_t{g_.elided_frames} + n;
  g_.elided_frames =
      static_cast<uint32_t>(sum < n || sum > 0xffffffffu ? 0xffffffffu : sum);
  return true;
}

void DumpParser::HandleAncestor(std::string_view s) {
  // "[originating from goroutine N]:"
  uint64_t id;
  if (ParseUint(s.substr(28), &id) > 0) ancestors_.push_back(id);
}

void DumpParser::HandleAggregated(std::string_view s) {
  if (s.empty()) {
    Emit();
    return;
  }
  s = io::TrimLeftBlanks(s);
  if (TryAggregatedHeader(s)) return;
  if (s.empty() || s[0] != '#') {
    Bad("not a debug=1 frame line");
    return;
  }
  s = io::TrimLeftBlanks(s.substr(1));
  if (StartsWith(s, "labels:")) {
    std::string_view l = io::TrimLeftBlanks(s.substr(7));
    labels_off_ = Keep(l);
    labels_len_ = static_cast<uint32_t>(l.size());
    return;
  }
  // "0xPC<ws>func+0xOFF<ws>file:LINE"; a bare "0x0" (threadcreate's
  // unknown creator) names no frame.
  if (IsHexWord(s)) return;
  size_t ws = s.find_first_of(" \t");
  if (ws == std::string_view::npos || !IsHexWord(s.substr(0, ws))) {
    Bad("not a debug=1 frame line");
    return;
  }
  s = io::TrimLeftBlanks(s.substr(ws));
  ws = s.find_first_of(" \t");
  std::string_view func = s.substr(0, ws);
  size_t plus = func.rfind("+0x");
  if (plus != std::string_view::npos && plus > 0) func = func.substr(0, plus);
  FrameSpan f{};
  f.func_off = Keep(func);
  f.func_len = static_cast<uint32_t>(func.size());
  if (ws != std::string_view::npos) {
    RawFrame r;
    if (ParseFileLine(s.substr(ws), &r)) {
      f.file_off = Keep(r.file);
      f.file_len = static_cast<uint32_t>(r.file.size());
      f.line = r.line;
    }
  }
  spans_.push_back(f);
}

void DumpParser::HandleOutside(std::string_view s) {
  if (s.empty()) return;
  std::string_view t = io::TrimLeftBlanks(s);
  if (TryAggregatedHeader(t)) return;
  // threadcreate's and goroutineleak's ?debug=1 text have the same
  // record form.
  uint64_t total;
  CountProfileKind kind;
  if (ParseCountProfileHeader(s, &total, &kind)) {
    if (info_.records > 0) SecondDump();
    // Two dumps in one input: their totals add up, as their goroutines do.
    const uint64_t before =
        info_.declared_total < 0 ? 0 : uint64_t(info_.declared_total);
    const uint64_t cap = uint64_t{INT64_MAX};
    info_.declared_total = static_cast<int64_t>(
        total >= cap || before >= cap - total ? cap : before + total);
    info_.leak_profile |= kind == CountProfileKind::kGoroutineLeak;
    info_.thread_profile |= kind == CountProfileKind::kThreadCreate;
    ++info_.ignored_lines;
    return;
  }
  if (HandleCrashText(s)) {
    ++info_.ignored_lines;
    return;
  }
  if (StartsWith(s, "SIGQUIT: quit")) {
    if (info_.records > 0) SecondDump();
    info_.sigquit = true;
  }
  if (StartsWith(s, "runtime stack:")) {
    state_ = State::kRuntimeStack;
    ++info_.ignored_lines;
    return;
  }
  if (IsPreambleLine(s)) {
    ++info_.ignored_lines;
    return;
  }
  Bad("not part of a goroutine dump");
}

// "panic: ..." / "fatal error: ..." and what continues it up to the blank
// line: nested panics ("\tpanic: second", "panic: X [recovered]"), the
// further lines of a multi-line message, the "[signal ...]" line.
bool DumpParser::HandleCrashText(std::string_view s) {
  const bool starts =
      StartsWith(s, "panic: ") || StartsWith(s, "fatal error: ");
  if (!starts && !in_panic_text_) return false;
  if (StartsWith(s, "[signal ")) {
    if (info_.signal.empty()) info_.signal = std::string(s);
    return true;
  }
  if (!starts && (IsRegisterLine(s) || StartsWith(s, "PC=") ||
                  StartsWith(s, "SIG") || StartsWith(s, "runtime: "))) {
    return false;  // preamble of a fatal signal, not the message
  }
  // Only the first crash of a (concatenated) input is kept; one that
  // follows goroutines is the start of another dump.
  if (starts && !in_panic_text_ && !info_.panic_message.empty()) {
    crash_text_done_ = true;
  }
  if (starts && !in_panic_text_ && info_.records > 0) SecondDump();
  constexpr size_t kMaxPanicText = 64 << 10;
  if (!crash_text_done_ && info_.panic_message.size() < kMaxPanicText) {
    if (!info_.panic_message.empty()) info_.panic_message.push_back('\n');
    info_.panic_message.append(s.substr(0, kMaxPanicText));
  }
  panic_pending_ = true;
  in_panic_text_ = true;
  return true;
}

void DumpParser::Line(std::string_view raw) {
  if (stopped_) return;
  ++info_.lines;
  info_.bytes += raw.size() + 1;
  raw = io::TrimRightBlanks(raw);
  if (TryHeader(raw)) {
    last_was_blank_ = false;
    return;
  }
  std::string_view s = raw;
  if (prefix_len_ > 0) {
    s = raw.size() > prefix_len_ ? raw.substr(prefix_len_) : std::string_view();
    // Blank lines of an indented dump carry no indentation at all.
    if (io::TrimLeftBlanks(s).empty()) s = std::string_view();
  }
  switch (state_) {
    case State::kOutside:
      if (s.empty()) in_panic_text_ = false;
      HandleOutside(s);
      break;
    case State::kFrames:
      HandleFrames(s);
      break;
    case State::kFrameFile:
      if (HandleFileLine(s, &pending_)) {
        spans_.push_back(pending_);
        state_ = State::kFrames;
      } else {
        Bad("function line without file:line");
        state_ = State::kFrames;
        if (!stopped_) HandleFrames(s);
      }
      break;
    case State::kCreatorFile:
      if (HandleFileLine(s, &creator_span_)) {
        state_ = State::kFrames;
      } else {
        state_ = State::kFrames;
        HandleFrames(s);
      }
      break;
    case State::kAncestor:
    case State::kAncestorFile:
      if (s.empty()) {
        Emit();
      } else if (StartsWith(s, "[originating from goroutine ")) {
        HandleAncestor(s);
      }
      break;
    case State::kRuntimeStack:
      ++info_.ignored_lines;
      if (s.empty()) state_ = State::kOutside;
      break;
    case State::kAggregated:
      HandleAggregated(s);
      break;
  }
}

void DumpParser::Finish(std::string_view unterminated_tail) {
  if (stopped_) return;
  if (!unterminated_tail.empty()) {
    // The input did not end with "\n". A tail that completes the current
    // frame is taken as is (a hand-made file without a final newline);
    // anything else is a cut-off dump (net/http/pprof stops at 64 MiB).
    std::string_view t = io::TrimRightBlanks(unterminated_tail);
    std::string_view s = t;
    if (prefix_len_ > 0) {
      s = t.size() > prefix_len_ ? t.substr(prefix_len_) : std::string_view();
    }
    RawFrame r;
    bool complete =
        t.empty() ||
        ((state_ == State::kFrameFile || state_ == State::kCreatorFile) &&
         !s.empty() && io::IsBlank(s[0]) && ParseFileLine(s, &r));
    if (complete) {
      Line(unterminated_tail);
    } else {
      ++info_.lines;
      info_.bytes += unterminated_tail.size();
      info_.truncated = true;
      info_.truncated_line = info_.lines;
      if (state_ != State::kOutside && state_ != State::kRuntimeStack) {
        g_.truncated = true;
      }
    }
  }
  if (state_ == State::kFrameFile || state_ == State::kCreatorFile) {
    // The cut fell between a function line and its file:line; the frame
    // is dropped, the goroutine kept with what came before.
    if (state_ == State::kCreatorFile) g_.has_creator = false;
    info_.truncated = true;
    if (info_.truncated_line == 0) info_.truncated_line = info_.lines;
    g_.truncated = true;
  }
  Emit();
}

bool ParseDump(io::InputFile* in, DumpVisitor* visitor,
               io::BadLineSink* bad_lines, DumpInfo* info, std::string* error) {
  DumpParser parser(visitor, bad_lines);
  io::ChunkReader chunks(in, 1 << 20);
  std::string chunk;
  std::string_view tail;
  std::string tail_copy;
  while (!parser.stopped() && chunks.Next(&chunk, "\n")) {
    const char* p = chunk.data();
    const char* end = p + chunk.size();
    while (p < end && !parser.stopped()) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (nl == nullptr) {
        // Only the last chunk can end without "\n".
        tail_copy.assign(p, end - p);
        tail = tail_copy;
        break;
      }
      parser.Line(std::string_view(p, nl - p));
      p = nl + 1;
    }
  }
  parser.Finish(tail);
  *info = parser.info();
  if (!chunks.ok()) {
    *error = chunks.error();
    return false;
  }
  return true;
}

}  // namespace goroutine
