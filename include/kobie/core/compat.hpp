/// \file
/// \brief The one place where Kokkos version differences are bridged (3.4 and 4.x).
///
/// Everything else in kobie calls these names instead of Kokkos' own, so the rest of the
/// code base is written once for every Kokkos release and every backend.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdio>
#include <string>
#include <type_traits>

#include "kobie/core/errors.hpp"

#if KOKKOS_VERSION >= 30700
#define KOBIE_IMPL_KOKKOS_MATH_NS ::Kokkos
#else
#define KOBIE_IMPL_KOKKOS_MATH_NS ::Kokkos::Experimental
#endif

/// \brief printf usable inside kernels on every backend.
#if KOKKOS_VERSION >= 40200
#define KOBIE_DEVICE_PRINTF(...) ::Kokkos::printf(__VA_ARGS__)
#else
#define KOBIE_DEVICE_PRINTF(...) printf(__VA_ARGS__)
#endif

/// \brief A host-and-device function that device compilers must not inline: for the large linear-solver paths of the
/// implicit families, which several stages call (inlined at every call site, CUDA's ptxas spends hours on one kernel).
/// Host compilers still inline it.
#if defined(__CUDA_ARCH__) || defined(__HIP_DEVICE_COMPILE__)
#define KOBIE_OUTLINED_FUNCTION KOKKOS_FUNCTION __noinline__
#else
#define KOBIE_OUTLINED_FUNCTION KOKKOS_INLINE_FUNCTION
#endif

/// \brief Written after a lambda's parameter list (`[&](auto i) KOBIE_INLINE_LAMBDA { ... }`): GCC inlines the lambda
/// whatever its budget. Once a translation unit has used its growth budget (inline-unit-growth), GCC leaves calls to
/// lambdas out of line, and an out-of-line explicit stage keeps the stage arrays in memory: in the Lorenz benchmark the
/// rk4 stages were out of line (fixed steps 1.3x slower than inlined) and a few more instructions in the loop pushed
/// dormand-prince-54's out too (1.7x). Empty for other compilers (nvcc rejects the attribute on lambdas).
#if defined(__GNUC__) && !defined(__clang__) && !defined(__NVCC__) && !defined(__CUDACC__) && \
    !defined(__INTEL_COMPILER) && !defined(__INTEL_LLVM_COMPILER)
#define KOBIE_INLINE_LAMBDA __attribute__((always_inline))
#else
#define KOBIE_INLINE_LAMBDA
#endif

namespace kobie {
namespace math {

/// \brief Square root.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T sqrt(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::sqrt(x);
}
/// \brief Cube root.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T cbrt(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::cbrt(x);
}
/// \brief Power x^y.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T pow(T x, T y) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::pow(x, y);
}
/// \brief Exponential.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T exp(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::exp(x);
}
/// \brief Natural logarithm.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T log(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::log(x);
}
/// \brief Sine.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T sin(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::sin(x);
}
/// \brief Cosine.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T cos(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::cos(x);
}
/// \brief Smallest integer value not less than x.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T ceil(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::ceil(x);
}
/// \brief Largest integer value not greater than x.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T floor(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::floor(x);
}
/// \brief Absolute value (floating point and integers).
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T abs(T x) {
  if constexpr (std::is_floating_point<T>::value) {
    return KOBIE_IMPL_KOKKOS_MATH_NS::fabs(x);
  } else {
    return x < T(0) ? -x : x;
  }
}
/// \brief IEEE fmin: the non-NaN argument when one is NaN.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T fmin(T x, T y) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::fmin(x, y);
}
/// \brief IEEE fmax: the non-NaN argument when one is NaN.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T fmax(T x, T y) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::fmax(x, y);
}
/// \brief True when x is neither infinite nor NaN.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION bool isfinite(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::isfinite(x);
}
/// \brief True when x is NaN.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION bool isnan(T x) {
  return KOBIE_IMPL_KOKKOS_MATH_NS::isnan(x);
}
/// \brief The smaller of two values (a when they compare equal).
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T min(T a, T b) {
  return b < a ? b : a;
}
/// \brief The larger of two values (a when they compare equal).
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T max(T a, T b) {
  return a < b ? b : a;
}
/// \brief Clamp x into [lo, hi].
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T clamp(T x, T lo, T hi) {
  return x < lo ? lo : (hi < x ? hi : x);
}
/// \brief Machine epsilon of T.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T epsilon() {
  return Kokkos::Experimental::epsilon<T>::value;
}
/// \brief Largest finite value of T.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T finite_max() {
  return Kokkos::Experimental::finite_max<T>::value;
}
/// \brief Positive infinity of T.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T infinity() {
  return Kokkos::Experimental::infinity<T>::value;
}
/// \brief A quiet NaN of T.
template <class T>
KOKKOS_FORCEINLINE_FUNCTION T quiet_nan() {
  return static_cast<T>(KOBIE_IMPL_KOKKOS_MATH_NS::nan(""));
}

}  // namespace math

/// \brief True when ExecSpace runs on the host (Serial, OpenMP, Threads): kernels there use team size 1.
template <class ExecSpace>
inline constexpr bool is_host_execution_space_v = Kokkos::SpaceAccessibility<ExecSpace, Kokkos::HostSpace>::accessible;

/// \brief Fence one execution-space instance; the name shows up in profiling tools on Kokkos 4.
template <class ExecSpace>
inline void fence(const ExecSpace& exec, const std::string& name) {
#if KOKKOS_VERSION >= 30700
  exec.fence(name);
#else
  (void)name;
  exec.fence();
#endif
}

/// \brief Fence every execution space; the name shows up in profiling tools on Kokkos 4.
inline void fence(const std::string& name) {
#if KOKKOS_VERSION >= 30700
  Kokkos::fence(name);
#else
  (void)name;
  Kokkos::fence();
#endif
}

/// \brief RAII profiling region (push on construction, pop on destruction), on every Kokkos version.
class ProfilingRegion {
 public:
  explicit ProfilingRegion(const std::string& name) { Kokkos::Profiling::pushRegion(name); }
  ~ProfilingRegion() { Kokkos::Profiling::popRegion(); }
  ProfilingRegion(const ProfilingRegion&) = delete;
  ProfilingRegion& operator=(const ProfilingRegion&) = delete;
};

/// \brief Throws kobie::Error unless Kokkos is initialized: kobie's host API allocates Views and launches kernels.
inline void require_kokkos_initialized(const std::string& who) {
  if (!Kokkos::is_initialized()) {
    throw Error("kobie: " + who + " needs Kokkos, which is not initialized (or already finalized): create a " +
                "Kokkos::ScopeGuard guard(argc, argv) (or call Kokkos::initialize) before using kobie, and keep it " +
                "alive while kobie objects are in use");
  }
}

/// \brief Rank of a View type, as a constant on every Kokkos version.
template <class ViewType>
inline constexpr int view_rank_v = static_cast<int>(ViewType::rank);

}  // namespace kobie
