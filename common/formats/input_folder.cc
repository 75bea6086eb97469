#include "common/formats/input_folder.h"

#include "common/formats/goroutine_folder.h"
#include "common/goroutine/dump_parser.h"
#include "common/io/line_reader.h"
#include "common/perf/collapser.h"
#include "common/pprof/folded.h"
#include "common/pprof/load.h"
#include "common/stack/folded_text.h"

namespace formats {
namespace {
constexpr size_t kDetectBytes = 64 * 1024;
}  // namespace

bool InputFolder::Add(io::InputFile* in, std::string* error) {
  InputFormat format = options_.format;
  if (format == InputFormat::kUnknown) {
    std::string head;
    if (!in->Peek(kDetectBytes, &head)) {
      *error = in->error();
      return false;
    }
    if (head.empty()) {  // empty input: nothing to fold
      formats_.push_back(InputFormat::kUnknown);
      return true;
    }
    format = DetectFormat(head);
  }
  formats_.push_back(format);
  switch (format) {
    case InputFormat::kPerfScript:
      return AddPerf(in, error);
    case InputFormat::kPprof:
    case InputFormat::kLegacyHeap:
      return AddProfile(in, error);
    case InputFormat::kGoroutineDump:
    case InputFormat::kLegacyCount:
      return AddDump(in, error);
    case InputFormat::kFolded:
      return AddFolded(in, error);
    case InputFormat::kUnknown:
      break;
  }
  *error = in->name() +
           ": input format not recognised (expected perf script text, a "
           "pprof profile, a Go heap or goroutine profile/dump, or folded "
           "stacks); name it with --format (" +
           std::string(FormatNames()) + ")";
  return false;
}

bool InputFolder::AddPerf(io::InputFile* in, std::string* error) {
  perf::Collapser collapser(options_.perf, options_.threads);
  bool ok = collapser.Add(in);
  folded_.Merge(collapser.result());
  bad_.Merge(collapser.bad_lines());
  uint64_t skipped = 0;
  std::string events;
  for (const auto& [event, n] : collapser.filtered()) {
    skipped += n;
    events += (events.empty() ? "" : ", ") + event + ": " + std::to_string(n);
  }
  if (skipped > 0) {
    warnings_.push_back(in->name() + ": kept event " + collapser.event() +
                        "; skipped " + std::to_string(skipped) +
                        " samples of other events (" + events +
                        "); choose with --event-filter");
  }
  if (!ok) *error = collapser.error();
  return ok;
}

bool InputFolder::AddProfile(io::InputFile* in, std::string* error) {
  std::string data;
  char buf[1 << 16];
  for (;;) {
    long got = in->Read(buf, sizeof(buf));
    if (got < 0) {
      *error = in->error();
      return false;
    }
    if (got == 0) break;
    data.append(buf, got);
  }
  io::BadLineSink sink(options_.strict);
  pprof::LoadedProfile loaded;
  bool ok = pprof::LoadProfileFromBytes(in->name(), std::move(data), &sink,
                                        &loaded, error);
  bad_.Add(sink.first_source(), sink.first_line(), sink.first_reason(),
           sink.count());
  if (!ok || sink.stopped()) return ok;  // stopped: main reports the line
  if (!pprof::FoldProfile(&loaded.profile, options_, &folded_, error)) {
    *error = in->name() + ": " + *error;
    return false;
  }
  return true;
}

bool InputFolder::AddDump(io::InputFile* in, std::string* error) {
  GoroutineFolder folder(options_, in->name(), &folded_);
  goroutine::DumpInfo info;
  bool ok = goroutine::ParseDump(in, &folder, &info, error);
  bad_.Merge(folder.bad_lines());
  if (info.truncated) {
    warnings_.push_back(in->name() + ": dump is cut off at line " +
                        std::to_string(info.truncated_line) +
                        "; everything before it is counted");
  }
  if (ok && info.records == 0) {
    *error = in->name() + ": no goroutines found";
    return false;
  }
  return ok;
}

bool InputFolder::AddFolded(io::InputFile* in, std::string* error) {
  io::LineReader reader(in);
  io::BadLineSink sink;
  sink.set_source(in->name());
  bool ok = stack::ReadFolded(&reader, &folded_, &sink);
  bad_.Add(sink.first_source(), sink.first_line(), sink.first_reason(),
           sink.count());
  if (!ok) *error = reader.error();
  return ok;
}

}  // namespace formats
