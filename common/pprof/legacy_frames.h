#ifndef COMMON_PPROF_LEGACY_FRAMES_H_
#define COMMON_PPROF_LEGACY_FRAMES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/pprof/profile.h"
#include "common/stack/index_table.h"

// What every legacy text profile reader shares (heap, count, contention,
// threadz): a cursor for the fixed grammars, Go's "#" frame lines, and the
// function and location tables built while records are read.
namespace pprof::legacy {

// A tiny cursor over one line.
struct Cursor {
  std::string_view s;
  void SkipSpaces();
  bool Int(int64_t* v);
  bool Char(char c);
  // "0x" followed by hex digits (pprof's legacy addresses).
  bool Hex(uint64_t* v);
};

// pprof's isSpaceOrComment: blank, or "#" after leading space.
bool IsSpaceOrComment(std::string_view line);
// pprof's isMemoryMapSentinel: "--- Memory map: ---" or "MAPPED_LIBRARIES:"
// anywhere in the line: the /proc/maps text that follows names mappings.
bool IsMemoryMapSentinel(std::string_view line);

// Reads "0xA 0xB ..." to the end of the cursor into *out (cleared first);
// false when a token is not a hex address.
bool ParseAddressList(Cursor* c, std::vector<uint64_t>* out);

// One "#\t0xPC\tfunc+0xOFF\tfile:line" line of Go's debug=1 text.
struct CommentFrame {
  uint64_t pc = 0;
  uint64_t entry = 0;
  std::string_view name;
  std::string_view file;
  int64_t line = 0;
};
bool ParseCommentFrame(std::string_view line, CommentFrame* f);

// How a reader turns a record's return addresses into call sites, as
// pprof: every address minus one (heap, count, contention), or all but
// the leaf, which was not a call (CPU, threadz).
enum class Adjust { kAll, kAllButLeaf };

// The profile's function and location tables, interned while records are
// read (a location is keyed by its program counters).
class TableBuilder {
 public:
  explicit TableBuilder(Profile* p) : p_(p) {}

  // Appends the locations of one record to *out (leaf first): named from
  // its "#" frames when it has any (consecutive frames with one function
  // entry are inlined calls and share a location), else one unsymbolised
  // location per address, adjusted as `adjust` says.
  void AppendStack(const std::vector<CommentFrame>& frames,
                   const std::vector<uint64_t>& addresses, Adjust adjust,
                   std::vector<uint32_t>* out);

  uint32_t Function(std::string_view name, std::string_view file);
  // A location for the inline group frames[begin, end) (innermost first).
  uint32_t Location(const std::vector<CommentFrame>& frames, size_t begin,
                    size_t end);
  // A location for an address with no "#" line: named by the address, as
  // pprof does with -symbolize=none.
  uint32_t AddressLocation(uint64_t pc);

 private:
  uint32_t FindOrAddLocation(bool symbolised, bool* added);

  struct LocationKey {
    size_t begin;  // in key_pcs_
    size_t count;
    bool symbolised;
  };

  Profile* p_;
  stack::IndexTable functions_;
  stack::IndexTable locations_;
  std::vector<LocationKey> keys_;  // by location
  std::vector<uint64_t> key_pcs_;
  std::vector<uint64_t> pcs_;  // the probe
};

}  // namespace pprof::legacy

#endif  // COMMON_PPROF_LEGACY_FRAMES_H_
