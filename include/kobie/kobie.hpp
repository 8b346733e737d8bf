/// \file
/// \brief Umbrella header: everything a kobie user needs.
#pragma once

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/algorithms/erk_step.hpp"
#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/batch/batch_grid.hpp"
#include "kobie/batch/settings.hpp"
#include "kobie/batch/solve_result.hpp"
#include "kobie/batch/solver.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/status.hpp"
#include "kobie/core/version.hpp"
#include "kobie/io/csv_writer.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/launch.hpp"
#include "kobie/memory/local_storage.hpp"
#include "kobie/memory/location.hpp"
#include "kobie/step_control/controller.hpp"
#include "kobie/step_control/error_norm.hpp"
#include "kobie/system/system_traits.hpp"
