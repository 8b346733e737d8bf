#include "kobie/loop/component_catalog.hpp"

#include "kobie/algorithms/algorithm_list.hpp"

namespace kobie {

std::vector<DeclaredBuffer> all_declared_buffers() {
  static const std::vector<DeclaredBuffer> buffers = declared_buffers_of<AllAlgorithms>();
  return buffers;
}

}  // namespace kobie
