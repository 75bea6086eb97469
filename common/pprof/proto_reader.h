#ifndef COMMON_PPROF_PROTO_READER_H_
#define COMMON_PPROF_PROTO_READER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/pprof/profile.h"

namespace pprof {

// Decodes an uncompressed profile.proto message into *out, straight from
// the wire in two passes: the first checks the structure, decodes the few
// mappings, locations, functions and strings and counts the samples; the
// second decodes each sample once into the model's flat arrays. On failure
// returns false and sets *error to a reason without the file name, e.g.
// "bad protobuf at byte 1234" or "sample 3 refers to unknown location 99".
bool ParseProfileProto(std::string_view data, Profile* out, std::string* error);

// Walks protobuf wire data against the profile.proto shape and returns the
// offset of the first field where it stops making sense (a packed list cut
// in a varint is its own field), or -1 when the structure is sound: the
// byte ParseProfileProto names.
int64_t FindWireError(std::string_view data);

}  // namespace pprof

#endif  // COMMON_PPROF_PROTO_READER_H_
