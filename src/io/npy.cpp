#include "kobie/io/npy.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <system_error>

#include "kobie/core/file_access.hpp"
#include "kobie/core/setting_key.hpp"

namespace kobie {

namespace {

constexpr char magic[] = "\x93NUMPY";
constexpr std::size_t magic_size = 6;
constexpr NpyType all_types[] = {NpyType::float32, NpyType::float64, NpyType::int32, NpyType::uint32};

void require_little_endian(const std::string& path) {
  const std::uint16_t one = 1;
  char first;
  std::memcpy(&first, &one, 1);
  if (first != 1) throw Error("kobie: '" + path + "': .npy files are supported on little-endian hosts only");
}

// The product of the extents, or nothing when it overflows size_t.
std::optional<std::size_t> checked_count(const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  for (auto e : shape) {
    if (e != 0 && n > std::numeric_limits<std::size_t>::max() / e) return std::nullopt;
    n *= e;
  }
  return n;
}

// numpy's spelling of a shape: "()", "(3,)", "(3, 4)".
std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

// The text after `'key': ` in a header dict, or throws.
std::size_t value_of(const std::string& header, const std::string& key, const std::string& path) {
  const std::string k = "'" + key + "':";
  const auto at = header.find(k);
  const auto value = at == std::string::npos ? at : header.find_first_not_of(' ', at + k.size());
  if (value == std::string::npos) throw Error("kobie: '" + path + "': the .npy header has no '" + key + "'");
  return value;
}

// The quoted string after `'key': ` ('<f8' gives <f8), or throws.
std::string string_of(const std::string& header, const std::string& key, const std::string& path) {
  const std::size_t open = value_of(header, key, path);
  const char quote = header[open];
  const std::size_t close = quote == '\'' || quote == '"' ? header.find(quote, open + 1) : std::string::npos;
  if (close == std::string::npos) {
    throw Error("kobie: '" + path + "': malformed '" + key + "' in the .npy header " +
                settings_text::quote_input(header));
  }
  return header.substr(open + 1, close - open - 1);
}

std::vector<std::size_t> parse_shape(const std::string& header, const std::string& path) {
  const std::size_t open = value_of(header, "shape", path);
  const std::size_t close = header.find(')', open);
  if (header[open] != '(' || close == std::string::npos) {
    throw Error("kobie: '" + path + "': malformed shape in the .npy header " + settings_text::quote_input(header));
  }
  const std::string inside = header.substr(open + 1, close - open - 1);
  std::vector<std::size_t> shape;
  for (const std::string& item : settings_text::split_list(inside)) {
    const auto bad = [&](const std::string& problem) {
      return Error("kobie: '" + path + "': " + problem + " in the .npy shape " +
                   settings_text::quote_input("(" + inside + ")"));
    };
    if (item[0] == '-') throw bad("negative dimension " + settings_text::quote_input(item));
    if (item.find_first_not_of("0123456789") != std::string::npos) throw bad("malformed dimension");
    errno = 0;
    const unsigned long long extent = std::strtoull(item.c_str(), nullptr, 10);
    if (errno == ERANGE || extent > std::numeric_limits<std::size_t>::max()) {
      throw bad("dimension " + settings_text::quote_input(item) + " larger than 2^64");
    }
    shape.push_back(static_cast<std::size_t>(extent));
  }
  return shape;
}

}  // namespace

const char* npy_descr(NpyType type) {
  switch (type) {
    case NpyType::float32:
      return "<f4";
    case NpyType::float64:
      return "<f8";
    case NpyType::int32:
      return "<i4";
    case NpyType::uint32:
      return "<u4";
  }
  return "?";
}

std::size_t npy_size(NpyType type) { return type == NpyType::float64 ? 8 : 4; }

std::size_t NpyArray::size() const {
  const std::optional<std::size_t> n = checked_count(shape);
  if (!n) throw Error("kobie: the .npy shape " + shape_text(shape) + " has more elements than a size_t counts");
  return *n;
}

void write_npy(const std::string& path, const void* data, NpyType type, const std::vector<std::size_t>& shape) {
  require_little_endian(path);
  std::string header =
      std::string("{'descr': '") + npy_descr(type) + "', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  // Magic (6), version (2) and header length (2), then the header padded with spaces and ended by '\n' so that the
  // data starts at a multiple of 64 bytes.
  const std::size_t preamble = magic_size + 4;
  header.append(63 - (preamble + header.size()) % 64, ' ');
  header += '\n';
  const char version_and_length[] = {1, 0, static_cast<char>(header.size() & 0xff),
                                     static_cast<char>(header.size() >> 8)};

  const std::optional<std::size_t> count = checked_count(shape);
  if (!count || *count > std::numeric_limits<std::size_t>::max() / npy_size(type)) {
    throw Error("kobie: cannot write '" + path + "': the shape " + shape_text(shape) +
                " overflows a 64-bit byte count");
  }
  const std::size_t bytes = *count * npy_size(type);
  Impl::FilePtr f = Impl::open_for_writing(path, "wb");
  const bool ok = std::fwrite(magic, 1, magic_size, f.get()) == magic_size &&
                  std::fwrite(version_and_length, 1, 4, f.get()) == 4 &&
                  std::fwrite(header.data(), 1, header.size(), f.get()) == header.size() &&
                  (bytes == 0 || std::fwrite(data, 1, bytes, f.get()) == bytes);
  if (!ok || std::fclose(f.release()) != 0) throw Error("kobie: writing '" + path + "' failed");
}

NpyArray read_npy(const std::string& path) {
  require_little_endian(path);
  std::string why;
  const Impl::FilePtr f = Impl::open_for_reading(path, why);
  if (!f) throw Error("kobie: cannot read '" + path + "': " + why);
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  if (ec) throw Error("kobie: cannot read '" + path + "': " + ec.message());
  const auto problem = [&](const std::string& what) { return Error("kobie: '" + path + "': " + what); };
  const auto read = [&](void* out, std::size_t n) { return std::fread(out, 1, n, f.get()) == n; };

  unsigned char preamble[magic_size + 2] = {};
  if (!read(preamble, magic_size) || std::memcmp(preamble, magic, magic_size) != 0) {
    throw Error("kobie: '" + path + "' is not a .npy file (bad magic)");
  }
  if (!read(preamble + magic_size, 2)) throw problem("truncated .npy header");
  const int major = preamble[magic_size];
  if (major < 1 || major > 3) throw problem("unsupported .npy version " + std::to_string(major));
  // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  unsigned char len[4] = {};
  if (!read(len, len_bytes)) throw problem("truncated .npy header");
  std::size_t header_len = 0;
  for (std::size_t i = 0; i < len_bytes; ++i) header_len |= static_cast<std::size_t>(len[i]) << (8 * i);
  const std::uintmax_t start = magic_size + 2 + len_bytes;
  if (file_size < start + header_len) {
    throw problem("truncated .npy header: it should have " + std::to_string(header_len) + " bytes, the file holds " +
                  std::to_string(file_size - std::min(file_size, start)));
  }
  std::string header(header_len, '\0');
  if (!read(header.data(), header_len)) throw problem("truncated .npy header");

  NpyArray a;
  const std::string descr = string_of(header, "descr", path);
  bool known = false;
  for (auto t : all_types) {
    if (descr == npy_descr(t)) {
      a.type = t;
      known = true;
    }
  }
  if (!known) {
    throw problem("unsupported .npy element type " + settings_text::quote_input(descr) +
                  " (supported: '<f4', '<f8', '<i4', '<u4')");
  }
  const std::size_t fo = value_of(header, "fortran_order", path);
  if (header.compare(fo, 5, "False") != 0) {
    throw problem("Fortran-ordered .npy arrays are not supported (save a C-ordered array)");
  }
  a.shape = parse_shape(header, path);
  // Sizes are checked before anything is allocated: the product of the extents and its bytes must not overflow, and
  // the data must be in the file.
  const std::uintmax_t held = file_size - start - header_len;
  const std::optional<std::size_t> count = checked_count(a.shape);
  if (!count || *count > std::numeric_limits<std::size_t>::max() / npy_size(a.type)) {
    throw problem("the .npy shape " + shape_text(a.shape) + " of '" + descr +
                  "' elements overflows a 64-bit byte count (the file holds " + std::to_string(held) +
                  " bytes of data)");
  }
  const std::size_t bytes = *count * npy_size(a.type);
  if (held < bytes) {
    throw problem("truncated .npy data: shape " + shape_text(a.shape) + " needs " + std::to_string(bytes) +
                  " bytes, the file holds " + std::to_string(held));
  }
  a.data.resize(bytes);
  if (!read(a.data.data(), bytes)) throw problem("truncated .npy data (the file shrank while it was read)");
  return a;
}

}  // namespace kobie
