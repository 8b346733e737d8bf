#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/launch.hpp"

namespace {

// Runs `f`, expects an exception of type E whose message contains every fragment.
template <class E>
void expect_error(const std::function<void()>& f, std::initializer_list<const char*> fragments) {
  try {
    f();
    ADD_FAILURE() << "no exception thrown";
  } catch (const E& e) {
    const std::string what = e.what();
    for (const char* frag : fragments) EXPECT_NE(what.find(frag), std::string::npos) << "'" << frag << "' in: " << what;
  }
}

kobie::BufferOptions alias_of(const std::string& target) {
  kobie::BufferOptions o;
  o.alias_of = target;
  return o;
}

}  // namespace

TEST(TEST_CATEGORY, registry_error_duplicate_name) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "k", 4, kobie::Location::local);
  expect_error<kobie::RegistryError>([&] { reg.register_buffer("algo", "k", 2, kobie::Location::shared); },
                                     {"'k'", "already registered", "'algo'", "registered once"});
  EXPECT_NO_THROW(reg.register_buffer("other", "k", 2, kobie::Location::shared));  // names are per owner
}

TEST(TEST_CATEGORY, registry_error_negative_size) {
  kobie::BufferRegistry reg;
  expect_error<kobie::RegistryError>([&] { reg.register_buffer("algo", "k", -3, kobie::Location::local); },
                                     {"'algo/k'", "negative size -3", ">= 0"});
}

TEST(TEST_CATEGORY, registry_error_unknown_location_string) {
  kobie::BufferRegistry reg;
  expect_error<kobie::SettingsError>([&] { reg.register_buffer("algo", "k", 3, "sharde"); },
                                     {"'sharde'", "algo/k location", "'local'", "'shared'", "'scratch'"});
  expect_error<kobie::SettingsError>([] { kobie::parse_location("L1", "stage_location"); },
                                     {"'L1'", "'stage_location'"});
}

TEST(TEST_CATEGORY, registry_error_unknown_alias_target) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "stages", 4, kobie::Location::local);
  reg.register_buffer("algo", "tmp", 2, kobie::Location::local, alias_of("stagez"));
  expect_error<kobie::RegistryError>([&] { reg.totals(); }, {"'algo/tmp'", "'stagez'", "not registered", "stages"});
}

TEST(TEST_CATEGORY, registry_error_alias_across_locations) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "stages", 4, kobie::Location::shared);
  reg.register_buffer("algo", "tmp", 2, kobie::Location::local, alias_of("stages"));
  expect_error<kobie::RegistryError>([&] { reg.allocator("algo", "tmp"); },
                                     {"'algo/tmp'", "'local'", "'algo/stages'", "'shared'", "same location"});
}

TEST(TEST_CATEGORY, registry_error_alias_outside_ancestry_and_chains) {
  kobie::BufferRegistry reg;
  reg.register_buffer("a", "x", 4, kobie::Location::local);
  reg.register_buffer("b", "y", 2, kobie::Location::local, alias_of("a/x"));
  expect_error<kobie::RegistryError>([&] { reg.totals(); }, {"'b/y'", "ancestors"});
  kobie::BufferRegistry chain;
  chain.register_buffer("a", "x", 4, kobie::Location::local);
  chain.register_buffer("a", "y", 2, kobie::Location::local, alias_of("x"));
  chain.register_buffer("a", "z", 1, kobie::Location::local, alias_of("y"));
  expect_error<kobie::RegistryError>([&] { chain.totals(); }, {"'a/z'", "itself an alias"});
}

TEST(TEST_CATEGORY, registry_error_unknown_buffer_and_child) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "k", 4, kobie::Location::local);
  expect_error<kobie::RegistryError>([&] { reg.allocator("algo", "q"); }, {"'q'", "'algo'", "its buffers: k"});
  reg.register_child("loop", "algo");
  expect_error<kobie::RegistryError>([&] { reg.register_child("algo", "loop"); }, {"cycle"});
  expect_error<kobie::RegistryError>([&] { reg.register_child("other", "algo"); }, {"already a child of 'loop'"});
}

TEST(TEST_CATEGORY, registry_error_wrong_element_type) {
  kobie::BufferRegistry reg = kobie::BufferRegistry::for_real<float>();
  reg.register_buffer("loop", "y", 3, kobie::Location::local);
  EXPECT_NO_THROW(reg.typed_allocator<float>("loop", "y"));
  expect_error<kobie::RegistryError>([&] { reg.typed_allocator<double>("loop", "y"); },
                                     {"'loop/y'", "float32", "float64"});
}

TEST(TEST_CATEGORY, registry_error_scratch_limit_names_biggest_buffers) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "small", 10, kobie::Location::shared);
  reg.register_buffer("algo", "stages", 5000, kobie::Location::shared);
  reg.register_buffer("newton", "krylov", 3000, kobie::Location::shared);
  reg.register_buffer("newton", "elsewhere", 9000, kobie::Location::scratch);
  expect_error<kobie::ScratchLimitError>(
      [&] { reg.check_scratch_limits(32768, 1 << 20); },
      {"64080 bytes", "level 0", "'shared'", "32768", "scratch_size_max(0)",
       "algo/stages (40000 bytes), newton/krylov (24000 bytes), algo/small (80 bytes)", "'scratch'"});
  expect_error<kobie::ScratchLimitError>([&] { reg.check_scratch_limits(1 << 20, 1000); },
                                         {"72000 bytes", "level 1", "1000", "newton/elsewhere (72000 bytes)"});
  // The launch helper applies the device's real limits.
  using Policy = Kokkos::TeamPolicy<TEST_EXECSPACE>;
  kobie::BufferRegistry huge;
  huge.register_buffer("algo", "stages", static_cast<std::int64_t>(Policy::scratch_size_max(0)) / 8 + 1,
                       kobie::Location::shared);
  expect_error<kobie::ScratchLimitError>([&] { kobie::make_launch_plan<TEST_EXECSPACE>(huge, 10); },
                                         {"algo/stages", std::to_string(Policy::scratch_size_max(0)).c_str()});
}

TEST(TEST_CATEGORY, registry_error_local_capacity) {
  kobie::BufferRegistry reg;
  reg.register_buffer("algo", "stages", 40, kobie::Location::local);
  reg.register_buffer("loop", "state", 4, kobie::Location::local);
  EXPECT_NO_THROW(reg.check_local_capacity(352));
  expect_error<kobie::LocalCapacityError>(
      [&] { reg.check_local_capacity(256); },
      {"352 bytes", "capacity of 256 bytes", "algo/stages (320 bytes)", "'shared'"});
}
