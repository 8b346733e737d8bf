#include "kobie/core/file_access.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "kobie/core/errors.hpp"

namespace kobie {
namespace Impl {

namespace fs = std::filesystem;

FilePtr open_for_reading(const std::string& path, std::string& why) {
  FilePtr none(nullptr, &std::fclose);
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    why = "it does not exist";
  } else if (ec) {
    why = ec.message();
  } else if (fs::is_directory(status)) {
    why = "it is a folder, not a file";
  } else {
    FilePtr f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (f) return f;
    why = std::strerror(errno);
  }
  return none;
}

std::string_view without_utf8_bom(std::string_view text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  return text.substr(0, bom.size()) == bom ? text.substr(bom.size()) : text;
}

std::string read_text_input(const std::string& path, const char* what) {
  const auto fail = [&](const std::string& why) {
    return SettingsError("kobie: cannot read the " + std::string(what) + " '" + path + "': " + why);
  };
  std::string why;
  const FilePtr f = open_for_reading(path, why);
  if (!f) throw fail(why);
  std::string text;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0;) text.append(buffer, n);
  if (std::ferror(f.get())) throw fail(std::strerror(errno));
  return std::string(without_utf8_bom(text));
}

FilePtr open_for_writing(const std::string& path, const char* mode) {
  const fs::path folder = fs::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec)) {
    fs::create_directories(folder, ec);
    if (ec) {
      throw Error("kobie: cannot write '" + path + "': creating its folder '" + folder.string() +
                  "' failed: " + ec.message());
    }
  }
  FilePtr f(std::fopen(path.c_str(), mode), &std::fclose);
  if (!f) {
    const int error = errno;
    std::string why = std::strerror(error);
    if (error == EACCES) {
      why += fs::exists(path, ec)
                 ? " (the file is not writable)"
                 : " (the folder '" + (folder.empty() ? std::string(".") : folder.string()) + "' is not writable)";
    }
    throw Error("kobie: cannot open '" + path + "' for writing: " + why);
  }
  return f;
}

}  // namespace Impl
}  // namespace kobie
