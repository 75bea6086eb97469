#include "common/formats/wrong_tool.h"

#include <memory>

#include "common/formats/input_format.h"
#include "common/io/input_file.h"

namespace formats {
namespace {

// What each tool reads. stackfold reads everything and needs no hint.
bool Reads(std::string_view tool, InputFormat format) {
  switch (format) {
    case InputFormat::kFolded:
      return tool == "flamesvg";
    case InputFormat::kPprof:
    case InputFormat::kLegacyHeap:
    case InputFormat::kContention:
    case InputFormat::kThreadz:
    case InputFormat::kLegacyCpu:
      return tool == "heapdiff";
    case InputFormat::kLegacyCount:
      return tool == "goleak-cluster" || tool == "heapdiff";
    case InputFormat::kGoroutineDump:
      return tool == "goleak-cluster";
    default:
      return false;
  }
}

// The command a user of `tool` wants for `path` of `format`: a flame graph
// from anything via stackfold, else the tool that reads the format.
std::string CommandFor(std::string_view tool, InputFormat format,
                       const std::string& path) {
  const std::string fold =
      "fold it first: stackfold " + path + " | flamesvg > out.svg";
  if (tool == "flamesvg") return fold;
  switch (format) {
    case InputFormat::kFolded:
      return "draw it: flamesvg " + path + " > out.svg";
    case InputFormat::kPprof:
    case InputFormat::kLegacyHeap:
    case InputFormat::kContention:
    case InputFormat::kThreadz:
    case InputFormat::kLegacyCpu:
      return "read it with heapdiff " + path + ", or draw it: stackfold " +
             path + " | flamesvg > out.svg";
    case InputFormat::kGoroutineDump:
    case InputFormat::kLegacyCount:
      return "cluster it: goleak-cluster " + path;
    default:
      return fold;
  }
}

}  // namespace

std::string WrongToolHint(const std::vector<std::string>& paths,
                          std::string_view tool) {
  for (const std::string& path : paths) {
    if (path == "-") continue;  // read already: cannot look again
    std::string error, head;
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(path, &error);
    if (!in || !in->Peek(64 * 1024, &head)) continue;
    if (head.find("<svg") != std::string::npos) {
      return " (" + path +
             " is an SVG, maybe a flame graph: open it in a "
             "browser)";
    }
    const InputFormat format = DetectFormat(head);
    if (format == InputFormat::kUnknown || Reads(tool, format)) continue;
    return " (" + path + " is " + std::string(FormatDescription(format)) +
           ": " + CommandFor(tool, format, path) + ")";
  }
  return std::string();
}

}  // namespace formats
