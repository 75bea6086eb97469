#include "common/io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/io/reading_now.h"

namespace io {
namespace {
constexpr size_t kRawBlock = 256 * 1024;
}  // namespace

bool LooksGzipped(const void* data, size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

std::unique_ptr<InputFile> InputFile::Open(const std::string& path,
                                           std::string* error) {
  if (path == "-" || path.empty()) {
    return std::unique_ptr<InputFile>(new InputFile(0, "<stdin>", false));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = path + ": is a directory";
    return nullptr;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<InputFile>(new InputFile(fd, path, true));
}

InputFile::InputFile(int fd, std::string name, bool owns_fd)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {
  NoteReading(name_);
}

InputFile::~InputFile() {
  if (owns_fd_) ::close(fd_);
}

long InputFile::ReadRaw(char* buf, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return got;
    if (errno == EINTR) continue;
    error_ = name_ + ": " + std::strerror(errno);
    return -1;
  }
}

// Reads the first bytes to decide between plain and gzip data.
bool InputFile::Sniff() {
  pending_.resize(kRawBlock);
  size_t have = 0;
  // Two bytes decide; keep reading until we have them or hit the end.
  while (have < 2) {
    long got = ReadRaw(pending_.data() + have, pending_.size() - have);
    if (got < 0) return false;
    if (got == 0) break;
    have += got;
  }
  pending_.resize(have);
  gzipped_ = LooksGzipped(pending_.data(), have);
  if (gzipped_) {
    zbuf_.assign(pending_.begin(), pending_.end());
    pending_.clear();
    gzip_ = std::make_unique<GzipStream>(name_);
    if (!gzip_->error().empty()) {
      error_ = gzip_->error();
      return false;
    }
    gzip_->Feed(zbuf_.data(), zbuf_.size());
  }
  return true;
}

long InputFile::ReadGzip(char* buf, size_t n) {
  for (;;) {
    long got = gzip_->Read(buf, n);
    if (got < 0) error_ = gzip_->error();
    if (got != 0 || !gzip_->needs_input()) return got;
    zbuf_.resize(kRawBlock);
    got = ReadRaw(reinterpret_cast<char*>(zbuf_.data()), zbuf_.size());
    if (got < 0) return -1;
    if (got == 0) {
      gzip_->EndInput();
    } else {
      gzip_->Feed(zbuf_.data(), got);
    }
  }
}

long InputFile::Read(char* buf, size_t n) {
  if (peeked_pos_ < peeked_.size()) {
    size_t take = std::min(n, peeked_.size() - peeked_pos_);
    std::memcpy(buf, peeked_.data() + peeked_pos_, take);
    peeked_pos_ += take;
    return static_cast<long>(take);
  }
  return ReadDecoded(buf, n);
}

bool InputFile::Peek(size_t n, std::string* out) {
  // Keep what an earlier Peek saw, read on up to n bytes.
  peeked_.erase(0, peeked_pos_);
  peeked_pos_ = 0;
  while (peeked_.size() < n) {
    size_t have = peeked_.size();
    peeked_.resize(n);
    long got = ReadDecoded(peeked_.data() + have, n - have);
    if (got <= 0) {
      peeked_.resize(have);
      if (got < 0) return false;
      break;
    }
    peeked_.resize(have + got);
  }
  out->assign(peeked_, 0, std::min(n, peeked_.size()));
  return true;
}

long InputFile::ReadDecoded(char* buf, size_t n) {
  long got = DecodeSome(buf, n);
  if (got > 0) NoteBytesRead(got);
  return got;
}

long InputFile::DecodeSome(char* buf, size_t n) {
  if (n == 0) return 0;
  if (!sniffed_) {
    sniffed_ = true;
    if (!Sniff()) return -1;
  }
  if (gzipped_) return ReadGzip(buf, n);
  if (pending_pos_ < pending_.size()) {
    size_t take = std::min(n, pending_.size() - pending_pos_);
    std::memcpy(buf, pending_.data() + pending_pos_, take);
    pending_pos_ += take;
    return static_cast<long>(take);
  }
  return ReadRaw(buf, n);
}

std::string TooLargeMessage(const std::string& name, uint64_t max_bytes) {
  return name + ": more than " + std::to_string(max_bytes >> 20) +
         " MiB after decompression (the limit for an input read whole; "
         "raise it with --max-input-mib)";
}

bool ReadAll(InputFile* in, std::string* out, std::string* error,
             uint64_t max_bytes) {
  // Until the next input opens, memory holds this one whole (and what is
  // decoded from it): the out-of-memory message says so.
  NoteHeldWhole(true);
  out->clear();
  size_t used = 0;
  for (;;) {
    if (out->size() - used < kRawBlock) out->resize(used + 4 * kRawBlock);
    long got = in->Read(out->data() + used, out->size() - used);
    if (got < 0) {
      *error = in->error();
      return false;
    }
    if (got == 0) break;
    used += got;
    if (used > max_bytes) {
      out->clear();
      out->shrink_to_fit();
      *error = TooLargeMessage(in->name(), max_bytes);
      return false;
    }
  }
  out->resize(used);
  return true;
}

bool ReadWholeFile(const std::string& path, std::string* out,
                   std::string* error, uint64_t max_bytes) {
  std::unique_ptr<InputFile> in = InputFile::Open(path, error);
  if (!in) return false;
  return ReadAll(in.get(), out, error, max_bytes);
}

}  // namespace io
