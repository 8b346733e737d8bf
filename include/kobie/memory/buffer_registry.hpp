/// \file
/// \brief The buffer registry: owns every per-run array and maps it to scratch level 0, level 1 or thread-private
/// memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kobie/core/errors.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/location.hpp"

namespace kobie {

/// \brief Optional properties of a registered buffer.
struct BufferOptions {
  bool persistent = false;     ///< lives for the whole run (else only for one call of its owner)
  DType dtype = DType::real;   ///< element type; `real` is the registry's Real type
  std::string alias_of;        ///< "" or a target buffer: "name" (same owner) or "owner/name" (an ancestor's)
  bool runtime_sized = false;  ///< sized from settings at run time: reached through its run-time offset
  int alternative = 0;         ///< 0, or k > 0: the owner's alternatives share one region (see place_owner())
};

/// \brief One buffer as laid out: what was registered plus where it landed.
struct BufferInfo {
  std::string owner;
  std::string name;
  Location location = Location::local;
  DType dtype = DType::float64;  ///< resolved (never `real`)
  std::int64_t count = 0;
  bool persistent = false;
  bool runtime_sized = false;   ///< reached through its run-time offset whatever the kernel's binding
  std::string alias_of;         ///< as registered
  bool aliased = false;         ///< true when it lives inside its alias target
  bool alias_fallback = false;  ///< true when the target was too small and it got its own storage
  std::size_t offset = 0;       ///< byte offset inside the run's block of `location`
  std::size_t bytes = 0;        ///< count * element size

  /// \brief "owner/name".
  std::string qualified_name() const { return owner + "/" + name; }
};

/// \brief Per-run totals of a layout.
struct LayoutTotals {
  std::size_t shared_bytes = 0;          ///< team scratch level 0, per run
  std::size_t scratch_bytes = 0;         ///< team scratch level 1, per run
  std::size_t local_bytes = 0;           ///< thread-private array, per run
  std::int64_t local_elements = 0;       ///< thread-private elements with storage of their own
  std::int64_t persistent_elements = 0;  ///< persistent elements with storage of their own (all locations)
  std::int64_t shared_elements = 0;      ///< level-0 elements with storage of their own
  std::int64_t scratch_elements = 0;     ///< level-1 elements with storage of their own
};

/// \brief Owns the registration of every per-run buffer and computes their layout.
///
/// Buffers are registered by (owner, name). Owners form a tree through register_child(); the layout places each
/// owner's own buffers, then its children's subtrees, so a subtree occupies one contiguous slice per location. An
/// owner's own buffers come in order, then its alternatives (BufferOptions::alternative k > 0: each alternative's
/// buffers from one common start per location, the largest setting the end), then its aliases.
/// Any change bumps the generation; allocators from an older generation are detectably stale.
class BufferRegistry {
 public:
  /// \brief A registry whose `real` dtype is `real` (float32 or float64).
  explicit BufferRegistry(DType real = DType::float64);

  /// \brief A registry whose `real` dtype is the C++ type Real.
  template <class Real>
  static BufferRegistry for_real() {
    return BufferRegistry(dtype_of<Real>());
  }

  /// \brief Register a buffer. Errors: empty names, negative count, duplicate (owner, name).
  void register_buffer(const std::string& owner, const std::string& name, std::int64_t count, Location location,
                       const BufferOptions& options = {});
  /// \brief Register a buffer with its location spelled as a setting ("local", "shared", "scratch").
  void register_buffer(const std::string& owner, const std::string& name, std::int64_t count,
                       const std::string& location, const BufferOptions& options = {});
  /// \brief Declare `child` an owner inside `parent`: the parent's totals include the child's subtree.
  void register_child(const std::string& parent, const std::string& child);

  /// \brief Record that `owner`'s settings chose its alternative k > 0 (its buffers of other alternatives have no
  /// elements).
  void use_alternative(const std::string& owner, int k);
  /// \brief The alternative every owner with alternatives uses: 0 when no owner has any; RegistryError when owners
  /// chose different ones (a kernel is compiled for one alternative).
  int alternative_in_use() const;

  /// \brief True when (owner, name) is registered.
  bool has_buffer(const std::string& owner, const std::string& name) const;
  /// \brief Allocator of one buffer in the current layout.
  Allocator allocator(const std::string& owner, const std::string& name) const;
  /// \brief Typed allocator of one buffer; throws RegistryError when T does not match its dtype.
  template <class T>
  TypedAllocator<T> typed_allocator(const std::string& owner, const std::string& name) const {
    return TypedAllocator<T>{checked_type(allocator(owner, name), dtype_of<T>(), owner + "/" + name)};
  }

  /// \brief Per-run totals of the whole layout.
  LayoutTotals totals() const;
  /// \brief Every buffer with its resolved placement, in layout order.
  const std::vector<BufferInfo>& buffers() const;
  /// \brief The layout generation: it changes whenever a registration changes.
  std::uint32_t generation() const { return generation_; }
  /// \brief The registry's Real dtype.
  DType real_dtype() const { return real_; }

  /// \brief True when the allocator belongs to the current layout.
  bool is_current(const Allocator& allocator) const { return allocator.generation == generation_; }
  /// \brief Throws StaleAllocatorError when the allocator is from an older layout.
  void require_current(const Allocator& allocator, const std::string& what) const;

  /// \brief Throws LocalCapacityError when the thread-private layout exceeds `capacity_bytes`.
  void check_local_capacity(std::size_t capacity_bytes) const;
  /// \brief Throws ScratchLimitError when one run's level-0 or level-1 bytes exceed the device limits.
  void check_scratch_limits(std::size_t level0_max_bytes, std::size_t level1_max_bytes) const;

  /// \brief The layout as a printable table, with the per-run totals.
  std::string format_table() const;

  /// \brief Throws RegistryError unless `allocator` holds elements of `expected`.
  static Allocator checked_type(const Allocator& allocator, DType expected, const std::string& what);

 private:
  struct Entry {
    std::string owner, name;
    std::int64_t count;
    Location location;
    BufferOptions options;
  };
  struct OwnerNode {
    std::string parent;
    std::vector<std::string> children;
  };

  void touch_owner(const std::string& owner);
  void mark_dirty();
  void ensure_layout() const;
  void place_owner(const std::string& owner, std::size_t cursor[n_locations]) const;
  const Entry* find(const std::string& owner, const std::string& name) const;
  Entry* find(const std::string& owner, const std::string& name);
  bool is_ancestor_or_self(const std::string& ancestor, const std::string& owner) const;
  std::string largest_buffers(Location location, int how_many) const;

  DType real_;
  std::vector<Entry> entries_;
  std::vector<std::string> owner_order_;
  std::map<std::string, OwnerNode> owners_;
  std::map<std::string, int> alternatives_;  // owner -> its alternative in use
  std::uint32_t generation_ = 1;

  mutable bool dirty_ = true;
  mutable std::vector<BufferInfo> layout_;
  mutable std::map<std::string, std::size_t> index_;      // "owner/name" -> position in layout_
  mutable std::map<std::string, std::size_t> alias_use_;  // alias target -> bytes already handed to aliases
  mutable LayoutTotals totals_;
};

}  // namespace kobie
