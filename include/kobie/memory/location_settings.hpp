/// \file
/// \brief Where each registered buffer lives, as set by the `<buffer>_location` settings.
#pragma once

#include <map>
#include <string>

#include "kobie/memory/location.hpp"

namespace kobie {

/// \brief The location of every buffer by name; buffers not listed are 'local'.
struct LocationSettings {
  std::map<std::string, Location> buffers;

  /// \brief Location of buffer `name`.
  Location of(const std::string& name) const {
    const auto it = buffers.find(name);
    return it == buffers.end() ? Location::local : it->second;
  }
};

}  // namespace kobie
