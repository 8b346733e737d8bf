/// \file
/// \brief Exception types thrown by kobie's host API.
#pragma once

#include <stdexcept>
#include <string>

namespace kobie {

/// \brief Base class of every exception kobie throws.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

/// \brief A setting has an invalid value, or an unknown name.
class SettingsError : public Error {
 public:
  explicit SettingsError(const std::string& what) : Error(what) {}
};

/// \brief A buffer registration or layout request is inconsistent.
class RegistryError : public Error {
 public:
  explicit RegistryError(const std::string& what) : Error(what) {}
};

/// \brief The per-run layout does not fit the device's scratch memory.
class ScratchLimitError : public RegistryError {
 public:
  explicit ScratchLimitError(const std::string& what) : RegistryError(what) {}
};

/// \brief The thread-private buffers exceed the compile-time capacity of the kernel.
class LocalCapacityError : public RegistryError {
 public:
  explicit LocalCapacityError(const std::string& what) : RegistryError(what) {}
};

/// \brief An allocator from an older layout was used after the layout changed.
class StaleAllocatorError : public RegistryError {
 public:
  explicit StaleAllocatorError(const std::string& what) : RegistryError(what) {}
};

}  // namespace kobie
