#ifndef COMMON_WATCH_FLAME_FILE_H_
#define COMMON_WATCH_FLAME_FILE_H_

#include <string>

#include "common/stack/folded_stacks.h"

namespace watch {

// Draws column 0 of `folded` with the flame module (flamesvg's defaults)
// into the file `path`. Returns false with *error when there is nothing to
// draw or the file cannot be written.
bool WriteFlameGraph(const stack::FoldedStacks& folded,
                     const std::string& title, const std::string& countname,
                     const std::string& path, std::string* error);

// Writes `folded` as sorted folded text into the file `path`.
bool WriteFoldedFile(const stack::FoldedStacks& folded, const std::string& path,
                     std::string* error);

}  // namespace watch

#endif  // COMMON_WATCH_FLAME_FILE_H_
