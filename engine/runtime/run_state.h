#pragma once
// State of a lab's engine thread, shared by every lab's snapshot (architecture.md §2).
namespace emergence::engine {

enum class RunState { Paused, Training, Testing, Failed };

}  // namespace emergence::engine
