#ifndef COMMON_GOROUTINE_DUMP_PARSER_H_
#define COMMON_GOROUTINE_DUMP_PARSER_H_

// Streaming parser for Go goroutine dumps: `?debug=2` text, panic / fatal
// error / SIGQUIT crash output, and the aggregated `?debug=1` form. It hands
// out one goroutine (or one debug=1 record) at a time to a visitor and keeps
// nothing after the callback returns, so memory stays at the size of the
// largest single goroutine whatever the dump size. Consumers (clustering,
// folded-stack conversion) intern what they need inside the callback.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/input_file.h"

namespace goroutine {

// One stack frame as printed. Views are valid only during the callback.
struct RawFrame {
  std::string_view func;  // "main.(*server).handleSearch", "main.Map[...]"
  std::string_view args;  // text inside the parentheses; "..." when inlined
  std::string_view file;  // "/abs/path/pipeline.go"; empty if not shown
  uint32_t line = 0;      // 0 if not shown
  bool inlined = false;   // "(...)" arguments and no "+0x" offset
};

// Which dump form a goroutine came from.
enum class DumpForm { kTraceback, kAggregated };

// One goroutine (debug=2 / crash form) or one aggregated record (debug=1,
// `count` goroutines sharing a stack). Views are valid only during the
// callback.
struct Goroutine {
  DumpForm form = DumpForm::kTraceback;
  uint64_t id = 0;     // goroutine id; 0 for debug=1 records
  uint64_t count = 1;  // goroutines this record stands for
  // Wait reason without the wait time and flags: "chan send",
  // "chan send (nil chan)", "select (no cases)". Empty for debug=1.
  std::string_view state;
  int32_t wait_minutes = -1;  // "[state, N minutes]"; -1 when not shown
  bool locked_to_thread = false;
  bool durable = false;  // "(durable)" marker (synctest bubbles)
  bool leaked = false;   // "(leaked)": the runtime proved it (Go 1.26)
  bool stack_unavailable = false;  // "running on other thread"
  bool crashed = false;    // first goroutine after a "panic:"/"fatal error:"
  bool truncated = false;  // the input ended inside this goroutine
  uint32_t elided_frames = 0;        // "...N frames elided..." (sum)
  bool elided = false;               // any elision marker seen
  std::span<const RawFrame> frames;  // top (innermost) first
  bool has_creator = false;
  RawFrame creator;                // "created by F" and its file:line
  uint64_t creator_goroutine = 0;  // "created by F in goroutine N"; 0 if none
  std::span<const uint64_t> ancestors;  // "[originating from goroutine N]"
  std::string_view labels;              // debug=1 "# labels: {...}"
  uint64_t line_number = 0;             // 1-based line of the header
};

// Receives the parsed goroutines. Malformed lines go to the parser's
// io::BadLineSink instead.
class DumpVisitor {
 public:
  virtual ~DumpVisitor() = default;
  virtual void OnGoroutine(const Goroutine& g) = 0;
};

// What the parser learned about the dump as a whole.
struct DumpInfo {
  uint64_t goroutines = 0;      // sum of counts handed to the visitor
  uint64_t records = 0;         // goroutines + debug=1 records handed out
  int64_t declared_total = -1;  // "goroutine profile: total N"
  // The crash text: "panic: ..." / "fatal error: ..." with the lines that
  // continue it (a multi-line message, nested "\tpanic: ..." panics,
  // "[recovered]"), joined by "\n"; the first crash only.
  std::string panic_message;
  std::string signal;           // "[signal SIGSEGV: ...]" of the crash
  bool leak_profile = false;    // "goroutineleak profile: total N"
  bool thread_profile = false;  // "threadcreate profile: total N"
  bool sigquit = false;         // "SIGQUIT: quit" preamble seen
  bool truncated = false;       // input cut inside a goroutine / mid-line
  uint64_t truncated_line = 0;  // line where the cut was noticed
  uint64_t lines = 0;
  uint64_t bytes = 0;
  uint64_t ignored_lines = 0;   // preamble, registers, "runtime stack:" ...
  bool saw_traceback = false;   // debug=2 / crash form seen
  bool saw_aggregated = false;  // debug=1 form seen
  // Dumps in this input: a second one starts at a header that follows
  // goroutines ("goroutine profile:", "SIGQUIT: quit", "panic:"), or at
  // goroutine 1 seen again. Their goroutines are counted together.
  uint64_t dumps = 1;
  uint64_t second_dump_line = 0;   // line where the second starts; 0 none
  bool saw_goroutine_one = false;  // goroutine 1 (main) is in this input
};

// The line-driven state machine. Feed lines (without "\n"; a trailing "\r"
// is ignored) and call Finish() at the end of the input. Each malformed line
// is reported to `bad_lines` (its line number, 1-based); when the sink says
// stop (strict mode) the parser ignores everything after it, Finish()
// included, and stopped() turns true.
class DumpParser {
 public:
  DumpParser(DumpVisitor* visitor, io::BadLineSink* bad_lines);

  void Line(std::string_view line);
  bool stopped() const { return stopped_; }
  // Ends the input. `unterminated_tail` is the last line when the input
  // did not end with "\n"; unless it completes the current frame, it marks
  // a dump cut off mid-line (net/http/pprof stops at 64 MiB).
  void Finish(std::string_view unterminated_tail = {});
  const DumpInfo& info() const { return info_; }

 private:
  enum class State {
    kOutside,       // between goroutines, preamble, registers
    kFrames,        // inside a goroutine, expecting a frame or "created by"
    kFrameFile,     // after a function line, expecting its file:line
    kCreatorFile,   // after "created by", expecting its file:line
    kAncestor,      // inside "[originating from goroutine N]:" frames
    kAncestorFile,  // ancestor frame's file line
    kRuntimeStack,  // "runtime stack:" block of a fatal error (no header)
    kAggregated,    // inside a debug=1 record
  };
  struct FrameSpan {  // offsets into text_
    uint32_t func_off, func_len, args_off, args_len, file_off, file_len;
    uint32_t line;
    bool inlined;
  };

  void HandleOutside(std::string_view raw);
  bool HandleCrashText(std::string_view s);
  bool TryHeader(std::string_view raw);
  bool TryAggregatedHeader(std::string_view s);
  void HandleFrames(std::string_view s);
  void HandleCreatedBy(std::string_view name);
  bool HandleElided(std::string_view s);
  void HandleAncestor(std::string_view s);
  void HandleAggregated(std::string_view s);
  bool HandleFileLine(std::string_view s, FrameSpan* f);
  void StartGoroutine();
  void Emit();
  void Bad(std::string_view reason);
  void SecondDump();
  uint32_t Keep(std::string_view s);
  RawFrame View(const FrameSpan& f) const;

  DumpVisitor* visitor_;
  io::BadLineSink* bad_lines_;
  bool stopped_ = false;
  DumpInfo info_;
  State state_ = State::kOutside;
  size_t prefix_len_ = 0;  // log prefix / indentation before each line
  bool panic_pending_ = false;
  bool in_panic_text_ = false;    // after "panic:", until a blank line
  bool crash_text_done_ = false;  // a second crash text is not kept
  bool last_was_blank_ = true;
  bool saw_goroutine_one_ = false;

  // The goroutine being read. text_ holds copies of its strings (input
  // lines do not outlive a read block); cleared per goroutine, reused.
  std::string text_;
  Goroutine g_;
  FrameSpan state_span_{};
  std::vector<FrameSpan> spans_;
  FrameSpan pending_{};
  FrameSpan creator_span_{};
  uint32_t labels_off_ = 0, labels_len_ = 0;
  std::vector<RawFrame> frames_;
  std::vector<uint64_t> ancestors_;
};

// Header forms, exposed for tests. Parses "goroutine N [...]:" (with
// optional Go 1.22+ "gp=0x.. m=.. mp=.." between the id and the bracket).
// On success fills id, state (a view into `line`, without the "(durable)",
// "(leaked)" and "(scan)" markers), wait_minutes, locked_to_thread,
// durable and leaked of *g.
bool ParseGoroutineHeader(std::string_view line, Goroutine* g);
// Parses "pkg.Func(args)" into func and args; false if not a frame line.
bool ParseFunctionLine(std::string_view line, RawFrame* f);
// Parses "\t/path/file.go:123 +0x1d fp=.. sp=.. pc=.." into file and line.
bool ParseFileLine(std::string_view line, RawFrame* f);

// Reads a whole input and feeds it to a parser, reporting malformed lines
// to `bad_lines` (whose source the caller names); stops reading where a
// strict sink says stop. Returns false when the input could not be read
// (error in *error); a partial read still delivers everything read before
// the failure.
bool ParseDump(io::InputFile* in, DumpVisitor* visitor,
               io::BadLineSink* bad_lines, DumpInfo* info, std::string* error);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_DUMP_PARSER_H_
