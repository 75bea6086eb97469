#include "common/formats/input_format.h"

#include "common/io/line_reader.h"
#include "common/perf/sample_header.h"
#include "common/stack/folded_text.h"

namespace formats {
namespace {

struct Named {
  InputFormat format;
  std::string_view name;
};
constexpr Named kNames[] = {
    {InputFormat::kPerfScript, "perf"},
    {InputFormat::kPprof, "pprof"},
    {InputFormat::kLegacyHeap, "heap-text"},
    {InputFormat::kLegacyCount, "count-text"},
    {InputFormat::kGoroutineDump, "goroutines"},
    {InputFormat::kFolded, "folded"},
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Text is mostly printable; a protobuf is not (field tags, varints).
bool LooksBinary(std::string_view head) {
  size_t n = std::min<size_t>(head.size(), 512);
  size_t odd = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = head[i];
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) ++odd;
  }
  return n > 0 && odd * 20 > n;  // more than 5% control bytes
}

// "goroutine 1 [running]:" or Go 1.22+ "goroutine 1 gp=0x.. m=0 mp=0x.. [..]:"
bool IsGoroutineHeader(std::string_view line) {
  // Log-prefixed dumps carry text before "goroutine ".
  size_t at = line.find("goroutine ");
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + 10);
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
    ++digits;
  }
  return digits > 0 && rest.find('[') != std::string_view::npos &&
         !rest.empty() && rest.back() == ':';
}

}  // namespace

InputFormat DetectFormat(std::string_view head) {
  if (head.empty()) return InputFormat::kUnknown;
  // pprof's first field is sample_type (field 1, length-delimited: 0x0a);
  // some writers start with another field, so also accept binary data.
  if (LooksBinary(head)) return InputFormat::kPprof;
  io::LineSplitter lines(head);
  std::string_view line;
  int folded_lines = 0, other_lines = 0;
  perf::SampleHeader header;
  bool prev_was_perf_header = false;
  while (lines.Next(&line)) {
    if (StartsWith(line, "heap profile:")) return InputFormat::kLegacyHeap;
    if (StartsWith(line, "goroutine profile: total") ||
        StartsWith(line, "threadcreate profile: total")) {
      return InputFormat::kLegacyCount;
    }
    if (IsGoroutineHeader(line)) return InputFormat::kGoroutineDump;
    if (line.empty()) {
      prev_was_perf_header = false;
      continue;
    }
    if (StartsWith(line, "# ========") || StartsWith(line, "# captured on")) {
      return InputFormat::kPerfScript;
    }
    if (prev_was_perf_header && line[0] == '\t')
      return InputFormat::kPerfScript;
    prev_was_perf_header =
        line[0] != '\t' && perf::ParseSampleHeader(line, &header);
    // A one-line perf sample: the header carries the frame.
    if (prev_was_perf_header && !header.rest.empty() &&
        header.rest.back() == ')') {
      return InputFormat::kPerfScript;
    }
    stack::FoldedLine folded;
    if (line[0] != '\t' && stack::SplitFoldedLine(line, &folded)) {
      ++folded_lines;
    } else if (line.data() + line.size() == head.data() + head.size() &&
               head.back() != '\n') {
      // The head may end inside a line (deep stacks make folded lines of
      // 100 KiB and more): a cut line says nothing, unless it is all
      // there is and reads like the start of a stack.
      if (folded_lines + other_lines == 0 && line[0] != '\t' &&
          line.find(';') != std::string_view::npos) {
        ++folded_lines;
      }
    } else {
      ++other_lines;
    }
  }
  if (folded_lines > 0 && folded_lines >= 4 * other_lines) {
    return InputFormat::kFolded;
  }
  return InputFormat::kUnknown;
}

std::string_view FormatName(InputFormat format) {
  for (const Named& n : kNames) {
    if (n.format == format) return n.name;
  }
  return "unknown";
}

bool ParseFormatName(std::string_view name, InputFormat* format) {
  for (const Named& n : kNames) {
    if (n.name == name) {
      *format = n.format;
      return true;
    }
  }
  return false;
}

std::string_view FormatNames() {
  return "perf, pprof, heap-text, count-text, goroutines, folded";
}

}  // namespace formats
