#ifndef COMMON_DTRACE_COLLAPSER_H_
#define COMMON_DTRACE_COLLAPSER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"
#include "common/stack/folded_stacks.h"

namespace dtrace {

// Folds DTrace stack aggregation text (what `dtrace -n '...
// @[ustack()] = count()' -o out.stacks` writes; stackcollapse.pl's input)
// into *out: the header up to the first blank line is skipped; each stack
// is its frame lines, leaf first, ended by a line holding its count. A
// frame loses its "+0xoff" (from the last '+'), a C++ name its argument
// list (after "::", from the last '(' or '<', as inferno), an empty frame
// becomes "-", ';' becomes ':', and Java's inlined "a->b" frames become
// "a;b_[i]". A count without frames, or frames the input ends without a
// count for, are reported to *bad (a strict sink stops the fold). Returns
// false only on a read error (*error).
bool FoldDtrace(io::LineReader* reader, stack::FoldedStacks* out,
                io::BadLineSink* bad, std::string* error);

// The same over text in memory (detection's trial parse of a prefix):
// returns the number of lines read into stacks.
uint64_t FoldDtraceText(std::string_view text, stack::FoldedStacks* out,
                        io::BadLineSink* bad);

}  // namespace dtrace

#endif  // COMMON_DTRACE_COLLAPSER_H_
