#include "engine/core/normal_fill.h"

#include <Eigen/Core>
#include <cmath>

#include "engine/core/angles.h"
#include "engine/core/random.h"

namespace emergence::engine {

void fillNormal(float* out, Eigen::Index n, Rng& rng, float scale) {
  constexpr Eigen::Index kBlock = 1024;  // pairs per block
  Eigen::ArrayXf u1(kBlock), u2(kBlock), radius(kBlock), angle(kBlock);
  Eigen::Index done = 0;
  while (done < n) {
    const Eigen::Index pairs = std::min<Eigen::Index>(kBlock, (n - done + 1) / 2);
    for (Eigen::Index i = 0; i < pairs; ++i) {
      const std::uint64_t bits = rng.nextU64();
      // Two 24-bit uniforms per 64-bit draw; u1 in (0, 1] keeps the log finite.
      u1[i] = static_cast<float>((bits >> 40) + 1) * 0x1.0p-24f;
      u2[i] = static_cast<float>((bits >> 16) & 0xFFFFFFu) * 0x1.0p-24f;
    }
    auto r = radius.head(pairs);
    auto a = angle.head(pairs);
    r = (-2.0f * u1.head(pairs).log()).sqrt() * scale;
    a = u2.head(pairs) * static_cast<float>(kTwoPi);
    const Eigen::ArrayXf c = r * a.cos();
    const Eigen::ArrayXf s = r * a.sin();
    // Interleave (c0, s0, c1, s1, …); the last pair may be cut in half.
    const Eigen::Index full = std::min<Eigen::Index>(pairs, (n - done) / 2);
    Eigen::Map<Eigen::ArrayXf, 0, Eigen::InnerStride<2>> evens(out + done, full);
    Eigen::Map<Eigen::ArrayXf, 0, Eigen::InnerStride<2>> odds(out + done + 1, full);
    evens = c.head(full);
    odds = s.head(full);
    done += 2 * full;
    if (full < pairs && done < n) out[done++] = c[full];
  }
}

void fillNormal(double* out, Eigen::Index n, Rng& rng, double scale) {
  for (Eigen::Index i = 0; i < n; ++i) out[i] = rng.normal() * scale;
}

}  // namespace emergence::engine
