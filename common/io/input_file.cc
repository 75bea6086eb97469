#include "common/io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

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
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {}

InputFile::~InputFile() {
  if (zs_init_) inflateEnd(&zs_);
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
    if (inflateInit2(&zs_, 15 + 16) != Z_OK) {
      error_ = name_ + ": cannot initialise zlib";
      return false;
    }
    zs_init_ = true;
    zs_.next_in = zbuf_.data();
    zs_.avail_in = static_cast<uInt>(zbuf_.size());
  }
  return true;
}

long InputFile::ReadGzip(char* buf, size_t n) {
  zs_.next_out = reinterpret_cast<Bytef*>(buf);
  zs_.avail_out = static_cast<uInt>(n);
  while (zs_.avail_out == n) {
    if (zs_.avail_in == 0) {
      if (raw_eof_) {
        if (!stream_ended_) {
          error_ = name_ + ": truncated gzip data (ends at byte " +
                   std::to_string(compressed_offset_) + ")";
          return -1;
        }
        break;
      }
      zbuf_.resize(kRawBlock);
      long got = ReadRaw(reinterpret_cast<char*>(zbuf_.data()), zbuf_.size());
      if (got < 0) return -1;
      if (got == 0) {
        raw_eof_ = true;
        continue;
      }
      zs_.next_in = zbuf_.data();
      zs_.avail_in = static_cast<uInt>(got);
    }
    if (stream_ended_) {
      // Another gzip member follows (concatenated .gz files); anything that
      // is not gzip after the end is ignored, as gzip(1) does.
      if (!LooksGzipped(zs_.next_in, zs_.avail_in) && zs_.avail_in >= 2) {
        raw_eof_ = true;
        zs_.avail_in = 0;
        break;
      }
      inflateReset(&zs_);
      stream_ended_ = false;
    }
    uInt before = zs_.avail_in;
    int rc = inflate(&zs_, Z_NO_FLUSH);
    compressed_offset_ += before - zs_.avail_in;
    if (rc == Z_STREAM_END) {
      stream_ended_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = name_ + ": corrupt gzip data at byte " +
               std::to_string(compressed_offset_) + " (" +
               (zs_.msg ? zs_.msg : "zlib error") + ")";
      return -1;
    }
  }
  return static_cast<long>(n - zs_.avail_out);
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

bool ReadWholeFile(const std::string& path, std::string* out,
                   std::string* error) {
  std::unique_ptr<InputFile> in = InputFile::Open(path, error);
  if (!in) return false;
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
  }
  out->resize(used);
  return true;
}

}  // namespace io
