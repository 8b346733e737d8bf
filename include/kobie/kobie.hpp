/// \file
/// \brief Umbrella header: everything a kobie user needs.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/status.hpp"
#include "kobie/core/version.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/launch.hpp"
#include "kobie/memory/local_storage.hpp"
#include "kobie/memory/location.hpp"
