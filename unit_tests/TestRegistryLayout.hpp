#include <gtest/gtest.h>

#include <cstdint>

#include "kobie/memory/buffer_registry.hpp"

namespace {

using kobie::BufferOptions;
using kobie::BufferRegistry;
using kobie::DType;
using kobie::Location;

BufferOptions opts(bool persistent, DType dtype = DType::real, std::string alias = "") {
  BufferOptions o;
  o.persistent = persistent;
  o.dtype = dtype;
  o.alias_of = std::move(alias);
  return o;
}

}  // namespace

TEST(TEST_CATEGORY, registry_layout_offsets_alignment_and_totals) {
  BufferRegistry reg = BufferRegistry::for_real<double>();
  reg.register_buffer("loop", "state", 3, Location::local, opts(true));
  reg.register_buffer("loop", "counters", 3, Location::local, opts(false, DType::int32));
  reg.register_buffer("loop", "proposal", 2, Location::local);  // 8-byte aligned after 12 bytes of int32
  reg.register_buffer("loop", "history", 2, "shared", opts(true));
  reg.register_buffer("loop", "accum", 5, "scratch");

  const auto state = reg.allocator("loop", "state");
  const auto counters = reg.allocator("loop", "counters");
  const auto proposal = reg.allocator("loop", "proposal");
  EXPECT_EQ(state.offset, 0u);
  EXPECT_EQ(state.dtype, DType::float64);
  EXPECT_EQ(counters.offset, 24u);
  EXPECT_EQ(counters.dtype, DType::int32);
  EXPECT_EQ(proposal.offset, 40u);  // 24 + 12 = 36, rounded up to 40 for doubles
  EXPECT_EQ(reg.allocator("loop", "history").offset, 0u);
  EXPECT_EQ(reg.allocator("loop", "accum").location, Location::scratch);

  const auto t = reg.totals();
  EXPECT_EQ(t.local_bytes, 56u);
  EXPECT_EQ(t.local_elements, 8);
  EXPECT_EQ(t.shared_bytes, 16u);
  EXPECT_EQ(t.shared_elements, 2);
  EXPECT_EQ(t.scratch_bytes, 40u);
  EXPECT_EQ(t.scratch_elements, 5);
  EXPECT_EQ(t.persistent_elements, 5);
}

TEST(TEST_CATEGORY, registry_float_real_and_run_block_rounding) {
  BufferRegistry reg = BufferRegistry::for_real<float>();
  reg.register_buffer("a", "x", 3, Location::shared);
  reg.register_buffer("a", "n", 1, Location::shared, opts(false, DType::int32));
  EXPECT_EQ(reg.allocator("a", "x").dtype, DType::float32);
  EXPECT_EQ(reg.allocator("a", "n").offset, 12u);
  EXPECT_EQ(reg.totals().shared_bytes, 16u);
  reg.register_buffer("a", "y", 1, Location::shared);
  EXPECT_EQ(reg.totals().shared_bytes, 24u);  // 20 bytes, each run's block starts 8-byte aligned
}

TEST(TEST_CATEGORY, registry_children_are_contiguous_slices) {
  BufferRegistry reg;
  reg.register_buffer("loop", "y", 4, Location::shared);
  reg.register_child("loop", "algo");
  reg.register_buffer("algo", "k", 10, Location::shared);
  reg.register_child("algo", "newton");
  reg.register_buffer("newton", "r", 4, Location::shared);
  reg.register_buffer("newton", "iters", 1, Location::local, opts(true, DType::int32));
  reg.register_buffer("loop", "t_save", 1, Location::shared);  // registered late, still placed in loop's own part

  EXPECT_EQ(reg.allocator("loop", "y").offset, 0u);
  EXPECT_EQ(reg.allocator("loop", "t_save").offset, 32u);
  EXPECT_EQ(reg.allocator("algo", "k").offset, 40u);
  EXPECT_EQ(reg.allocator("newton", "r").offset, 120u);

  EXPECT_EQ(reg.typed_allocator<std::int32_t>("newton", "iters").size(), 1);
  EXPECT_EQ(reg.totals().shared_bytes, 152u);  // loop's 5, algo's 10 and newton's 4 doubles, one slice each
  EXPECT_EQ(reg.totals().shared_elements, 19);
  EXPECT_EQ(reg.totals().local_elements, 1);
  EXPECT_EQ(reg.totals().persistent_elements, 1);
}

TEST(TEST_CATEGORY, registry_aliases_pack_inside_target_and_fall_back) {
  BufferRegistry reg;
  reg.register_buffer("algo", "stages", 10, Location::shared);
  reg.register_child("algo", "newton");
  reg.register_buffer("newton", "delta", 4, Location::shared, opts(false, DType::real, "algo/stages"));
  reg.register_buffer("newton", "iters", 3, Location::shared, opts(false, DType::int32, "algo/stages"));
  reg.register_buffer("newton", "too_big", 8, Location::shared, opts(false, DType::real, "algo/stages"));
  reg.register_buffer("algo", "tmp", 2, Location::shared, opts(false, DType::real, "stages"));

  const auto& b = reg.buffers();
  auto info = [&](const std::string& q) {
    for (const auto& i : b)
      if (i.qualified_name() == q) return i;
    ADD_FAILURE() << q;
    return kobie::BufferInfo{};
  };
  EXPECT_TRUE(info("algo/tmp").aliased);
  EXPECT_EQ(info("algo/tmp").offset, 0u);
  EXPECT_TRUE(info("newton/delta").aliased);
  EXPECT_EQ(info("newton/delta").offset, 16u);  // after algo/tmp
  EXPECT_TRUE(info("newton/iters").aliased);
  EXPECT_EQ(info("newton/iters").offset, 48u);
  EXPECT_FALSE(info("newton/too_big").aliased);
  EXPECT_TRUE(info("newton/too_big").alias_fallback);
  EXPECT_EQ(info("newton/too_big").offset, 80u);  // its own storage, in newton's slice after algo's
  EXPECT_EQ(reg.totals().shared_bytes, 144u);
  EXPECT_EQ(reg.totals().shared_elements, 18);  // aliases inside their target cost nothing
}

TEST(TEST_CATEGORY, registry_zero_size_buffers_cost_nothing) {
  BufferRegistry reg;
  reg.register_buffer("a", "none", 0, Location::shared);
  reg.register_buffer("a", "x", 2, Location::shared);
  reg.register_buffer("a", "also_none", 0, Location::local, opts(true, DType::int32));
  EXPECT_EQ(reg.allocator("a", "none").count, 0u);
  EXPECT_EQ(reg.allocator("a", "x").offset, 0u);
  EXPECT_EQ(reg.totals().shared_bytes, 16u);
  EXPECT_EQ(reg.totals().local_bytes, 0u);
  EXPECT_EQ(reg.totals().persistent_elements, 0);
  BufferRegistry empty;
  EXPECT_EQ(empty.totals().shared_bytes + empty.totals().scratch_bytes + empty.totals().local_bytes, 0u);
}

TEST(TEST_CATEGORY, registry_new_registrations_recompute_and_detect_stale_allocators) {
  BufferRegistry reg;
  reg.register_buffer("ctrl", "history", 1, Location::local, opts(true));
  reg.register_buffer("ctrl", "gain", 1, Location::local);
  const auto old_gain = reg.allocator("ctrl", "gain");
  EXPECT_TRUE(reg.is_current(old_gain));
  EXPECT_EQ(old_gain.offset, 8u);

  // A registration after the allocator was fetched changes the layout: the old allocator is detectably stale.
  reg.register_child("ctrl", "filter");
  reg.register_buffer("filter", "window", 2, "shared", opts(true));
  EXPECT_FALSE(reg.is_current(old_gain));
  EXPECT_THROW(reg.require_current(old_gain, "ctrl/gain"), kobie::StaleAllocatorError);
  EXPECT_EQ(reg.allocator("ctrl", "gain").offset, 8u);
  EXPECT_EQ(reg.allocator("filter", "window").location, Location::shared);
  EXPECT_NO_THROW(reg.require_current(reg.allocator("filter", "window"), "filter/window"));
}

TEST(TEST_CATEGORY, registry_table_lists_every_buffer) {
  BufferRegistry reg;
  reg.register_buffer("loop", "state", 3, Location::local, opts(true));
  reg.register_buffer("loop", "tmp", 1, Location::local, opts(false, DType::real, "state"));
  const std::string table = reg.format_table();
  EXPECT_NE(table.find("loop"), std::string::npos);
  EXPECT_NE(table.find("state"), std::string::npos);
  EXPECT_NE(table.find("tmp"), std::string::npos);
  EXPECT_NE(table.find("state (inside)"), std::string::npos);
  EXPECT_NE(table.find("thread-private 3 elements (24 B)"), std::string::npos);
}
