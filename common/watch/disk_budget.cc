#include "common/watch/disk_budget.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace watch {
namespace fs = std::filesystem;

namespace {

// Bytes of the regular files directly in `dir` (captures are flat).
uint64_t FolderBytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::error_code size_ec;
    if (e.is_regular_file(size_ec)) {
      const uintmax_t n = e.file_size(size_ec);
      if (!size_ec) total += n;
    }
  }
  return total;
}

}  // namespace

bool IsCaptureFolderName(const std::string& name) {
  // YYYYMMDDTHHMMSSZ-
  if (name.size() < 18 || name[8] != 'T' || name[15] != 'Z' ||
      name[16] != '-') {
    return false;
  }
  for (int i = 0; i < 15; ++i) {
    if (i != 8 && (name[i] < '0' || name[i] > '9')) return false;
  }
  return true;
}

std::vector<std::string> EnforceDiskBudget(const std::string& out,
                                           double budget) {
  struct Entry {
    std::string name;
    uint64_t bytes;
  };
  std::vector<Entry> captures;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out, ec)) {
    std::error_code dir_ec;
    const std::string name = e.path().filename().string();
    if (e.is_directory(dir_ec) && IsCaptureFolderName(name)) {
      captures.push_back({name, FolderBytes(e.path())});
    }
  }
  // The names start with the UTC time: byte order is age order.
  std::sort(captures.begin(), captures.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  double total = 0;
  for (const Entry& c : captures) total += static_cast<double>(c.bytes);
  std::vector<std::string> removed;
  for (size_t i = 0; i + 1 < captures.size() && total > budget; ++i) {
    std::error_code rm_ec;
    fs::remove_all(fs::path(out) / captures[i].name, rm_ec);
    if (rm_ec) continue;
    total -= static_cast<double>(captures[i].bytes);
    removed.push_back(captures[i].name);
  }
  return removed;
}

}  // namespace watch
