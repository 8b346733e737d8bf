#include "kobie/core/status.hpp"

namespace kobie {

std::string describe_status(StatusBits s) {
  if (s == status::success) return "success";
  struct Named {
    StatusBits bit;
    const char* name;
  };
  static constexpr Named names[] = {
      {status::newton_iterations_exceeded, "Newton iterations exceeded"},
      {status::linear_iterations_exceeded, "linear iterations exceeded"},
      {status::step_too_small, "step too small"},
      {status::max_steps_exceeded, "max steps exceeded"},
      {status::stagnation, "stagnation"},
      {status::krylov_breakdown, "Krylov breakdown"},
      {status::newton_divergence, "Newton divergence"},
      {status::nonfinite_state, "non-finite state"},
      {status::max_rejections_exceeded, "max consecutive rejections exceeded"},
      {status::stiffness_suspected, "stiffness suspected"},
      {status::singular_matrix, "singular matrix"},
      {status::newton_stagnation, "Newton stagnation"},
      {status::no_progress, "no progress"},
      {status::nonfinite_input, "non-finite input"},
  };
  std::string out;
  StatusBits rest = s;
  for (const auto& n : names) {
    if (s & n.bit) {
      if (!out.empty()) out += " | ";
      out += n.name;
      rest &= ~n.bit;
    }
  }
  if (rest != 0) {
    if (!out.empty()) out += " | ";
    out += "unknown bits 0x" + [](StatusBits v) {
      static const char* digits = "0123456789abcdef";
      std::string h;
      do {
        h.insert(h.begin(), digits[v & 0xfu]);
        v >>= 4;
      } while (v != 0);
      return h;
    }(rest);
  }
  return out;
}

}  // namespace kobie
