#ifndef COMMON_FLAME_FRAME_ANNOTATION_H_
#define COMMON_FLAME_FRAME_ANNOTATION_H_

#include <string_view>

namespace flame {

// perf's frame annotations, as stackcollapse-perf.pl --kernel / --jit (and
// stackfold --kernel / --jit) append them: "_[k]" kernel, "_[j]" JIT
// compiled, "_[i]" inlined, "_[w]" waker (the wakeup palette's
// collapsers). Like flamegraph.pl and inferno, flamesvg keeps the
// annotated text as the frame's identity (merging, sibling order, colour
// hash, --cp) but shows the name without it: labels, tooltips, data-name
// (so search and the details line see it too). The language palettes
// colour by it.
enum class FrameAnnotation { kNone, kKernel, kJit, kInlined, kWaker };

// The annotation at the end of `name`, if any.
FrameAnnotation AnnotationOf(std::string_view name);

// `name` without its annotation: "do_syscall_64_[k]" -> "do_syscall_64".
// A name that is only an annotation ("_[k]") stays as it is.
std::string_view WithoutAnnotation(std::string_view name);

}  // namespace flame

#endif  // COMMON_FLAME_FRAME_ANNOTATION_H_
