/// \file
/// \brief What the host knows of the components without building a kernel: the buffers they may register.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "kobie/loop/ivp_loop.hpp"
#include "kobie/memory/component.hpp"

namespace kobie {

/// \brief Every buffer a solve with one of the algorithms of `Algorithms` (a TypeList) may register: the IVP loop's,
/// each algorithm's (with its children), the step controller's and the summaries', in layout order, each name once.
template <class Algorithms>
std::vector<DeclaredBuffer> declared_buffers_of() {
  std::vector<DeclaredBuffer> out;
  auto add = [&](const std::vector<DeclaredBuffer>& more) {
    for (const auto& b : more) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const DeclaredBuffer& o) { return o.name == b.name; });
      if (!seen) out.push_back(b);
    }
  };
  Impl::for_each_decl([&](auto algorithm) { add(declared_buffers<IvpLoop<decltype(algorithm)>>()); }, Algorithms{});
  return out;
}

/// \brief The buffers of kobie's own components (every algorithm of AllAlgorithms): the `<buffer>_location` settings
/// every Settings has.
std::vector<DeclaredBuffer> all_declared_buffers();

/// \brief The buffers of `Algorithms` that kobie's own components do not declare (an algorithm family a program
/// defines): what a Solver adds to its Settings (Settings::declared_buffers).
template <class Algorithms>
std::vector<DeclaredBuffer> buffers_beyond_kobies() {
  const std::vector<DeclaredBuffer> own = all_declared_buffers();
  std::vector<DeclaredBuffer> out;
  for (const DeclaredBuffer& b : declared_buffers_of<Algorithms>()) {
    if (std::none_of(own.begin(), own.end(), [&](const DeclaredBuffer& o) { return o.name == b.name; })) {
      out.push_back(b);
    }
  }
  return out;
}

}  // namespace kobie
