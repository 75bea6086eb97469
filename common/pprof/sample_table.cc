#include "common/pprof/sample_table.h"

#include "common/stack/hash.h"

namespace pprof {
namespace {

uint64_t HashLabels(std::span<const Label> labels) {
  uint64_t h = 0x6c8e9cf570932bd5ULL;
  for (const Label& l : labels) {
    h = stack::HashString(l.key, h ^ (l.is_num ? 1 : 2));
    h = stack::HashString(l.str, h ^ static_cast<uint64_t>(l.num));
    h = stack::HashString(l.num_unit, h);
  }
  return h;
}

}  // namespace

void SampleTable::Clear(size_t width) {
  width_ = width;
  locations_.clear();
  begin_.assign(1, 0);
  values_.clear();
  label_set_.clear();
  labels_.clear();
  set_begin_.assign(2, 0);  // set 0: no labels
  sets_ = stack::IndexTable();
}

void SampleTable::Reserve(size_t samples, size_t locations) {
  locations_.reserve(locations);
  begin_.reserve(samples + 1);
  values_.reserve(samples * width_);
  label_set_.reserve(samples);
}

void SampleTable::Add(std::span<const uint32_t> locations,
                      std::span<const int64_t> values,
                      std::span<const Label> labels) {
  AddWithLabelSet(locations, values, InternLabels(labels));
}

void SampleTable::AddWithLabelSet(std::span<const uint32_t> locations,
                                  std::span<const int64_t> values,
                                  uint32_t label_set) {
  if (empty() && width_ == 0) width_ = values.size();
  locations_.insert(locations_.end(), locations.begin(), locations.end());
  begin_.push_back(locations_.size());
  const size_t n = std::min(values.size(), width_);
  values_.insert(values_.end(), values.begin(), values.begin() + n);
  values_.resize(values_.size() + (width_ - n), 0);
  label_set_.push_back(label_set);
}

uint32_t SampleTable::InternLabels(std::span<const Label> labels) {
  if (labels.empty()) return kNoLabels;
  bool added;
  const uint32_t next = static_cast<uint32_t>(num_label_sets());
  uint32_t id = sets_.FindOrInsert(
      HashLabels(labels), next,
      [&](uint32_t j) {
        std::span<const Label> s = LabelSet(j);
        return std::equal(s.begin(), s.end(), labels.begin(), labels.end());
      },
      &added);
  if (added) {
    labels_.insert(labels_.end(), labels.begin(), labels.end());
    set_begin_.push_back(static_cast<uint32_t>(labels_.size()));
  }
  return id;
}

void SampleTable::Truncate(size_t n) {
  if (n >= size()) return;
  locations_.resize(begin_[n]);
  begin_.resize(n + 1);
  values_.resize(n * width_);
  label_set_.resize(n);
}

}  // namespace pprof
