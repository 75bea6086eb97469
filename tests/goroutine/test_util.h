#ifndef TESTS_GOROUTINE_TEST_UTIL_H_
#define TESTS_GOROUTINE_TEST_UTIL_H_

// Helpers for the goroutine tests: a visitor that copies what the parser
// hands out (and a sink for what it skips), and parsing from a string.

#include <string>
#include <string_view>
#include <vector>

#include "common/goroutine/dump_parser.h"
#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"

namespace goroutine_test {

struct OwnedFrame {
  std::string func, args, file;
  uint32_t line = 0;
  bool inlined = false;
};

struct OwnedGoroutine {
  goroutine::DumpForm form;
  uint64_t id = 0, count = 0;
  std::string state;
  int32_t wait_minutes = -1;
  bool locked = false, durable = false, unavailable = false, crashed = false,
       truncated = false, elided = false;
  uint32_t elided_frames = 0;
  std::vector<OwnedFrame> frames;
  bool has_creator = false;
  OwnedFrame creator;
  uint64_t creator_goroutine = 0;
  std::vector<uint64_t> ancestors;
  std::string labels;
};

inline OwnedFrame Own(const goroutine::RawFrame& f) {
  return OwnedFrame{std::string(f.func), std::string(f.args),
                    std::string(f.file), f.line, f.inlined};
}

class Collector : public goroutine::DumpVisitor {
 public:
  void OnGoroutine(const goroutine::Goroutine& g) override {
    OwnedGoroutine o;
    o.form = g.form;
    o.id = g.id;
    o.count = g.count;
    o.state = std::string(g.state);
    o.wait_minutes = g.wait_minutes;
    o.locked = g.locked_to_thread;
    o.durable = g.durable;
    o.unavailable = g.stack_unavailable;
    o.crashed = g.crashed;
    o.truncated = g.truncated;
    o.elided = g.elided;
    o.elided_frames = g.elided_frames;
    for (const auto& f : g.frames) o.frames.push_back(Own(f));
    o.has_creator = g.has_creator;
    if (g.has_creator) o.creator = Own(g.creator);
    o.creator_goroutine = g.creator_goroutine;
    o.ancestors.assign(g.ancestors.begin(), g.ancestors.end());
    o.labels = std::string(g.labels);
    goroutines.push_back(std::move(o));
  }
  std::vector<OwnedGoroutine> goroutines;
  io::BadLineSink bad;  // what the parser skipped
};

// Feeds `text` line by line like ParseDump does (last line without "\n"
// goes to Finish as the unterminated tail), until the parser stops.
inline goroutine::DumpInfo Parse(std::string_view text, Collector* c) {
  goroutine::DumpParser p(c, &c->bad);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    p.Line(line);
    pos = nl + 1;
  }
  p.Finish(text.substr(pos));
  return p.info();
}

}  // namespace goroutine_test

#endif  // TESTS_GOROUTINE_TEST_UTIL_H_
