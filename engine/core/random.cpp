#include "engine/core/random.h"

#include <cmath>

namespace emergence::engine {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr double kTwoPi = 6.283185307179586476925286766559;

}  // namespace

Rng::Rng(std::uint64_t seed) : m_seed(seed) {
  std::uint64_t x = seed;
  for (auto& word : m_s) word = splitmix64(x);
}

double Rng::uniform() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::uniformInt(std::uint64_t n) {
  // Lemire (2019): multiply-shift with rejection of the biased low range.
  std::uint64_t x = nextU64();
  __uint128_t m = static_cast<__uint128_t>(x) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      x = nextU64();
      m = static_cast<__uint128_t>(x) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  if (m_hasCachedNormal) {
    m_hasCachedNormal = false;
    return m_cachedNormal;
  }
  // Box–Muller: u1 in (0, 1] so the log is finite.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  m_cachedNormal = radius * std::sin(kTwoPi * u2);
  m_hasCachedNormal = true;
  return radius * std::cos(kTwoPi * u2);
}

double Rng::rayleigh(double scale) { return scale * std::sqrt(-2.0 * std::log(1.0 - uniform())); }

Rng Rng::stream(std::uint64_t streamId) const {
  std::uint64_t x = m_seed ^ (0xD1B54A32D192ED03ULL * (streamId + 1));
  return Rng(splitmix64(x));
}

}  // namespace emergence::engine
