#include "common/flame/svg_numbers.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace flame {
namespace {

constexpr long long kScale[] = {1, 10, 100, 1000};

// |v| * 10^decimals rounded to the nearest integer, ties to even, on the
// exact binary value (as to_chars rounds): |v| = m * 2^e with m < 2^53, so
// m * 10^decimals < 2^63 and one shift decides the rounding.
unsigned long long ScaleAndRound(double v, int decimals) {
  const uint64_t bits = std::bit_cast<uint64_t>(std::fabs(v));
  const int exponent = static_cast<int>(bits >> 52);
  const uint64_t fraction = bits & ((uint64_t{1} << 52) - 1);
  const uint64_t m = exponent == 0 ? fraction : fraction | uint64_t{1} << 52;
  const int e = exponent == 0 ? -1074 : exponent - 1075;
  const uint64_t product = m * static_cast<uint64_t>(kScale[decimals]);
  if (e >= 0) return product << e;  // |v| < 1e12: no overflow
  const int shift = -e;
  if (shift >= 64) return 0;  // below 2^-11 * 10^-3: rounds to zero
  const uint64_t q = product >> shift;
  const uint64_t rest = product & ((uint64_t{1} << shift) - 1);
  const uint64_t half = uint64_t{1} << (shift - 1);
  return q + (rest > half || (rest == half && (q & 1)));
}

// Digits of n (n >= 0) written backwards from `end`; returns the start.
char* DigitsBackwards(unsigned long long n, char* end) {
  do {
    *--end = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  return end;
}

double AppendFixedSlow(double v, int decimals, std::string* out) {
  char buf[400];  // fits any finite double in fixed notation
  auto r = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed,
                         decimals);
  out->append(buf, r.ptr);
  double printed = v;
  std::from_chars(buf, r.ptr, printed);
  return printed;
}

}  // namespace

double AppendFixed(double v, int decimals, std::string* out) {
  // |v| < 1e12 keeps v * 10^3 an exact integer below 2^53 (NaN fails too).
  if (decimals < 0 || decimals > 3 || !(std::fabs(v) < 1e12)) {
    return AppendFixedSlow(v, decimals, out);
  }
  const unsigned long long n = ScaleAndRound(v, decimals);
  char buf[32];
  char* end = buf + sizeof(buf);
  char* p = DigitsBackwards(n, end);
  // At least one digit before the point.
  while (end - p < decimals + 1) *--p = '0';
  if (std::signbit(v)) out->push_back('-');
  out->append(p, end - p - decimals);
  if (decimals > 0) {
    out->push_back('.');
    out->append(end - decimals, decimals);
  }
  // n / 10^d is correctly rounded, as from_chars of the printed text is.
  const double printed = static_cast<double>(n) / kScale[decimals];
  return std::signbit(v) ? -printed : printed;
}

void AppendNumber(double v, std::string* out) {
  const double a = std::fabs(v);
  // Below 1e5 an integer or a half is shorter in fixed notation than in
  // scientific, which is what to_chars picks.
  if (a < 1e5 && a == std::floor(a) && !(v == 0 && std::signbit(v))) {
    AppendInt(static_cast<long long>(v), out);
    return;
  }
  if (a < 1e4 && a - std::floor(a) == 0.5) {
    if (std::signbit(v)) out->push_back('-');
    AppendInt(static_cast<long long>(a), out);
    out->append(".5");
    return;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr);
}

void AppendInt(long long v, std::string* out) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr);
}

void AppendCount(double value, std::string* out) {
  const double a = std::fabs(value);
  if (a >= 1e15) {
    // Too big for exact digits to mean anything: "2.5e+20".
    if (value < 0) out->push_back('-');
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof(buf), a);
    out->append(buf, r.ptr);
    return;
  }
  std::string digits;
  if (a == std::floor(a)) {
    AppendInt(static_cast<long long>(a), &digits);
  } else {
    AppendFixed(a, 3, &digits);
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  // Thousands separators in the integer part.
  const size_t int_len = std::min(digits.find('.'), digits.size());
  if (value < 0) out->push_back('-');
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < int_len && (int_len - i) % 3 == 0) out->push_back(',');
    out->push_back(digits[i]);
  }
}

}  // namespace flame
