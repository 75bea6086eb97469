#ifndef COMMON_IO_BAD_LINES_H_
#define COMMON_IO_BAD_LINES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace io {

// Where every parser reports a malformed line or record that it skips: the
// one bad-line mechanism of the project. It counts them, remembers the
// first, and answers whether to go on. In strict mode (--strict) the first
// report answers "stop", so a parser stops there instead of reading the
// rest. Good records beside bad ones are never dropped by the sink; it is
// the parser's job to keep them.
//
// Parsers call Report(); the tool prints the outcome once, through
// cli::ReportBadLines, so the message has the same shape in every tool.
class BadLineSink {
 public:
  explicit BadLineSink(bool strict = false) : strict_(strict) {}

  // Names the input that the next reports are about ("perf.txt", "-").
  void set_source(std::string_view name) { source_.assign(name); }
  const std::string& source() const { return source_; }

  // Records `count` bad lines, the first of them at `line` (1-based) of the
  // current source. Call in input order: the first report is the one named.
  // Returns true to go on, false to stop (strict mode).
  bool Report(uint64_t line, std::string_view reason, uint64_t count = 1);

  // Adds the reports of `later`, which come after these in the input (a
  // parallel parser's chunks, merged in order); its line numbers count from
  // `line_offset` lines into the input.
  void Merge(const BadLineSink& later, uint64_t line_offset = 0);

  bool strict() const { return strict_; }
  // True once a strict sink has seen a bad line: the parse must stop.
  bool stopped() const { return strict_ && count_ > 0; }
  uint64_t count() const { return count_; }

  // "file:line: reason" of the first bad line; empty when there was none.
  std::string first() const;
  const std::string& first_source() const { return first_source_; }
  uint64_t first_line() const { return first_line_; }
  const std::string& first_reason() const { return first_reason_; }

 private:
  bool strict_;
  std::string source_;
  uint64_t count_ = 0;
  std::string first_source_;
  uint64_t first_line_ = 0;
  std::string first_reason_;
};

}  // namespace io

#endif  // COMMON_IO_BAD_LINES_H_
