#include <gtest/gtest.h>

#include "kobie/core/status.hpp"

TEST(TEST_CATEGORY, status_bits_are_distinct_and_described) {
  namespace st = kobie::status;
  const kobie::StatusBits bits[] = {st::newton_iterations_exceeded,
                                    st::linear_iterations_exceeded,
                                    st::step_too_small,
                                    st::max_steps_exceeded,
                                    st::stagnation,
                                    st::krylov_breakdown,
                                    st::newton_divergence,
                                    st::nonfinite_state,
                                    st::max_rejections_exceeded,
                                    st::stiffness_suspected,
                                    st::singular_matrix,
                                    st::newton_stagnation,
                                    st::no_progress,
                                    st::nonfinite_input};
  kobie::StatusBits seen = 0;
  for (auto b : bits) {
    EXPECT_EQ(b & (b - 1), 0u) << "one bit per flag";
    EXPECT_EQ(seen & b, 0u) << "flags are distinct";
    seen |= b;
  }
  EXPECT_EQ(seen, st::all);
  EXPECT_TRUE(kobie::succeeded(st::success));
  EXPECT_FALSE(kobie::succeeded(st::step_too_small));
  EXPECT_TRUE(kobie::succeeded(st::stiffness_suspected));  // informational: the run went on
  EXPECT_FALSE(kobie::succeeded(st::stiffness_suspected | st::max_steps_exceeded));
  EXPECT_EQ(st::failures & st::informational, 0u);
  EXPECT_EQ(kobie::describe_status(st::success), "success");
  EXPECT_EQ(kobie::describe_status(st::step_too_small | st::nonfinite_state), "step too small | non-finite state");
  EXPECT_EQ(kobie::describe_status(st::stiffness_suspected), "stiffness suspected");
  EXPECT_EQ(kobie::describe_status(st::singular_matrix | st::newton_stagnation), "singular matrix | Newton stagnation");
  EXPECT_FALSE(kobie::succeeded(st::singular_matrix));
  EXPECT_FALSE(kobie::succeeded(st::newton_stagnation));
  EXPECT_FALSE(kobie::succeeded(st::no_progress));
  EXPECT_FALSE(kobie::succeeded(st::nonfinite_input));
  EXPECT_NE(st::nonfinite_input, st::nonfinite_state);
  EXPECT_EQ(kobie::describe_status(st::linear_iterations_exceeded | st::no_progress),
            "linear iterations exceeded | no progress");
  EXPECT_EQ(kobie::describe_status(st::nonfinite_input), "non-finite input");
  EXPECT_EQ(kobie::describe_status(st::max_steps_exceeded | (1u << 20)), "max steps exceeded | unknown bits 0x100000");
}
