#include "common/pprof/legacy_frames.h"

#include <algorithm>
#include <charconv>

#include "common/io/trim.h"
#include "common/stack/hash.h"

namespace pprof::legacy {

void Cursor::SkipSpaces() {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
}

bool Cursor::Int(int64_t* v) {
  SkipSpaces();
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  if (ec != std::errc()) return false;
  s.remove_prefix(end - s.data());
  return true;
}

bool Cursor::Char(char c) {
  SkipSpaces();
  if (s.empty() || s[0] != c) return false;
  s.remove_prefix(1);
  return true;
}

bool Cursor::Hex(uint64_t* v) {
  SkipSpaces();
  if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
    return false;
  }
  auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), *v, 16);
  if (ec != std::errc()) return false;
  s.remove_prefix(end - s.data());
  return true;
}

bool IsSpaceOrComment(std::string_view line) {
  line = io::TrimBlanks(line);
  return line.empty() || line[0] == '#';
}

bool IsMemoryMapSentinel(std::string_view line) {
  return line.find("--- Memory map: ---") != std::string_view::npos ||
         line.find("MAPPED_LIBRARIES:") != std::string_view::npos;
}

bool ParseAddressList(Cursor* c, std::vector<uint64_t>* out) {
  out->clear();
  for (c->SkipSpaces(); !c->s.empty(); c->SkipSpaces()) {
    uint64_t a;
    if (!c->Hex(&a)) return false;
    if (!c->s.empty() && c->s[0] != ' ' && c->s[0] != '\t') return false;
    out->push_back(a);
  }
  return true;
}

bool ParseCommentFrame(std::string_view line, CommentFrame* f) {
  Cursor c{line.substr(1)};
  if (!c.Hex(&f->pc)) return false;
  std::string_view rest = io::TrimBlanks(c.s);
  // Function name up to the whitespace before the file.
  size_t ws = rest.find_first_of(" \t");
  std::string_view func = rest.substr(0, ws);
  std::string_view loc =
      ws == std::string_view::npos ? "" : io::TrimBlanks(rest.substr(ws));
  uint64_t off = 0;
  size_t plus = func.rfind("+0x");
  if (plus != std::string_view::npos) {
    std::string_view hex = func.substr(plus + 3);
    auto [end, ec] =
        std::from_chars(hex.data(), hex.data() + hex.size(), off, 16);
    if (ec == std::errc() && end == hex.data() + hex.size()) {
      func = func.substr(0, plus);
    } else {
      off = 0;
    }
  }
  if (func.empty()) return false;
  f->name = func;
  f->entry = f->pc - off;
  size_t colon = loc.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view num = loc.substr(colon + 1);
    int64_t n = 0;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec == std::errc() && end == num.data() + num.size()) {
      f->line = n;
      loc = loc.substr(0, colon);
    }
  }
  f->file = loc;
  return true;
}

void TableBuilder::AppendStack(const std::vector<CommentFrame>& frames,
                               const std::vector<uint64_t>& addresses,
                               Adjust adjust, std::vector<uint32_t>* out) {
  if (!frames.empty()) {
    // Group frames (innermost first) by function entry: the same entry
    // under a different name is an inlined call.
    size_t begin = 0;
    for (size_t i = 1; i <= frames.size(); ++i) {
      if (i == frames.size() || frames[i].entry != frames[i - 1].entry ||
          frames[i].name == frames[i - 1].name) {
        out->push_back(Location(frames, begin, i));
        begin = i;
      }
    }
    return;
  }
  for (size_t i = 0; i < addresses.size(); ++i) {
    const bool call = adjust == Adjust::kAll || i > 0;
    out->push_back(AddressLocation(addresses[i] - (call ? 1 : 0)));
  }
}

uint32_t TableBuilder::Function(std::string_view name, std::string_view file) {
  const uint64_t h = stack::HashString(file, stack::HashString(name));
  bool added;
  uint32_t i = functions_.FindOrInsert(
      h, static_cast<uint32_t>(p_->functions.size()),
      [&](uint32_t j) {
        const pprof::Function& f = p_->functions[j];
        return f.name == name && f.filename == file;
      },
      &added);
  if (added) {
    pprof::Function f;
    f.id = p_->functions.size() + 1;
    f.name = std::string(name);
    f.system_name = f.name;
    f.filename = std::string(file);
    p_->functions.push_back(std::move(f));
  }
  return i;
}

uint32_t TableBuilder::Location(const std::vector<CommentFrame>& frames,
                                size_t begin, size_t end) {
  pcs_.clear();
  for (size_t i = begin; i < end; ++i) pcs_.push_back(frames[i].pc);
  bool added;
  uint32_t i = FindOrAddLocation(/*symbolised=*/true, &added);
  if (added) {
    for (size_t k = begin; k < end; ++k) {
      p_->locations[i].lines.push_back(
          Line{Function(frames[k].name, frames[k].file), frames[k].line});
    }
  }
  return i;
}

uint32_t TableBuilder::AddressLocation(uint64_t pc) {
  pcs_.assign(1, pc);
  bool added;
  return FindOrAddLocation(/*symbolised=*/false, &added);
}

// The location of the program counters in pcs_, added (without lines) when
// new.
uint32_t TableBuilder::FindOrAddLocation(bool symbolised, bool* added) {
  const uint64_t h = stack::HashBytes(pcs_.data(), pcs_.size() * 8,
                                      symbolised ? 0x5eed : 0xadd7);
  uint32_t i = locations_.FindOrInsert(
      h, static_cast<uint32_t>(p_->locations.size()),
      [&](uint32_t j) {
        const LocationKey& k = keys_[j];
        return k.symbolised == symbolised && k.count == pcs_.size() &&
               std::equal(pcs_.begin(), pcs_.end(), key_pcs_.begin() + k.begin);
      },
      added);
  if (*added) {
    keys_.push_back(LocationKey{key_pcs_.size(), pcs_.size(), symbolised});
    key_pcs_.insert(key_pcs_.end(), pcs_.begin(), pcs_.end());
    pprof::Location loc;
    loc.id = p_->locations.size() + 1;
    loc.address = pcs_[0];
    p_->locations.push_back(std::move(loc));
  }
  return i;
}

}  // namespace pprof::legacy
