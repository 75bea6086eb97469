#ifndef COMMON_STACK_FOLDED_PROBE_H_
#define COMMON_STACK_FOLDED_PROBE_H_

#include <string_view>

namespace stack {

// Whether `head` (the first KiB of an input, possibly cut inside a line) is
// folded text, judged with the folded-line grammar itself
// (SplitFoldedLine): at least four lines in five are folded lines. Deep
// stacks make lines longer than any head, so a line cut by the end of the
// head counts when it is all there is and reads like the start of a stack.
bool LooksLikeFolded(std::string_view head);

}  // namespace stack

#endif  // COMMON_STACK_FOLDED_PROBE_H_
