// Ids in profile.proto are checked as go tool pprof checks them: 0 is
// reserved and an id never repeats. Found by the hostile sweep (issue 17):
// duplicate location ids were read with the last one winning.
#include <gtest/gtest.h>

#include "common/pprof/proto_reader.h"
#include "tests/pprof/profile.pb.h"

namespace pprof {
namespace {

// One sample type, one function, locations with the given ids, and one
// sample on the first location.
std::string WithLocationIds(std::initializer_list<uint64_t> ids,
                            uint64_t function_id = 1) {
  stacktools::pprofpb::Profile pb;
  for (const char* s : {"", "samples", "count", "main.f"}) {
    pb.add_string_table(s);
  }
  auto* st = pb.add_sample_type();
  st->set_type(1);
  st->set_unit(2);
  auto* f = pb.add_function();
  f->set_id(function_id);
  f->set_name(3);
  for (uint64_t id : ids) {
    auto* l = pb.add_location();
    l->set_id(id);
    l->add_line()->set_function_id(function_id);
  }
  auto* s = pb.add_sample();
  s->add_value(1);
  s->add_location_id(*ids.begin());
  return pb.SerializeAsString();
}

TEST(IdValidationTest, UniqueIdsAreRead) {
  Profile p;
  std::string error;
  ASSERT_TRUE(ParseProfileProto(WithLocationIds({5, 6, 7}), &p, &error))
      << error;
  EXPECT_EQ(p.locations.size(), 3u);
}

TEST(IdValidationTest, RepeatedLocationIdIsRefused) {
  Profile p;
  std::string error;
  EXPECT_FALSE(ParseProfileProto(WithLocationIds({5, 6, 5}), &p, &error));
  EXPECT_EQ(error, "two locations have id 5 (the second is location #3)");
}

TEST(IdValidationTest, ReservedIdZeroIsRefused) {
  Profile p;
  std::string error;
  EXPECT_FALSE(ParseProfileProto(WithLocationIds({0}), &p, &error));
  EXPECT_EQ(error, "location #1 has the reserved id 0");
  EXPECT_FALSE(ParseProfileProto(WithLocationIds({4}, 0), &p, &error));
  EXPECT_EQ(error, "function #1 has the reserved id 0");
}

}  // namespace
}  // namespace pprof
