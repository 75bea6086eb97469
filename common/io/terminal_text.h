#ifndef COMMON_IO_TERMINAL_TEXT_H_
#define COMMON_IO_TERMINAL_TEXT_H_

#include <string>

namespace io {

// Replaces every control byte except '\n' and '\t' (and DEL) in a report
// meant for a terminal with '?': names come from the input, and an escape
// sequence in a symbol name must not retitle, clear or hide the terminal
// the report is read in. The one such neutraliser: a report with colours of
// its own (goleak-cluster's) neutralises its text first, then adds them.
void ReplaceControlBytes(std::string* text);

}  // namespace io

#endif  // COMMON_IO_TERMINAL_TEXT_H_
