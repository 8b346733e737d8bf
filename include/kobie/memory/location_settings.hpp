/// \file
/// \brief Where each registered buffer lives, as set by the `<buffer>_location` settings.
#pragma once

#include <map>
#include <string>

#include "kobie/memory/location.hpp"

namespace kobie {

/// \brief The location of every buffer by name; buffers not listed are at their declared default ('local' for all
/// but the run-time-sized ones).
struct LocationSettings {
  std::map<std::string, Location> buffers;

  /// \brief Location of buffer `name`, `fallback` when no setting moved it.
  Location of(const std::string& name, Location fallback = Location::local) const {
    const auto it = buffers.find(name);
    return it == buffers.end() ? fallback : it->second;
  }
};

/// \brief One declared buffer, for host-side listings (the `<buffer>_location` settings, documentation).
struct DeclaredBuffer {
  std::string owner;
  std::string name;
  std::string group;  ///< shorthand location setting, or ""
  Location default_location = Location::local;
};

}  // namespace kobie
