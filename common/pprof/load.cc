#include "common/pprof/load.h"

#include <algorithm>

#include "common/io/gzip_stream.h"
#include "common/io/input_file.h"
#include "common/pprof/legacy_profile.h"
#include "common/pprof/proto_reader.h"

namespace pprof {

bool LoadProfileFromBytes(const std::string& name, std::string data,
                          io::BadLineSink* bad_lines, LoadedProfile* out,
                          std::string* error, uint64_t max_bytes) {
  if (io::LooksGzipped(data.data(), data.size())) {
    std::string plain;
    if (!io::GunzipBytes(name, data, &plain, error, max_bytes)) return false;
    data.swap(plain);
  }
  out->name = name;
  if (data.empty()) {
    *error = name + ": empty profile (no data)";
    return false;
  }
  std::string why;
  if (const LegacyFormat legacy = DetectLegacyFormat(data);
      legacy != LegacyFormat::kNone) {
    out->legacy_text = legacy != LegacyFormat::kCpu;
    bad_lines->set_source(name);
    if (!ParseLegacyProfile(legacy, data, &out->profile, &out->memstats,
                            bad_lines, &why)) {
      *error = name + ": " + why;
      return false;
    }
  } else if (!ParseProfileProto(data, &out->profile, &why)) {
    // Text that is not a legacy heap profile fails as protobuf quickly;
    // say it was text, which is the likelier mistake.
    size_t n = std::min<size_t>(data.size(), 64), printable = 0;
    for (size_t i = 0; i < n; ++i) {
      unsigned char ch = static_cast<unsigned char>(data[i]);
      printable += (ch >= 0x20 && ch < 0x7f) || ch == '\n' || ch == '\t';
    }
    if (printable == n) why = "text, but not a legacy heap profile; " + why;
    *error = name + ": not a pprof profile (" + why + ")";
    return false;
  }
  if (out->profile.sample_types.empty()) {
    *error = name + ": empty profile (no sample types)";
    return false;
  }
  return true;
}

bool LoadProfile(const std::string& path, io::BadLineSink* bad_lines,
                 LoadedProfile* out, std::string* error) {
  std::string data;
  if (!io::ReadWholeFile(path, &data, error)) return false;
  // ReadWholeFile has inflated gzip already; the name is the path as given.
  return LoadProfileFromBytes(path == "-" ? "<stdin>" : path, std::move(data),
                              bad_lines, out, error);
}

}  // namespace pprof
