#pragma once
// Natural-like movie of retina.md §8.1, rendered frame by frame from a seed (no files): an eye
// fixates images of the ImageBank, jumps between fixations with short saccades, drifts during a
// fixation (Ornstein–Uhlenbeck jitter, bilinear sub-pixel sampling), sometimes sees a moving
// object, and the whole scene's luminance drifts slowly.
//
// Per frame (dt = frameS):
//   gaze g(t) = fixation offset o + jitter j(t), px in image coordinates (image pixel i has its
//     centre at i); window pixel (x, y) shows the scene at (o_x + j_x + x, o_y + j_y + y).
//   jitter  j ← a·j + σ·ξ, a = exp(−dt/τ_j), σ = jitterStepSdPx, ξ ~ N(0, I₂) (stationary SD
//     σ/√(1 − a²) ≈ 1.25 px at the defaults).
//   fixation length  D ~ Exp(mean fixationMeanS), clipped to [fixationMinS, fixationMaxS].
//   saccade  1–2 frames moving the gaze to the next fixation (a new image with probability
//     newImageProbability, else a new offset on the same image), each frame the mean of
//     saccadeBlurSamples positions along the path (motion blur).
//   object (probability objectProbability per fixation)  a bar (infinitely long, width s) or a
//     disk (radius s), s ~ U(objectSizeMinPx, objectSizeMaxPx), value ±U(objectContrastMin,
//     objectContrastMax) z (dark or bright with equal odds), moving in a random direction at
//     v ~ U(objectSpeedMin, objectSpeedMax) px/frame, reversing once at the anchor frame with
//     probability objectReversalProbability; it passes within W/4 of the window centre mid
//     fixation, moves with the world (so the eye jitter moves it too), anti-aliased coverage c:
//     z = (1 − c)·z_scene + c·value.
//   drift  luminance × (1 + A·u), u an OU process with unit SD and time constant driftTauS:
//     z' = ((1 + A·u)(1 + κ·z) − 1)/κ, κ = contrastPerZ.
// Output z: mean ≈ 0, SD ≈ 1 over a long run (each image has SD c/κ with c ∈ [0.3, 0.4]).
#include <cstdint>

#include "engine/core/random.h"
#include "engine/retina/frames.h"
#include "engine/retina/image_bank.h"

namespace emergence::engine {

struct NaturalMovieConfig {
  int height = 50, width = 50;  // window, px
  std::uint64_t seed = 1;       // eye movements, objects, drift (the bank has its own seed)
  ImageBankConfig bank{};
  double frameS = kRetinaFrameS;
  double fixationMeanS = 1.0, fixationMinS = 0.3, fixationMaxS = 3.0;
  int saccadeFramesMin = 1, saccadeFramesMax = 2;
  double newImageProbability = 0.5;
  int saccadeBlurSamples = 4;
  double saccadeMinPx = 10.0, saccadeMaxPx = 40.0;  // path length into a new image
  int marginPx = 8;              // window kept this far from the image edge at each fixation
  double jitterStepSdPx = 0.25;  // px per frame (spec range 0.1–0.5)
  double jitterRelaxS = 0.5;
  double objectProbability = 0.2;
  double objectDiskProbability = 0.5;  // else a bar
  double objectSizeMinPx = 1.0, objectSizeMaxPx = 4.0;
  double objectSpeedMin = 0.04, objectSpeedMax = 0.36;      // px/frame (0.2–2 mm/s)
  double objectContrastMin = 0.5, objectContrastMax = 2.0;  // |value|, z
  double objectReversalProbability = 0.5;
  double driftAmplitude = 0.1, driftTauS = 2.0;
  double contrastPerZ = kRetinaContrastPerZ;
};

// What the eye is doing at the last generated frame (for a GUI or a log).
struct NaturalMovieStatus {
  int image = -1;               // bank index
  double gazeX = 0, gazeY = 0;  // o + j, px (image coordinates)
  double jitterX = 0, jitterY = 0;
  double drift = 0;      // u (the factor is 1 + A·u)
  bool saccade = false;  // the frame was a saccade frame
  bool object = false;   // an object is present in this fixation
  int fixations = 0;     // fixations started so far
};

class NaturalMovie : public FrameSource {
 public:
  // Throws std::invalid_argument naming the field for an invalid config.
  explicit NaturalMovie(const NaturalMovieConfig& config = {});
  int height() const override { return m_config.height; }
  int width() const override { return m_config.width; }
  using FrameSource::nextFrames;
  void nextFrames(int k, FrameBlock& out) override;
  std::int64_t framesGenerated() const override { return m_frames; }
  const NaturalMovieConfig& config() const { return m_config; }
  const ImageBank& bank() const { return m_bank; }
  NaturalMovieStatus status() const { return m_status; }

 private:
  struct Object {
    bool disk = false;
    double size = 1, value = -1;           // px; z
    double dirX = 1, dirY = 0, speed = 0;  // unit direction, px/frame
    double anchorX = 0, anchorY = 0;       // window coordinates (no jitter) at the anchor frame
    int anchorFrame = 0;
    bool reverses = false;
  };
  void startFixation();
  void loadImage(int index);
  void renderFrame(float* out);
  double sample(double u, double v) const;  // bilinear, clamped to the image
  void stepNoise();

  NaturalMovieConfig m_config;
  ImageBank m_bank;
  Rng m_rng;
  BankImage m_image;  // current image, z units
  int m_imageIndex = -1;
  double m_offX = 0, m_offY = 0;    // fixation offset o
  double m_fromX = 0, m_fromY = 0;  // saccade start gaze (image coordinates, no jitter)
  int m_saccadeLeft = 0, m_saccadeFrames = 0;
  int m_fixationLeft = 0, m_fixationFrame = 0;
  double m_jx = 0, m_jy = 0, m_jitterA = 0;
  double m_u = 0, m_driftA = 0;
  bool m_hasObject = false;
  Object m_object;
  std::int64_t m_frames = 0;
  NaturalMovieStatus m_status;
};

}  // namespace emergence::engine
