#ifndef COMMON_PPROF_SAMPLE_TABLE_H_
#define COMMON_PPROF_SAMPLE_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/stack/index_table.h"

namespace pprof {

// A string or numeric label on a sample (e.g. numeric "bytes" = object size
// in heap profiles).
struct Label {
  std::string key;
  std::string str;
  int64_t num = 0;
  std::string num_unit;
  bool is_num = false;
  bool operator==(const Label&) const = default;
};

// One sampled stack, as a view into its profile's SampleTable: location
// indexes leaf first (as in the wire format), one value per value column,
// and its labels. Valid until the table changes.
struct Sample {
  std::span<const uint32_t> locations;
  std::span<const int64_t> values;
  std::span<const Label> labels;
};

// The samples of a profile in a few flat arrays instead of three vectors
// per sample: the location indexes of all samples one after the other, a
// matrix of `width` values per sample, and per sample the id of its label
// set. Label sets are interned: the samples of a heap profile share a few
// "bytes" labels (one per size class), so a sample's labels cost 4 bytes.
class SampleTable {
 public:
  static constexpr uint32_t kNoLabels = 0;  // the id of the empty label set

  explicit SampleTable(size_t width = 0) { Clear(width); }

  size_t size() const { return label_set_.size(); }
  bool empty() const { return label_set_.empty(); }
  // Values per sample. An empty table with width 0 takes the width of its
  // first sample.
  size_t width() const { return width_; }

  // No samples and no label sets; `width` values per sample from now on.
  void Clear(size_t width);
  // Room for `samples` samples with `locations` location indexes in all.
  void Reserve(size_t samples, size_t locations);

  // Appends a sample. `values` should hold width() values: missing ones are
  // 0, extra ones are ignored.
  void Add(std::span<const uint32_t> locations, std::span<const int64_t> values,
           std::span<const Label> labels = {});
  // Same, with a label set id of this table (InternLabels, label_set).
  void AddWithLabelSet(std::span<const uint32_t> locations,
                       std::span<const int64_t> values, uint32_t label_set);
  // The id of this exact sequence of labels (kNoLabels when empty).
  uint32_t InternLabels(std::span<const Label> labels);

  Sample operator[](size_t i) const {
    return Sample{locations(i), values(i), labels(i)};
  }
  std::span<const uint32_t> locations(size_t i) const {
    return std::span<const uint32_t>(locations_.data() + begin_[i],
                                     locations_.data() + begin_[i + 1]);
  }
  std::span<const int64_t> values(size_t i) const {
    return std::span<const int64_t>(values_.data() + i * width_, width_);
  }
  std::span<int64_t> mutable_values(size_t i) {
    return std::span<int64_t>(values_.data() + i * width_, width_);
  }
  uint32_t label_set(size_t i) const { return label_set_[i]; }
  std::span<const Label> labels(size_t i) const {
    return LabelSet(label_set_[i]);
  }
  std::span<const Label> LabelSet(uint32_t id) const {
    return std::span<const Label>(labels_.data() + set_begin_[id],
                                  labels_.data() + set_begin_[id + 1]);
  }
  size_t num_label_sets() const { return set_begin_.size() - 1; }
  // Location indexes of all samples together.
  size_t num_locations() const { return locations_.size(); }

  // Keeps the first n samples.
  void Truncate(size_t n);

  // Rewrites the samples in order, in place: edit(i, &locations) gets a
  // copy of sample i's locations, may remove some of them (never add), and
  // returns false to drop the sample.
  template <typename Edit>
  void Rewrite(Edit edit) {
    std::vector<uint32_t> locs;
    size_t kept = 0, write = 0;
    for (size_t i = 0; i < size(); ++i) {
      std::span<const uint32_t> l = locations(i);
      locs.assign(l.begin(), l.end());
      const size_t n = locs.size();
      if (!edit(i, &locs)) continue;
      if (locs.size() > n) locs.resize(n);  // removing only: stays in place
      std::copy(locs.begin(), locs.end(), locations_.begin() + write);
      if (kept != i) {
        std::copy_n(values_.begin() + i * width_, width_,
                    values_.begin() + kept * width_);
        label_set_[kept] = label_set_[i];
      }
      begin_[kept] = write;
      write += locs.size();
      ++kept;
    }
    locations_.resize(write);
    begin_.resize(kept + 1);
    begin_[kept] = write;
    values_.resize(kept * width_);
    label_set_.resize(kept);
  }

  // Iteration yields a Sample view per sample.
  class Iterator {
   public:
    Iterator(const SampleTable* t, size_t i) : t_(t), i_(i) {}
    Sample operator*() const { return (*t_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const SampleTable* t_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

 private:
  size_t width_ = 0;
  std::vector<uint32_t> locations_;  // every sample's, one after the other
  std::vector<uint64_t> begin_;      // sample i's at [begin_[i], begin_[i+1])
  std::vector<int64_t> values_;      // sample i's at [i * width_, +width_)
  std::vector<uint32_t> label_set_;  // per sample
  // Label set s is labels_[set_begin_[s] .. set_begin_[s + 1]).
  std::vector<Label> labels_;
  std::vector<uint32_t> set_begin_;
  stack::IndexTable sets_;
};

}  // namespace pprof

#endif  // COMMON_PPROF_SAMPLE_TABLE_H_
