#include "common/stack/symbol_table.h"

#include <cstring>

#include "common/stack/hash.h"

namespace stack {
namespace {
constexpr size_t kArenaBlock = 64 * 1024;
}  // namespace

SymbolTable::SymbolTable() : slots_(1024, 0) {}

std::string_view SymbolTable::Store(std::string_view name) {
  if (name.empty()) return std::string_view();
  if (name.size() > arena_left_) {
    size_t block = std::max(kArenaBlock, name.size());
    arena_.push_back(std::make_unique<char[]>(block));
    arena_pos_ = arena_.back().get();
    arena_left_ = block;
  }
  std::memcpy(arena_pos_, name.data(), name.size());
  std::string_view stored(arena_pos_, name.size());
  arena_pos_ += name.size();
  arena_left_ -= name.size();
  return stored;
}

void SymbolTable::Grow() {
  std::vector<uint32_t> bigger(slots_.size() * 2, 0);
  size_t mask = bigger.size() - 1;
  for (uint32_t id = 0; id < names_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = id + 1;
  }
  slots_.swap(bigger);
}

int64_t SymbolTable::Find(std::string_view name) const {
  uint64_t h = HashString(name);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) return -1;
    if (hashes_[s - 1] == h && names_[s - 1] == name) return s - 1;
  }
}

uint32_t SymbolTable::Intern(std::string_view name) {
  uint64_t h = HashString(name);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) break;
    if (hashes_[s - 1] == h && names_[s - 1] == name) return s - 1;
  }
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.push_back(Store(name));
  hashes_.push_back(h);
  slots_[i] = id + 1;
  if (names_.size() * 2 > slots_.size()) Grow();
  return id;
}

}  // namespace stack
