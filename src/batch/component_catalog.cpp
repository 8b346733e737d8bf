#include "kobie/batch/component_catalog.hpp"

#include <algorithm>

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/loop/ivp_loop.hpp"

namespace kobie {

namespace {
template <class... As>
void collect(std::vector<DeclaredBuffer>& out, TypeList<As...>) {
  auto add = [&](const std::vector<DeclaredBuffer>& more) {
    for (const auto& b : more) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const DeclaredBuffer& o) { return o.name == b.name; });
      if (!seen) out.push_back(b);
    }
  };
  (void)std::initializer_list<int>{(add(declared_buffers<IvpLoop<As>>()), 0)...};
}
}  // namespace

std::vector<DeclaredBuffer> all_declared_buffers() {
  std::vector<DeclaredBuffer> out;
  collect(out, AllAlgorithms{});
  return out;
}

}  // namespace kobie
