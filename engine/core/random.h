#pragma once
// Deterministic random numbers for every draw in the engine.
// xoshiro256** (Blackman & Vigna) seeded through splitmix64; our own uniform and normal
// transforms (never std::normal_distribution or Eigen's Random(), whose output differs between
// standard libraries), so the same seed gives the same bits on every build of this code.
#include <array>
#include <cstdint>

namespace emergence::engine {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1);

  // xoshiro256** step (inline: the noise fill draws millions per update).
  std::uint64_t nextU64() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }
  // Uniform double in [0, 1), 53 random bits.
  double uniform();
  // Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n); unbiased (Lemire's method with rejection). n > 0.
  std::uint64_t uniformInt(std::uint64_t n);
  // Standard normal N(0, 1) by the Box–Muller transform; the second value is cached.
  double normal();
  // Rayleigh-distributed value with scale b: b·sqrt(−2 ln(1 − U)).
  double rayleigh(double scale);
  // An independent generator for a named sub-stream (e.g. one per batch thread), derived from
  // this generator's seed and the stream id; does not advance this generator.
  Rng stream(std::uint64_t streamId) const;

  using State = std::array<std::uint64_t, 4>;
  State state() const { return m_s; }
  void setState(const State& s) {
    m_s = s;
    m_hasCachedNormal = false;
  }
  std::uint64_t seed() const { return m_seed; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  State m_s{};
  std::uint64_t m_seed = 0;
  bool m_hasCachedNormal = false;
  double m_cachedNormal = 0.0;
};

}  // namespace emergence::engine
