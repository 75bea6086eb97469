#include "common/pprof/proto_reader.h"

#include <gtest/gtest.h>

#include "common/pprof/folded.h"
#include "common/pprof/load.h"
#include "common/stack/folded_text.h"
#include "tests/pprof/profile.pb.h"

namespace pprof {
namespace {

// A two-sample CPU-like profile: location 1 has an inlined line.
std::string SmallProfile() {
  stacktools::pprofpb::Profile pb;
  for (const char* s : {"", "samples", "count", "cpu", "nanoseconds", "leaf",
                        "inlined", "caller", "/x.go", "/bin/app"}) {
    pb.add_string_table(s);
  }
  auto* st = pb.add_sample_type();
  st->set_type(1);
  st->set_unit(2);
  st = pb.add_sample_type();
  st->set_type(3);
  st->set_unit(4);
  pb.mutable_period_type()->set_type(3);
  pb.mutable_period_type()->set_unit(4);
  pb.set_period(10000000);
  auto* m = pb.add_mapping();
  m->set_id(1);
  m->set_filename(9);
  for (int i = 0; i < 3; ++i) {
    auto* f = pb.add_function();
    f->set_id(10 + i);
    f->set_name(5 + i);
    f->set_filename(8);
  }
  auto* l = pb.add_location();  // leaf
  l->set_id(100);
  l->set_mapping_id(1);
  l->add_line()->set_function_id(10);
  l = pb.add_location();  // inlined into caller
  l->set_id(200);
  l->set_mapping_id(1);
  auto* ln = l->add_line();
  ln->set_function_id(11);
  ln->set_line(7);
  ln = l->add_line();
  ln->set_function_id(12);
  ln->set_line(20);
  auto* s = pb.add_sample();
  s->add_location_id(100);
  s->add_location_id(200);
  s->add_value(3);
  s->add_value(30000000);
  s = pb.add_sample();
  s->add_location_id(200);
  s->add_value(1);
  s->add_value(10000000);
  return pb.SerializeAsString();
}

TEST(ProtoReader, ReadsTheModelWithInlinedFramesRootFirst) {
  Profile p;
  std::string err;
  ASSERT_TRUE(ParseProfileProto(SmallProfile(), &p, &err)) << err;
  ASSERT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.sample_types[1].type, "cpu");
  EXPECT_EQ(p.sample_types[1].unit, "nanoseconds");
  EXPECT_EQ(p.MainBinary(), "app");
  ASSERT_EQ(p.samples.size(), 2u);
  Profile first = p;
  first.samples.Truncate(1);
  FoldOptions o;
  o.lines = true;
  o.inline_marker = true;
  stack::FoldedStacks folded;
  const int cpu[] = {1};
  AddFoldedSamples(first, o, cpu, 0, &folded);
  EXPECT_EQ(stack::FoldedToString(folded),
            "caller:/x.go:20;inlined:/x.go:7 (inline);leaf:/x.go:0 30000000\n");
  EXPECT_EQ(p.samples[0].values[1], 30000000);
}

TEST(ProtoReader, SampleIndexByNameNumberOrDefault) {
  Profile p;
  std::string err;
  ASSERT_TRUE(ParseProfileProto(SmallProfile(), &p, &err));
  EXPECT_EQ(p.SampleIndex("", &err), 1);  // no default: the last
  EXPECT_EQ(p.SampleIndex("samples", &err), 0);
  EXPECT_EQ(p.SampleIndex("0", &err), 0);
  EXPECT_EQ(p.SampleIndex("5", &err), -1);
  EXPECT_EQ(err, "sample index 5 is outside the range [0..1]");
  EXPECT_EQ(p.SampleIndex("inuse_cpu", &err), 1);  // legacy inuse_ prefix
  EXPECT_EQ(p.SampleIndex("bogus", &err), -1);
  EXPECT_EQ(err, "sample index \"bogus\" must be one of: [samples cpu]");
  p.default_sample_type = "samples";
  EXPECT_EQ(p.SampleIndex("", &err), 0);
}

TEST(ProtoReader, TruncatedDataNamesTheByte) {
  std::string data = SmallProfile();
  Profile p;
  std::string err;
  std::string cut = data.substr(0, data.size() - 3);
  EXPECT_FALSE(ParseProfileProto(cut, &p, &err));
  int64_t at = FindWireError(cut);
  ASSERT_GE(at, 0);
  EXPECT_LT(at, static_cast<int64_t>(cut.size()));
  EXPECT_EQ(err, "bad protobuf at byte " + std::to_string(at));
  EXPECT_EQ(FindWireError(data), -1);
}

TEST(ProtoReader, BadWireTypeIsFoundAtItsOffset) {
  // Field 1 (varint 5), then a byte with wire type 7 at offset 2.
  std::string data("\x08\x05\x0f", 3);
  EXPECT_EQ(FindWireError(data), 2);
}

// Hand-written wire bytes, for what the generated message never writes
// (unpacked repeated fields, wrong wire types, cut packed payloads).
std::string Varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}
std::string VarintField(uint32_t field, uint64_t v) {
  return Varint(field << 3) + Varint(v);
}
std::string BytesField(uint32_t field, const std::string& payload) {
  return Varint(field << 3 | 2) + Varint(payload.size()) + payload;
}

// One type, one function, location 1, and the given samples.
std::string WireProfile(const std::string& samples) {
  std::string p = BytesField(1, VarintField(1, 1) + VarintField(2, 2));
  p += samples;
  p += BytesField(4, VarintField(1, 1) + BytesField(4, VarintField(1, 1)));
  p += BytesField(5, VarintField(1, 1) + VarintField(2, 3));
  for (const char* str : {"", "samples", "count", "main.f", "bytes", "x"}) {
    p += BytesField(6, str);
  }
  return p;
}

std::string Folded(const Profile& p) {
  stack::FoldedStacks folded;
  const int index[] = {0};
  AddFoldedSamples(p, FoldOptions(), index, 0, &folded);
  return stack::FoldedToString(folded);
}

TEST(ProtoReader, PackedAndUnpackedFieldsReadTheSame) {
  Profile packed, unpacked;
  std::string err;
  ASSERT_TRUE(ParseProfileProto(
      WireProfile(BytesField(
          2, BytesField(1, Varint(1) + Varint(1)) + BytesField(2, Varint(7)))),
      &packed, &err))
      << err;
  ASSERT_TRUE(ParseProfileProto(
      WireProfile(BytesField(
          2, VarintField(1, 1) + VarintField(1, 1) + VarintField(2, 7))),
      &unpacked, &err))
      << err;
  EXPECT_EQ(Folded(packed), "main.f;main.f 7\n");
  EXPECT_EQ(Folded(unpacked), Folded(packed));
}

TEST(ProtoReader, SamplesShareTheirLabelSets) {
  // Two samples with label bytes=96, one with bytes=192, one with x="x".
  auto sample = [](const std::string& label) {
    return BytesField(
        2, VarintField(1, 1) + VarintField(2, 1) + BytesField(3, label));
  };
  const std::string size96 = VarintField(1, 4) + VarintField(3, 96);
  const std::string str = VarintField(1, 5) + VarintField(2, 5);
  Profile p;
  std::string err;
  ASSERT_TRUE(ParseProfileProto(
      WireProfile(sample(size96) + sample(size96) +
                  sample(VarintField(1, 4) + VarintField(3, 192)) +
                  sample(str)),
      &p, &err))
      << err;
  ASSERT_EQ(p.samples.size(), 4u);
  EXPECT_EQ(p.samples.label_set(0), p.samples.label_set(1));
  EXPECT_NE(p.samples.label_set(0), p.samples.label_set(2));
  EXPECT_EQ(p.samples.num_label_sets(), 4u);  // with the empty set
  ASSERT_EQ(p.samples[1].labels.size(), 1u);
  EXPECT_EQ(p.samples[1].labels[0].key, "bytes");
  EXPECT_TRUE(p.samples[1].labels[0].is_num);
  EXPECT_EQ(p.samples[2].labels[0].num, 192);
  EXPECT_FALSE(p.samples[3].labels[0].is_num);
  EXPECT_EQ(p.samples[3].labels[0].str, "x");
}

TEST(ProtoReader, BadBytesInsideASampleAreNamedWhereTheyAre) {
  // A label whose field has wire type 7: the error is that field, inside
  // the label inside the sample, as FindWireError says.
  const std::string label = VarintField(1, 4) + std::string("\x0f", 1);
  const std::string data = WireProfile(BytesField(
      2, VarintField(1, 1) + VarintField(2, 1) + BytesField(3, label)));
  const int64_t at = FindWireError(data);
  ASSERT_GT(at, 0);
  EXPECT_EQ(static_cast<unsigned char>(data[at]), 0x0f);
  Profile p;
  std::string err;
  EXPECT_FALSE(ParseProfileProto(data, &p, &err));
  EXPECT_EQ(err, "bad protobuf at byte " + std::to_string(at));
  // A packed list of ids cut in a varint: the list's field is named, after
  // the 6 bytes of sample_type and the sample's key and length.
  const std::string cut = WireProfile(BytesField(2, BytesField(1, "\x81")));
  EXPECT_FALSE(ParseProfileProto(cut, &p, &err));
  EXPECT_EQ(err, "bad protobuf at byte 8");
  EXPECT_EQ(FindWireError(cut), 8);
}

TEST(ProtoReader, AKnownFieldWithAnotherWireTypeIsSkippedAsProtobufDoes) {
  // sample_type as a varint, a sample value as fixed64: unknown fields.
  std::string extra =
      VarintField(1, 9) + Varint(2 << 3 | 1) + std::string(8, '\0');
  Profile p;
  std::string err;
  ASSERT_TRUE(ParseProfileProto(
      WireProfile(BytesField(2, VarintField(1, 1) + VarintField(2, 3) +
                                    Varint(2 << 3 | 1) +
                                    std::string(8, '\0'))) +
          extra,
      &p, &err))
      << err;
  EXPECT_EQ(p.sample_types.size(), 1u);
  EXPECT_EQ(Folded(p), "main.f 3\n");
}

TEST(ProtoReader, ManyTypesAndSamplesWithoutValuesAreRefusedCheaply) {
  // 100,000 sample types and 100,000 empty samples in 400 kB: sizing the
  // values for all of them would ask for 80 GB.
  std::string data;
  for (int i = 0; i < 100000; ++i) data += BytesField(1, "");
  for (int i = 0; i < 100000; ++i) data += BytesField(2, "");
  data += BytesField(6, "");
  Profile p;
  std::string err;
  EXPECT_FALSE(ParseProfileProto(data, &p, &err));
  EXPECT_EQ(err, "sample 0 has 0 values, want 100000");
}

TEST(ProtoReader, DanglingReferencesAreErrors) {
  stacktools::pprofpb::Profile pb;
  pb.add_string_table("");
  pb.add_sample_type();
  auto* s = pb.add_sample();
  s->add_location_id(42);
  s->add_value(1);
  Profile p;
  std::string err;
  EXPECT_FALSE(ParseProfileProto(pb.SerializeAsString(), &p, &err));
  EXPECT_EQ(err, "sample 0 refers to unknown location 42");
}

TEST(Load, ErrorsNameTheFile) {
  LoadedProfile lp;
  io::BadLineSink sink;
  std::string err;
  EXPECT_FALSE(LoadProfileFromBytes("a.heap", "", &sink, &lp, &err));
  EXPECT_EQ(err, "a.heap: empty profile (no data)");
  EXPECT_FALSE(LoadProfileFromBytes("b.heap", std::string("\x08\x05\x0f", 3),
                                    &sink, &lp, &err));
  EXPECT_EQ(err, "b.heap: not a pprof profile (bad protobuf at byte 2)");
  // A valid message without sample types is no profile to report on.
  stacktools::pprofpb::Profile pb;
  pb.add_string_table("");
  EXPECT_FALSE(
      LoadProfileFromBytes("c.heap", pb.SerializeAsString(), &sink, &lp, &err));
  EXPECT_EQ(err, "c.heap: empty profile (no sample types)");
  // Truncated gzip (in memory).
  std::string gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x4b\x4c", 12);
  EXPECT_FALSE(LoadProfileFromBytes("d.gz", gz, &sink, &lp, &err));
  EXPECT_EQ(err.rfind("d.gz: truncated gzip data", 0), 0u) << err;
}

}  // namespace
}  // namespace pprof
