#include "common/formats/trial_parse.h"

#include <vector>

#include "common/dtrace/collapser.h"
#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"
#include "common/perf/chunk_folder.h"
#include "common/stack/folded_text.h"

namespace formats {
namespace {

constexpr InputFormat kCandidates[] = {
    InputFormat::kPerfScript, InputFormat::kDtrace, InputFormat::kFolded};

TrialResult TryPerf(std::string_view text) {
  perf::ChunkFolder folder(perf::CollapseOptions(), "");
  folder.Fold(text);
  perf::FoldStats stats = folder.TakeStats();
  TrialResult r{InputFormat::kPerfScript, 0, stats.bad.count()};
  // A perf sample's lines: all but the bad ones, when any sample was read.
  if (stats.samples > 0 && stats.lines > r.bad) r.good = stats.lines - r.bad;
  return r;
}

TrialResult TryDtrace(std::string_view text) {
  stack::FoldedStacks folded;
  io::BadLineSink bad;
  TrialResult r{InputFormat::kDtrace, 0, 0};
  const uint64_t good = dtrace::FoldDtraceText(text, &folded, &bad);
  r.bad = bad.count();
  if (folded.stacks.size() > 0) r.good = good;
  return r;
}

// Folded text: every line that is not blank or a "#" comment is a stack
// line or a bad one (the rule ReadFolded applies).
TrialResult TryFolded(std::string_view text) {
  TrialResult r{InputFormat::kFolded, 0, 0};
  io::LineSplitter lines(text);
  std::string_view line;
  stack::FoldedLine f;
  while (lines.Next(&line)) {
    if (line.empty() || line[0] == '#') continue;
    if (stack::SplitFoldedLine(line, &f)) {
      ++r.good;
    } else {
      ++r.bad;
    }
  }
  return r;
}

// The head up to its last newline: a line cut by the end of the prefix
// would count as a bad line of every parser.
std::string_view WholeLines(std::string_view head) {
  const size_t nl = head.rfind('\n');
  return nl == std::string_view::npos ? head : head.substr(0, nl + 1);
}

}  // namespace

TrialResult TryParse(InputFormat format, std::string_view head) {
  const std::string_view text = WholeLines(head);
  switch (format) {
    case InputFormat::kPerfScript:
      return TryPerf(text);
    case InputFormat::kDtrace:
      return TryDtrace(text);
    case InputFormat::kFolded:
      return TryFolded(text);
    default:
      return TrialResult{format, 0, 0};
  }
}

InputFormat DetectByTrialParse(std::string_view head, std::string* why) {
  std::vector<TrialResult> read;
  for (InputFormat f : kCandidates) {
    TrialResult r = TryParse(f, head);
    if (r.good > 0) read.push_back(r);
  }
  why->clear();
  for (const TrialResult& r : read) {
    *why += std::string(why->empty() ? "" : "; ") +
            std::string(FormatName(r.format)) + " read " +
            std::to_string(r.good) + " lines, rejected " +
            std::to_string(r.bad);
  }
  for (const TrialResult& r : read) {
    if (r.good < r.bad) continue;
    bool clearly = true;
    for (const TrialResult& o : read) {
      if (o.format != r.format && r.bad * 2 > o.bad) clearly = false;
    }
    if (clearly) return r.format;
  }
  return InputFormat::kUnknown;
}

}  // namespace formats
