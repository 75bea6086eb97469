#ifndef COMMON_IO_OUTPUT_BUFFER_H_
#define COMMON_IO_OUTPUT_BUFFER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace io {

// Buffered writer to a file descriptor (stdout by default): one write(2) per
// large block instead of per line. Flushes on destruction.
class OutputBuffer {
 public:
  explicit OutputBuffer(int fd = 1, size_t capacity = 1 << 16);
  ~OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  void Write(std::string_view s) {
    if (buf_.size() + s.size() > capacity_) FlushBuffer();
    if (s.size() > capacity_) {
      WriteRaw(s);
    } else {
      buf_.append(s);
    }
  }
  void Put(char c) {
    if (buf_.size() + 1 > capacity_) FlushBuffer();
    buf_.push_back(c);
  }
  // Writes a decimal integer.
  void WriteInt(int64_t v);
  void WriteUint(uint64_t v);

  // Writes out everything buffered. Returns false if any write failed.
  bool Flush();
  bool failed() const { return failed_; }

 private:
  void FlushBuffer();
  void WriteRaw(std::string_view s);

  int fd_;
  size_t capacity_;
  std::string buf_;
  bool failed_ = false;
};

// Collects output in memory (for tests and for writers that need a string).
class StringOutput {
 public:
  void Write(std::string_view s) { out_.append(s); }
  void Put(char c) { out_.push_back(c); }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

}  // namespace io

#endif  // COMMON_IO_OUTPUT_BUFFER_H_
