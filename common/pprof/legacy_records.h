#ifndef COMMON_PPROF_LEGACY_RECORDS_H_
#define COMMON_PPROF_LEGACY_RECORDS_H_

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"
#include "common/pprof/legacy_frames.h"
#include "common/pprof/profile.h"

namespace pprof::legacy {

// Parses one record line ("N @ 0x...", "CYCLES COUNT @ 0x..."): its values
// and return addresses; false when the line is not a record.
using RecordLineParser =
    std::function<bool(std::string_view line, std::vector<int64_t>* values,
                       std::vector<uint64_t>* addresses)>;

// Reads the records of a count or contention text profile from `lines`
// into p->samples: a record line, then Go's "#" frame lines naming its
// frames (when present), a blank line or the next record ends it. Stops at
// a line starting "---" or a memory-map sentinel, and returns the text
// from that line on (for FinishAfterRecords). Lines that are no record are
// reported to *bad (line numbers continue from *line_no); a strict sink
// stops the parse (bad->stopped()).
std::string_view ReadRecords(std::string_view text, io::LineSplitter* lines,
                             uint64_t* line_no, const RecordLineParser& parse,
                             Profile* p, io::BadLineSink* bad);

// pprof's parseAdditionalSections: skips to a memory-map sentinel in
// `rest` and reads the maps after it (legacy_maps.h).
void FinishAfterRecords(std::string_view rest, Profile* p);

// pprof's drop_frames for legacy CPU-like profiles (cpuProfilerRxStr).
extern const char kCpuProfilerFrames[];

}  // namespace pprof::legacy

#endif  // COMMON_PPROF_LEGACY_RECORDS_H_
