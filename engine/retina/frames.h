#pragma once
// Frame blocks and coordinates shared by the retina lab (retina.md §4, §8).
//
// Units: 1 px = 55 µm, 1 frame = 10 ms, intensities in z units (background 0, dark < 0;
// z = 1 ↔ 35 % contrast).
// A block of T frames of an H × W window is a row-major T × (H·W) float matrix: row t = frame t,
// pixel (row y, column x) at column y·W + x. Frames are contiguous, so a CNN reads a 40-frame
// window as 40 consecutive rows.
// Coordinates: pixel column x covers [x, x + 1) in window coordinates (px, 0 = left edge), its
// centre is x + ½. Probes use centred coordinates X = x − W/2 (0 = window centre, + = right).
#include <Eigen/Core>
#include <cstdint>

namespace emergence::engine {

using FrameBlock = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kRetinaPixelUm = 55.0;       // µm per pixel
constexpr double kRetinaFrameS = 0.01;        // s per frame (and per response bin)
constexpr double kRetinaContrastPerZ = 0.35;  // RMS contrast of one z unit

// A stream of frames generated on the fly (natural-like movie, white noise). Each call continues
// where the previous one stopped: nextFrames(a) then nextFrames(b) gives the same frames as
// nextFrames(a + b).
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual int height() const = 0;
  virtual int width() const = 0;
  // Resizes `out` to k × (H·W) and fills it with the next k frames. k ≥ 0.
  virtual void nextFrames(int k, FrameBlock& out) = 0;
  FrameBlock nextFrames(int k) {
    FrameBlock out;
    nextFrames(k, out);
    return out;
  }
  // Frames produced so far.
  virtual std::int64_t framesGenerated() const = 0;
};

}  // namespace emergence::engine
