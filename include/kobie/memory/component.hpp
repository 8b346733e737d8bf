/// \file
/// \brief What every component shares: compile-time buffer declarations, the thread-private layout derived from them,
/// the two bindings through which a device object reaches its buffers, and registration with the registry.
///
/// A component (the IVP loop, an algorithm, the step controller, ...) declares each of its per-run buffers once, as a
/// type:
/// \code
/// struct stage_state : kobie::BufferDecl<kobie::DType::real> {
///   static constexpr const char* name = "stage_state";
///   static constexpr const char* group = "stage_location";       // optional shorthand setting
///   static constexpr int count(const kobie::SystemSizes& s) { return s.n_states; }  // the compile-time capacity
/// };
/// \endcode
/// and lists them with its children:
/// \code
/// static constexpr const char* owner = "algorithm";   // its name in the registry
/// using buffers = kobie::TypeList<stage_derivatives, stage_state, error>;
/// using children = kobie::TypeList<>;                  // components it owns (Newton, a linear solver, ...)
/// \endcode
/// From these declarations alone come: the registrations (register_component(), which also registers the children), the
/// `<buffer>_location` settings, the thread-private capacity of the kernel (local_capacity()) and the compile-time
/// offsets of the all-local layout (StaticBinding), which places buffers exactly as BufferRegistry does. Nothing
/// mirrors a layout by hand.
#pragma once

#include <Kokkos_Macros.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "kobie/core/detect.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/location.hpp"
#include "kobie/memory/location_settings.hpp"
#include "kobie/system/system_sizes.hpp"

namespace kobie {

/// \brief A compile-time list of types (buffer declarations, child components, algorithms).
template <class... T>
struct TypeList {
  static constexpr int size = sizeof...(T);
};

/// \brief Base of a buffer declaration: element type and lifetime. A declaration adds `name` and `count(sizes)` (its
/// capacity), and may set `group`, the shorthand location setting that also moves it (e.g. "stage_location"),
/// `alias_of`, `alternative`, and `static int used(const Part&, const SystemSizes&)`: the elements it registers for
/// the component's settings part (at most the capacity; the capacity when absent).
///
/// An alias (`using alias_of = <another buffer of the same component>;`) lives inside its target when it fits there
/// (after the target's earlier aliases), else in storage of its own after the component's other buffers; it follows
/// its target's location and has no location setting of its own. Use it for scratch whose lifetime never overlaps the
/// target's.
///
/// Alternatives (`static constexpr int alternative = k;`, k > 0) are buffers of paths that never run together, e.g. a
/// dense factorisation and a Krylov workspace: the component's `static int alternative_in_use(const Part&, const
/// SystemSizes&)` names the one its settings choose, the buffers of the others register no elements, and each
/// alternative's buffers are placed from one common start after the component's other buffers, so the capacity of
/// the alternatives is the largest one's, not their sum (at compile time and in the registry alike).
template <DType D = DType::real, bool Persistent = false>
struct BufferDecl {
  static constexpr DType dtype = D;                              ///< real is the run's Real type
  static constexpr bool persistent = Persistent;                 ///< lives for the whole run
  static constexpr const char* group = nullptr;                  ///< shorthand location setting, if any
  using alias_of = void;                                         ///< the buffer it lives inside, if any
  static constexpr int alternative = 0;                          ///< 0: always used; k > 0: alternative k
  static constexpr bool runtime_sized = false;                   ///< see RuntimeBufferDecl
  static constexpr Location default_location = Location::local;  ///< where it lives unless a setting moves it
};

/// \brief Base of a buffer whose size is known only at run time (from settings: summary accumulators, ...). It has
/// no thread-private capacity (`count(sizes)` is 0), lives in team scratch (level 1 unless moved to 'shared') and is
/// always reached through the registry's run-time offset, while the other buffers keep their compile-time offsets.
template <DType D = DType::real, bool Persistent = false>
struct RuntimeBufferDecl : BufferDecl<D, Persistent> {
  static constexpr bool runtime_sized = true;
  static constexpr Location default_location = Location::scratch;
  static constexpr int count(const SystemSizes&) { return 0; }
};

/// \brief The C++ element type of a declared buffer for the value type Real.
template <class Decl, class Real>
using element_t =
    std::conditional_t<Decl::dtype == DType::real, Real,
                       std::conditional_t<Decl::dtype == DType::float32, float,
                                          std::conditional_t<Decl::dtype == DType::float64, double, std::int32_t>>>;

namespace Impl {

template <class... Ts>
constexpr int first_true(const bool (&same)[sizeof...(Ts) + 1]) {
  for (int i = 0; i < static_cast<int>(sizeof...(Ts)); ++i) {
    if (same[i]) return i;
  }
  return -1;
}

template <class T, class List>
struct index_of;
template <class T, class... Ts>
struct index_of<T, TypeList<Ts...>> {
  static constexpr bool same[] = {std::is_same<T, Ts>::value..., false};
  static constexpr int value = first_true<Ts...>(same);
  static_assert(value >= 0, "kobie: this buffer is not declared in the component's `buffers` list");
};

/// Index of Decl's alias target in List, −1 when Decl is no alias.
template <class Decl, class List>
constexpr int alias_target() {
  if constexpr (std::is_void<typename Decl::alias_of>::value) {
    return -1;
  } else {
    static_assert(!Decl::runtime_sized, "kobie: a run-time-sized buffer cannot be an alias");
    static_assert(Decl::alternative == 0, "kobie: an alias cannot be an alternative: it follows its target");
    static_assert(std::is_void<typename Decl::alias_of::alias_of>::value,
                  "kobie: a buffer cannot alias an alias; alias its target instead");
    return index_of<typename Decl::alias_of, List>::value;
  }
}

/// Absolute byte offset of own buffer `index` (index == count: the end of the own buffers) for a component whose block
/// starts at `base`, placed as BufferRegistry places an owner's buffers: the buffers that are neither alias nor
/// alternative in order, each aligned to its element size; then the alternatives, each one's buffers in order from one
/// common start, the largest setting the end; then each alias inside its target after the target's earlier aliases
/// when it fits, else after the others. With Only = k > 0 (a kernel compiled for alternative k), the buffers of the
/// other alternatives take no room.
template <class Real, int Only, class... Decls>
constexpr std::size_t own_offset(std::size_t base, const SystemSizes& s, int index, TypeList<Decls...>) {
  constexpr int n = static_cast<int>(sizeof...(Decls));
  // Run-time-sized buffers never live in the thread-private block: they take no room there.
  const std::size_t esize[] = {(Decls::runtime_sized ? 1 : sizeof(element_t<Decls, Real>))..., 1};
  const std::size_t bytes[] = {(Only != 0 && Decls::alternative != 0 && Decls::alternative != Only
                                    ? 0
                                    : static_cast<std::size_t>(Decls::count(s)) *
                                          (Decls::runtime_sized ? 1 : sizeof(element_t<Decls, Real>)))...,
                               0};
  const int target[] = {alias_target<Decls, TypeList<Decls...>>()..., -1};
  const int alternative[] = {Decls::alternative..., 0};
  std::size_t offset[n + 1] = {};
  std::size_t used[n + 1] = {};  // bytes of each target already taken by aliases
  std::size_t cursor = base;
  int alternatives = 0;
  for (int i = 0; i < n; ++i) {
    if (target[i] >= 0) continue;
    alternatives = alternative[i] > alternatives ? alternative[i] : alternatives;
    if (alternative[i] != 0) continue;
    cursor = align_up(cursor, esize[i]);
    offset[i] = cursor;
    cursor += bytes[i];
  }
  const std::size_t region = cursor;
  for (int k = 1; k <= alternatives; ++k) {
    std::size_t c = region;
    for (int i = 0; i < n; ++i) {
      if (target[i] >= 0 || alternative[i] != k) continue;
      c = align_up(c, esize[i]);
      offset[i] = c;
      c += bytes[i];
    }
    cursor = c > cursor ? c : cursor;
  }
  for (int i = 0; i < n; ++i) {
    const int t = target[i];
    if (t < 0) continue;
    const std::size_t start = align_up(offset[t] + used[t], esize[i]);
    if (start + bytes[i] <= offset[t] + bytes[t]) {
      offset[i] = start;
      used[t] = start + bytes[i] - offset[t];
    } else {
      cursor = align_up(cursor, esize[i]);
      offset[i] = cursor;
      cursor += bytes[i];
    }
  }
  return index == n ? cursor : offset[index];
}

template <class Component, class Real, int Only>
constexpr std::size_t subtree_end(std::size_t base, const SystemSizes& s);

template <class Component, class Real, int Only>
constexpr std::size_t own_end(std::size_t base, const SystemSizes& s) {
  using Buffers = typename Component::buffers;
  return own_offset<Real, Only>(base, s, Buffers::size, Buffers{});
}

/// Where each child's subtree starts: children follow the owner's own buffers, one after another.
template <class Real, int Only, class Target, class... Children>
constexpr std::size_t child_start(std::size_t cursor, const SystemSizes& s, TypeList<Children...>) {
  std::size_t found = cursor;
  bool done = false;
  (void)std::initializer_list<int>{
      (done ? 0
            : (std::is_same<Target, Children>::value ? (found = cursor, done = true, 0)
                                                     : (cursor = subtree_end<Children, Real, Only>(cursor, s), 0)))...};
  return found;
}

template <class Real, int Only, class... Children>
constexpr std::size_t children_end(std::size_t cursor, const SystemSizes& s, TypeList<Children...>) {
  (void)std::initializer_list<int>{(cursor = subtree_end<Children, Real, Only>(cursor, s), 0)...};
  return cursor;
}

template <class Component, class Real, int Only>
constexpr std::size_t subtree_end(std::size_t base, const SystemSizes& s) {
  return children_end<Real, Only>(own_end<Component, Real, Only>(base, s), s, typename Component::children{});
}

}  // namespace Impl

/// \brief Bytes of thread-private memory a run of the component tree rooted at Root needs when every buffer is
/// 'local' at its declared capacity (8-byte multiple, as the registry's run blocks). The kernel's compile-time
/// capacity; Only = k > 0: of a kernel compiled for alternative k (the other alternatives' buffers take no room).
template <class Root, class Real, int Only = 0>
constexpr std::size_t local_capacity(const SystemSizes& s) {
  return Impl::align_up(Impl::subtree_end<Root, Real, Only>(0, s), 8);
}

/// \brief A thread-private buffer at a compile-time byte offset: every access has a constant address, so on CUDA the
/// values stay in registers.
template <class T, std::size_t Offset>
struct StaticAccessor {
  /// \brief The run's buffer.
  KOKKOS_FORCEINLINE_FUNCTION T* operator()(const RunMemory& memory) const {
    return reinterpret_cast<T*>(memory.base[static_cast<int>(Location::local)] + Offset);
  }
};

/// \brief Binding of a component whose whole tree is 'local': each buffer's offset is a compile-time constant,
/// derived from the declarations (SizesOf::value are the System's sizes, Base the component's first byte).
/// Alternative (0, or the k of BufferDecl::alternative) is the alternative the kernel is compiled for: a component
/// with alternatives compiles only that one's code when it is not 0, and the other alternatives' buffers take no room
/// (see local_capacity()). InRegisters marks a device kernel, where the thread-private values are meant to live in
/// registers (see in_registers).
template <class SizesOf, class Real, class Component, std::size_t Base = 0, int Alternative = 0,
          bool InRegisters = false>
struct StaticBinding {
  /// \brief The alternative this kernel is compiled for (0: every one, chosen at run time).
  static constexpr int alternative = Alternative;
  /// \brief Every buffer is thread-private (no team scratch).
  static constexpr bool all_local = true;
  /// \brief A device kernel whose buffers are meant to stay in registers: a component then recomputes, where that is
  /// cheap, what a host kernel keeps from one attempt to the next (a value kept across the loop's back edge holds its
  /// registers through every stage of every step).
  static constexpr bool in_registers = InRegisters;
  /// \brief Accessor type of declared buffer Decl (the registry's run-time offset for a run-time-sized buffer).
  template <class Decl>
  using accessor = std::conditional_t<
      Decl::runtime_sized, TeamAllocator<element_t<Decl, Real>>,
      StaticAccessor<element_t<Decl, Real>,
                     Impl::own_offset<Real, Alternative>(Base, SizesOf::value,
                                                         Impl::index_of<Decl, typename Component::buffers>::value,
                                                         typename Component::buffers{})>>;
  /// \brief Binding of child component Child.
  template <class Child>
  using child = StaticBinding<SizesOf, Real, Child,
                              Impl::child_start<Real, Alternative, Child>(
                                  Impl::own_end<Component, Real, Alternative>(Base, SizesOf::value), SizesOf::value,
                                  typename Component::children{}),
                              Alternative, InRegisters>;
};

/// \brief Binding with the registry's offsets, read at run time: any location. Alternative as for StaticBinding.
template <class Real, class Component = void, int Alternative = 0>
struct DynamicBinding {
  /// \brief The alternative this kernel is compiled for (0: every one, chosen at run time).
  static constexpr int alternative = Alternative;
  /// \brief Buffers may be in team scratch.
  static constexpr bool all_local = false;
  /// \brief Buffers live in memory (see StaticBinding::in_registers).
  static constexpr bool in_registers = false;
  /// \brief Accessor type of declared buffer Decl.
  template <class Decl>
  using accessor = TypedAllocator<element_t<Decl, Real>>;
  /// \brief Binding of child component Child.
  template <class Child>
  using child = DynamicBinding<Real, Child, Alternative>;
};

namespace Impl {
template <class... Decls>
constexpr int largest_alternative(TypeList<Decls...>) {
  int most = 0;
  (void)std::initializer_list<int>{(most = Decls::alternative > most ? Decls::alternative : most, 0)...};
  return most;
}
template <class Component>
constexpr int alternatives_in_tree();
template <class... Children>
constexpr int alternatives_in_children(TypeList<Children...>) {
  int most = 0;
  (void)std::initializer_list<int>{
      (most = alternatives_in_tree<Children>() > most ? alternatives_in_tree<Children>() : most, 0)...};
  return most;
}
template <class Component>
constexpr int alternatives_in_tree() {
  const int own = largest_alternative(typename Component::buffers{});
  const int below = alternatives_in_children(typename Component::children{});
  return own > below ? own : below;
}
}  // namespace Impl

/// \brief The number of alternatives of the component tree rooted at Root (the largest BufferDecl::alternative; 0 when
/// it has none). A Solver compiles one kernel per alternative, each with only that alternative's code, and launches
/// the one that BufferRegistry::alternative_in_use() names.
template <class Root>
inline constexpr int alternatives_of = Impl::alternatives_in_tree<Root>();

namespace Impl {
template <class T, std::size_t Offset>
void bind_accessor(StaticAccessor<T, Offset>&, const BufferRegistry& registry, const char* owner, const char* name) {
  if (registry.allocator(owner, name).location != Location::local) {
    throw RegistryError(std::string("kobie: buffer '") + owner + "/" + name +
                        "' is not 'local', so the kernel with compile-time offsets cannot reach it");
  }
}
template <class T>
void bind_accessor(TypedAllocator<T>& accessor, const BufferRegistry& registry, const char* owner, const char* name) {
  accessor = registry.typed_allocator<T>(owner, name);
}
}  // namespace Impl

template <class Decl, class Accessor>
struct BufferSlot {
  Accessor accessor;
};

/// \brief A component's buffers on the device: one accessor per declared buffer, of the binding's kind.
template <class Component, class Binding, class List = typename Component::buffers>
struct BufferSet;

template <class Component, class Binding, class... Decls>
struct BufferSet<Component, Binding, TypeList<Decls...>>
    : BufferSlot<Decls, typename Binding::template accessor<Decls>>... {
  /// \brief Point each accessor at the registry's placement of its buffer (a check only, for static accessors).
  void bind(const BufferRegistry& registry) {
    (void)std::initializer_list<int>{(
        Impl::bind_accessor(static_cast<BufferSlot<Decls, typename Binding::template accessor<Decls>>&>(*this).accessor,
                            registry, Component::owner, Decls::name),
        0)...};
  }
};

/// \brief A component's device object whose buffer set (member `buffers`) is bound to the registry's layout.
template <class Device>
Device bound_device(const BufferRegistry& registry) {
  Device device;
  device.buffers.bind(registry);
  return device;
}

/// \brief The run's buffer Decl of a component's buffer set: `at<stage_state>(buffers, memory)`.
template <class Decl, class Component, class Binding, class List>
KOKKOS_FORCEINLINE_FUNCTION auto at(const BufferSet<Component, Binding, List>& set, const RunMemory& memory) {
  using Accessor = typename Binding::template accessor<Decl>;
  return static_cast<const BufferSlot<Decl, Accessor>&>(set).accessor(memory);
}

namespace Impl {
template <class... Decls>
void append_declared(std::vector<DeclaredBuffer>& out, const char* owner, TypeList<Decls...>) {
  // Aliases follow their target's location: they have no setting of their own.
  (void)std::initializer_list<int>{
      (std::is_void<typename Decls::alias_of>::value
           ? (out.push_back(
                  DeclaredBuffer{owner, Decls::name, Decls::group ? Decls::group : "", Decls::default_location}),
              0)
           : 0)...};
}
template <class Component>
void collect_declared(std::vector<DeclaredBuffer>& out);
template <class... Children>
void collect_children(std::vector<DeclaredBuffer>& out, TypeList<Children...>) {
  (void)std::initializer_list<int>{(collect_declared<Children>(out), 0)...};
}
template <class Component>
void collect_declared(std::vector<DeclaredBuffer>& out) {
  append_declared(out, Component::owner, typename Component::buffers{});
  collect_children(out, typename Component::children{});
}
}  // namespace Impl

/// \brief Every buffer declared by Component and its descendants, in layout order.
template <class Component>
std::vector<DeclaredBuffer> declared_buffers() {
  std::vector<DeclaredBuffer> out;
  Impl::collect_declared<Component>(out);
  return out;
}

namespace Impl {
template <class F, class... Decls>
void for_each_decl(F&& f, TypeList<Decls...>) {
  (void)std::initializer_list<int>{(f(Decls{}), 0)...};
}
}  // namespace Impl

namespace Impl {
/// `Decl::used(parts, sizes)`: the elements Decl registers for the component's part, where Decl defines it.
template <class Decl, class Parts>
using used_call = decltype(Decl::used(std::declval<const Parts&>(), std::declval<const SystemSizes&>()));
/// `C::alternative_in_use(parts, sizes)`: the alternative C's settings choose.
template <class C, class Parts>
using alternative_in_use_call =
    decltype(C::alternative_in_use(std::declval<const Parts&>(), std::declval<const SystemSizes&>()));
/// `C::child_parts(parts, (Child*)nullptr)`: the part C hands its child Child, where C defines it.
template <class C, class Child, class Parts>
using child_parts_call = decltype(C::child_parts(std::declval<const Parts&>(), static_cast<Child*>(nullptr)));

/// The part child Child of C receives: `C::child_parts(parts, (Child*)nullptr)` where C defines it (a part built from
/// C's, e.g. the loop's step control), else C's own part, which converts to the child's.
template <class C, class Child, class Parts>
decltype(auto) child_parts(const Parts& parts) {
  if constexpr (is_detected_v<child_parts_call, C, Child, Parts>) {
    return C::child_parts(parts, static_cast<Child*>(nullptr));
  } else {
    return (parts);
  }
}
template <class C, class Parts, class... Children>
void register_children(BufferRegistry& registry, const Parts& parts, const SystemSizes& sizes, TypeList<Children...>);

/// Registers C's buffer Decl: at its location from `parts.locations` (an alias at its target's), with no elements when
/// it is an alternative that `C::alternative_in_use(parts, sizes)` does not choose, else `Decl::used(parts, sizes)`
/// where Decl defines it, its declared capacity otherwise. A function, not a generic lambda, because nvcc checks both
/// branches of an `if constexpr` inside a generic lambda.
template <class C, class Decl, class Parts>
void register_own_buffer(BufferRegistry& registry, const Parts& parts, const SystemSizes& sizes) {
  const int capacity = Decl::count(sizes);
  int n = capacity;
  if constexpr (is_detected_v<used_call, Decl, Parts>) n = Decl::used(parts, sizes);
  if constexpr (Decl::alternative != 0) {
    static_assert(is_detected_v<alternative_in_use_call, C, Parts>,
                  "kobie: a component with alternative buffers must define alternative_in_use(part, sizes)");
    if (C::alternative_in_use(parts, sizes) != Decl::alternative) n = 0;
  }
  using Target = std::conditional_t<std::is_void<typename Decl::alias_of>::value, Decl, typename Decl::alias_of>;
  const Location location = parts.locations.of(Target::name, Target::default_location);
  if (Decl::runtime_sized && location == Location::local) {
    throw SettingsError(std::string("kobie: invalid value 'local' for setting '") + Decl::name +
                        "_location': its size is known only at run time, so it must be 'shared' or 'scratch'");
  }
  if (!Decl::runtime_sized && n > capacity) {
    throw RegistryError(std::string("kobie: buffer '") + C::owner + "/" + Decl::name + "' needs " + std::to_string(n) +
                        " elements, above its declared capacity of " + std::to_string(capacity));
  }
  const std::string alias = std::is_same<Target, Decl>::value ? "" : Target::name;
  registry.register_buffer(C::owner, Decl::name, n, location,
                           BufferOptions{Decl::persistent, Decl::dtype, alias, Decl::runtime_sized, Decl::alternative});
}
}  // namespace Impl

/// \brief Register component C (as a child of `parent` unless `parent` is empty) and, from its `children` list, its
/// whole subtree.
///
/// Each declared buffer is registered at its location from `parts.locations` (its declared default otherwise; an alias
/// at its target's) with its declared capacity, or with `Decl::used(part, sizes)` where Decl defines it (a smaller
/// count is allowed, a larger one is a RegistryError; a run-time-sized buffer takes any count but cannot be 'local'),
/// and with none when it is an alternative that C's settings do not choose. `parts` is C's settings part (see
/// memory/component_parts.hpp); each child receives Impl::child_parts<C, Child>(parts).
template <class C, class Parts>
void register_component(BufferRegistry& registry, const std::string& parent, const Parts& parts,
                        const SystemSizes& sizes) {
  if (!parent.empty()) registry.register_child(parent, C::owner);
  if constexpr (is_detected_v<Impl::alternative_in_use_call, C, Parts>) {
    registry.use_alternative(C::owner, C::alternative_in_use(parts, sizes));
  }
  auto one = [&](auto decl) { Impl::register_own_buffer<C, decltype(decl)>(registry, parts, sizes); };
  Impl::for_each_decl(one, typename C::buffers{});
  Impl::register_children<C>(registry, parts, sizes, typename C::children{});
}

namespace Impl {
template <class C, class Parts, class... Children>
void register_children(BufferRegistry& registry, const Parts& parts, const SystemSizes& sizes, TypeList<Children...>) {
  (void)std::initializer_list<int>{
      (register_component<Children>(registry, C::owner, child_parts<C, Children>(parts), sizes), 0)...};
}
}  // namespace Impl

}  // namespace kobie
