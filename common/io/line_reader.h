#ifndef COMMON_IO_LINE_READER_H_
#define COMMON_IO_LINE_READER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/io/chunk_reader.h"
#include "common/io/input_file.h"

namespace io {

// Splits a block of text into lines without copying. A line excludes its
// "\n" and a "\r" before it (CRLF input); the last line may lack "\n".
class LineSplitter {
 public:
  explicit LineSplitter(std::string_view text) : text_(text) {}

  bool Next(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    const char* start = text_.data() + pos_;
    const void* nl = std::memchr(start, '\n', text_.size() - pos_);
    size_t len =
        nl ? static_cast<const char*>(nl) - start : text_.size() - pos_;
    pos_ += len + (nl ? 1 : 0);
    if (len > 0 && start[len - 1] == '\r') --len;
    *line = std::string_view(start, len);
    return true;
  }
  // Offset of the next unread byte within the text.
  size_t pos() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Reads an input line by line in large blocks; lines are views into an
// internal buffer, valid until the next call to Next().
class LineReader {
 public:
  explicit LineReader(InputFile* in, size_t block_size = 256 * 1024,
                      size_t max_line = Limits().max_line)
      : chunks_(in, block_size, max_line), splitter_(std::string_view()) {}

  bool Next(std::string_view* line) {
    while (!splitter_.Next(line)) {
      if (!chunks_.Next(&chunk_, "\n")) return false;
      splitter_ = LineSplitter(chunk_);
    }
    ++line_number_;
    return true;
  }
  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  bool ok() const { return chunks_.ok(); }
  const ChunkReader& chunks() const { return chunks_; }
  const std::string& error() const { return chunks_.error(); }

 private:
  ChunkReader chunks_;
  std::string chunk_;
  LineSplitter splitter_;
  uint64_t line_number_ = 0;
};

}  // namespace io

#endif  // COMMON_IO_LINE_READER_H_
