#ifndef COMMON_WATCH_REPLAY_H_
#define COMMON_WATCH_REPLAY_H_

// --replay FILE: the rules applied to recorded samples, no target. Each
// line is "SECONDS METRIC VALUE" (VALUE in the metric's unit, as in the
// rules); '#' starts a comment, blank lines are skipped. Every fire writes
// "fire SECONDS METRIC VALUE avg=... window=N rule=... by=...".

#include <string_view>

#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"
#include "common/watch/rule_engine.h"

namespace watch {

class Replayer {
 public:
  explicit Replayer(RuleEngine* engine) : engine_(engine) {}

  // One line of the file; appends the fire line, if any, to *out. Returns
  // nullptr, or why the line was refused (it is then skipped).
  const char* Line(std::string_view line, io::OutputBuffer* out);

  uint64_t fires() const { return fires_; }

 private:
  RuleEngine* engine_;
  double last_seconds_ = 0;
  bool any_ = false;
  uint64_t fires_ = 0;
};

// Reads every line of `reader` into `replayer`, reporting refused lines to
// *bad (a strict sink stops at the first). Returns false on a read error or
// a stop.
bool ReplayLines(io::LineReader* reader, Replayer* replayer,
                 io::OutputBuffer* out, io::BadLineSink* bad);

}  // namespace watch

#endif  // COMMON_WATCH_REPLAY_H_
