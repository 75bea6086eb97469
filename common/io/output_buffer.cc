#include "common/io/output_buffer.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace io {

OutputBuffer::OutputBuffer(int fd, size_t capacity)
    : fd_(fd), capacity_(capacity) {
  buf_.reserve(capacity_);
}

OutputBuffer::~OutputBuffer() { Flush(); }

void OutputBuffer::WriteInt(int64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
  Write(std::string_view(tmp, r.ptr - tmp));
}

void OutputBuffer::WriteUint(uint64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
  Write(std::string_view(tmp, r.ptr - tmp));
}

void OutputBuffer::WriteRaw(std::string_view s) {
  while (!s.empty() && !failed_) {
    ssize_t n = ::write(fd_, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      return;
    }
    s.remove_prefix(n);
  }
}

void OutputBuffer::FlushBuffer() {
  WriteRaw(buf_);
  buf_.clear();
}

bool OutputBuffer::Flush() {
  FlushBuffer();
  return !failed_;
}

}  // namespace io
