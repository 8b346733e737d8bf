/// \file
/// \brief Opening the files kobie reads and writes: one place that says why a file cannot be read or written, creates
/// missing folders for results and skips a UTF-8 byte-order mark in text input.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace kobie {
namespace Impl {

/// \brief A C file that closes itself.
using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

/// \brief `path` opened for reading in binary mode; null when it cannot be, with `why` set to the reason ("it does
/// not exist", "it is a folder, not a file", or the system's reason such as "Permission denied").
FilePtr open_for_reading(const std::string& path, std::string& why);

/// \brief `text` without a UTF-8 byte-order mark (EF BB BF) at its start (spreadsheets save "CSV UTF-8" with one).
std::string_view without_utf8_bom(std::string_view text);

/// \brief The contents of the text file `path` that a user gave (a settings file, a grid), without a byte-order mark.
/// Throws SettingsError "kobie: cannot read the <what> '<path>': <why>" for a missing, unreadable or folder path.
std::string read_text_input(const std::string& path, const char* what);

/// \brief `path` opened for writing with fopen `mode` ("w", "wb"), its missing parent folders created first. Throws
/// Error naming the path and why: the folder that could not be created, or the system's reason (and whether the file
/// or its folder is not writable).
FilePtr open_for_writing(const std::string& path, const char* mode);

}  // namespace Impl
}  // namespace kobie
