/// \file
/// \brief What the host knows of every component without building a kernel: the buffers they may register.
#pragma once

#include <vector>

#include "kobie/memory/component.hpp"

namespace kobie {

/// \brief Every buffer a solve may register: the IVP loop's, every algorithm's (with its children) and the step
/// controller's, in layout order, each name once. The `<buffer>_location` settings are made from this list.
std::vector<DeclaredBuffer> all_declared_buffers();

}  // namespace kobie
