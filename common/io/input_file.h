#ifndef COMMON_IO_INPUT_FILE_H_
#define COMMON_IO_INPUT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/gzip_stream.h"
#include "common/io/limits.h"

namespace io {

// One input of a tool: a named file or standard input ("-"), read as a byte
// stream. Gzip data is detected by its magic bytes and inflated on the fly
// (concatenated gzip members too), so every tool reads .gz transparently.
class InputFile {
 public:
  // Opens `path` ("-" means stdin). On failure returns nullptr and sets
  // *error to a message that names the file, e.g. "x.txt: No such file".
  static std::unique_ptr<InputFile> Open(const std::string& path,
                                         std::string* error);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Reads up to `n` bytes of (decompressed) data. Returns the count, 0 at
  // the end, or -1 on an error (see error()).
  long Read(char* buf, size_t n);

  // Returns up to the first `n` bytes of (decompressed) data without
  // consuming them: later Read calls return them again. For detecting the
  // format of an input before choosing its parser. Returns false on error.
  bool Peek(size_t n, std::string* out);

  // Maps a regular, uncompressed file opened by name into memory, so that
  // its unread bytes can be handed out as views (MappedRest) instead of
  // being copied by read(2): on a large input that copy was a tenth of
  // stackfold's time. False when it cannot (stdin, pipes, gzip data, an
  // empty file, mmap failing); the input is then read as before. Read and
  // Peek keep working after it, from the mapping. The file must not shrink
  // while mapped (as with any mmap, touching a page past the new end
  // raises SIGBUS).
  bool Map();
  bool mapped() const { return map_ != nullptr; }
  // The unread bytes of a mapped input, valid while it is open.
  std::string_view MappedRest() const;
  // Marks the first `n` bytes of MappedRest as read. Pages well behind the
  // read position are dropped from the process's memory (they stay in the
  // page cache and are re-read if touched again), so memory stays at a
  // few chunks, not the file's size.
  void Consume(size_t n);

  // The name used in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }
  bool gzipped() const { return gzipped_; }
  // Why the last Read returned -1; names the file and the byte offset.
  const std::string& error() const { return error_; }

 private:
  InputFile(int fd, std::string name, bool owns_fd);
  bool Sniff();
  long ReadRaw(char* buf, size_t n);
  long ReadGzip(char* buf, size_t n);
  // Read or Peek's source: decoded bytes, noted for the out-of-memory
  // message (io/reading_now.h).
  long ReadDecoded(char* buf, size_t n);
  long DecodeSome(char* buf, size_t n);
  // Drops the mapped pages more than kMappedLag bytes behind map_pos_.
  void ReleaseBehind();
  void PopulateAhead();

  int fd_;
  bool owns_fd_;
  std::string name_;
  std::string error_;
  bool sniffed_ = false;
  bool gzipped_ = false;
  // Bytes read before the format was known; handed out first.
  std::vector<char> pending_;
  size_t pending_pos_ = 0;
  // Bytes handed out by Peek, returned first by Read.
  std::string peeked_;
  size_t peeked_pos_ = 0;
  // Gzip input: the inflater and the compressed block it reads.
  std::unique_ptr<GzipStream> gzip_;
  std::vector<unsigned char> zbuf_;
  // Bytes handed out by Read so far: the file offset Map starts from.
  uint64_t position_ = 0;
  // A mapped input: the whole file, the read position in it, and how much
  // of its start has been dropped from memory.
  const char* map_ = nullptr;
  size_t map_size_ = 0;
  size_t map_pos_ = 0;
  size_t released_ = 0;
  size_t populated_ = 0;
};

// "NAME: more than N MiB after decompression (the limit for an input read
// whole; raise it with --max-input-mib)".
std::string TooLargeMessage(const std::string& name, uint64_t max_bytes);

// Reads all the rest of `in` (decompressed) into *out. Returns false with
// *error on a read error or when it holds more than `max_bytes`.
bool ReadAll(InputFile* in, std::string* out, std::string* error,
             uint64_t max_bytes = Limits().max_whole_input);

// Opens `path` and reads it whole (ReadAll).
bool ReadWholeFile(const std::string& path, std::string* out,
                   std::string* error,
                   uint64_t max_bytes = Limits().max_whole_input);

// True when `data` starts with the gzip magic bytes.
bool LooksGzipped(const void* data, size_t n);

}  // namespace io

#endif  // COMMON_IO_INPUT_FILE_H_
