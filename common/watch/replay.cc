#include "common/watch/replay.h"

#include <string>

#include "common/watch/duration.h"
#include "common/watch/fire_text.h"

namespace watch {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// The next whitespace-separated field of *rest ("" at the end).
std::string_view NextField(std::string_view* rest) {
  size_t i = 0;
  while (i < rest->size() && IsSpace((*rest)[i])) ++i;
  size_t j = i;
  while (j < rest->size() && !IsSpace((*rest)[j])) ++j;
  std::string_view field = rest->substr(i, j - i);
  rest->remove_prefix(j);
  return field;
}

}  // namespace

const char* Replayer::Line(std::string_view line, io::OutputBuffer* out) {
  const size_t hash = line.find('#');
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  std::string_view rest = line;
  const std::string_view secs = NextField(&rest);
  if (secs.empty()) return nullptr;  // blank or comment only
  const std::string_view name = NextField(&rest);
  const std::string_view value_text = NextField(&rest);
  if (value_text.empty()) return "expected SECONDS METRIC VALUE";
  if (!NextField(&rest).empty()) return "more than SECONDS METRIC VALUE";
  double seconds = 0, value = 0;
  Metric metric;
  if (!ParseDuration(secs, &seconds)) return "SECONDS is not a number";
  if (!ParseMetric(name, &metric)) return "unknown METRIC";
  if (!ParseValue(metric, value_text, &value)) {
    return "VALUE is not a value of its metric";
  }
  if (any_ && seconds < last_seconds_) return "SECONDS goes backwards";
  any_ = true;
  last_seconds_ = seconds;
  if (auto fire = engine_->Observe(seconds, metric, value)) {
    ++fires_;
    out->Write("fire ");
    out->Write(secs);
    out->Put(' ');
    out->Write(name);
    out->Put(' ');
    out->Write(value_text);
    out->Put(' ');
    out->Write(FireEvidence(*fire));
    out->Put('\n');
  }
  return nullptr;
}

bool ReplayLines(io::LineReader* reader, Replayer* replayer,
                 io::OutputBuffer* out, io::BadLineSink* bad) {
  std::string_view line;
  while (reader->Next(&line)) {
    if (const char* why = replayer->Line(line, out)) {
      if (!bad->Report(reader->line_number(), why)) return false;
    }
  }
  return reader->ok();
}

}  // namespace watch
