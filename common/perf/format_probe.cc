#include "common/perf/format_probe.h"

#include "common/io/line_reader.h"
#include "common/perf/frame_line.h"
#include "common/perf/sample_header.h"

namespace perf {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool LooksLikePerfScript(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  SampleHeader header;
  bool after_header = false;
  int headers = 0, bare_frames = 0, others = 0;
  while (lines.Next(&line)) {
    if (line.empty()) {
      after_header = false;
      continue;
    }
    if (StartsWith(line, "# ========") || StartsWith(line, "# captured on")) {
      return true;
    }
    // Inside a sample the parser takes any line that starts with an
    // address as a frame, indented by a tab, by spaces (older perf and
    // re-emitters) or not at all.
    std::string_view pc;
    if (after_header && FrameTextStart(line, &pc) != 0) return true;
    // The parser's rule: a header never starts with a tab.
    after_header = line[0] != '\t' && ParseSampleHeader(line, &header);
    if (after_header) {
      ++headers;
    } else if (line[0] == '\t' && FrameTextStart(line, &pc) != 0) {
      ++bare_frames;  // `perf script -F ip,sym`: frames without headers
    } else if (line[0] != '#') {
      ++others;
    }
    // A one-line sample carries its only frame after the event.
    if (after_header && FrameTextStart(header.rest, &pc) != 0 &&
        !header.rest.empty() && header.rest.back() == ')') {
      return true;
    }
  }
  // Samples recorded without call chains (--max-stack 0): headers alone.
  if (headers >= 2 && headers >= 4 * (others + bare_frames)) return true;
  // Output without header fields (-F ip,sym): tab-indented frames alone,
  // as the parser reads them when the input has no event at all.
  return headers == 0 && bare_frames >= 4 && bare_frames >= 4 * others;
}

}  // namespace perf
