#include "kobie/batch/solve_result.hpp"

namespace kobie {

template struct SolveResult<float, Kokkos::HostSpace>;
template struct SolveResult<double, Kokkos::HostSpace>;
template class HostResult<float>;
template class HostResult<double>;

}  // namespace kobie
