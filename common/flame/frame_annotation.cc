#include "common/flame/frame_annotation.h"

namespace flame {

FrameAnnotation AnnotationOf(std::string_view name) {
  // flamegraph.pl: s/_\[[kwij]\]$//
  if (name.size() <= 4 || name.substr(name.size() - 4, 2) != "_[" ||
      name.back() != ']') {
    return FrameAnnotation::kNone;
  }
  switch (name[name.size() - 2]) {
    case 'k':
      return FrameAnnotation::kKernel;
    case 'j':
      return FrameAnnotation::kJit;
    case 'i':
      return FrameAnnotation::kInlined;
    case 'w':
      return FrameAnnotation::kWaker;
    default:
      return FrameAnnotation::kNone;
  }
}

std::string_view WithoutAnnotation(std::string_view name) {
  if (AnnotationOf(name) == FrameAnnotation::kNone) return name;
  return name.substr(0, name.size() - 4);
}

}  // namespace flame
