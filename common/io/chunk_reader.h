#ifndef COMMON_IO_CHUNK_READER_H_
#define COMMON_IO_CHUNK_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/io/input_file.h"

namespace io {

// Hands out an input in large chunks that each end right after a separator
// ("\n" for lines, "\n\n" for perf samples), so a chunk can be parsed on its
// own, on any thread. Memory stays at a few chunks whatever the input size:
// a line longer than max_line() (a binary stream, /dev/zero, a file with no
// newline) is not kept but replaced by kOverlongLine, one line that no
// parser's grammar accepts, so the parser counts it as a bad line at the
// right line number and reading goes on after it.
class ChunkReader {
 public:
  // What an overlong line becomes. It starts with DEL, which no line of a
  // supported format starts with.
  static constexpr std::string_view kOverlongLine =
      "\x7f[line longer than the line limit, skipped]";
  // The default limit: 16 MiB, far beyond any real folded line or frame.
  static constexpr size_t kDefaultMaxLine = io::kDefaultMaxLine;

  // max_line defaults to the run's limit (--max-line-mib, io/limits.h).
  explicit ChunkReader(InputFile* in, size_t chunk_size = 1 << 20,
                       size_t max_line = Limits().max_line);

  // Replaces *chunk with the next chunk. Returns false at the end of input
  // or on a read error (then ok() is false).
  bool Next(std::string* chunk, std::string_view separator);

  // Same, with the cut chosen by `find_cut`: given the data read so far, it
  // returns how many leading bytes form whole records (the chunk), or npos
  // when no record ends yet (more is read and it is asked again).
  bool Next(std::string* chunk,
            const std::function<size_t(std::string_view)>& find_cut);

  // Same, without copying when the input is mapped (InputFile::Map): *chunk
  // is then a view into the mapping, valid while the input is open. When
  // it is not mapped, or when a chunk could hold a line past max_line()
  // (which must become kOverlongLine), the chunk is read into *storage and
  // *chunk views that.
  bool NextView(std::string_view* chunk, std::string* storage,
                const std::function<size_t(std::string_view)>& find_cut);

  size_t max_line() const { return max_line_; }
  // Lines replaced by kOverlongLine so far, and the decompressed byte offset
  // where the first of them started.
  uint64_t overlong_lines() const { return overlong_lines_; }
  uint64_t first_overlong_offset() const { return first_overlong_offset_; }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  // How many leading bytes of a mapped input's unread `rest` form the next
  // chunk, or npos when a line in them could be past the limit.
  size_t MappedCut(std::string_view rest,
                   const std::function<size_t(std::string_view)>& find_cut);
  // Reads more into *chunk; false at the end or on an error.
  bool ReadMore(std::string* chunk);
  // Replaces every line of *chunk past the limit with kOverlongLine; one
  // still open at the end is cut and the rest of it dropped from the input.
  void CutOverlongLines(std::string* chunk);
  // Counts a line replaced at `pos` of the chunk being read.
  void NoteOverlong(size_t pos, size_t length);
  // Reads on to the end of the current line, dropping it, and appends what
  // follows its newline (from the newline on). False at the end of input.
  bool DropRestOfLine(std::string* chunk);

  InputFile* in_;
  size_t chunk_size_;
  size_t max_line_;
  size_t line_start_ = 0;  // where the last line of the chunk being read starts
  uint64_t overlong_lines_ = 0;
  uint64_t first_overlong_offset_ = 0;
  uint64_t dropped_ = 0;  // bytes dropped inside overlong lines
  std::string carry_;
  bool eof_ = false;
  uint64_t next_offset_ = 0;
  std::string error_;
};

}  // namespace io

#endif  // COMMON_IO_CHUNK_READER_H_
