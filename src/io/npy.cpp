#include "kobie/io/npy.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

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

std::size_t element_count(const std::vector<std::size_t>& shape) {
  std::size_t n = 1;
  for (auto e : shape) n *= e;
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

std::vector<std::size_t> parse_shape(const std::string& header, const std::string& path) {
  const std::size_t open = value_of(header, "shape", path);
  const std::size_t close = header.find(')', open);
  if (header[open] != '(' || close == std::string::npos) {
    throw Error("kobie: '" + path + "': malformed shape in the .npy header");
  }
  std::vector<std::size_t> shape;
  const std::string inside = header.substr(open + 1, close - open - 1);
  std::size_t pos = 0;
  while (pos < inside.size()) {
    pos = inside.find_first_not_of(", ", pos);
    if (pos == std::string::npos) break;
    std::size_t used = 0;
    try {
      shape.push_back(std::stoull(inside.substr(pos), &used));
    } catch (const std::exception&) {
      throw Error("kobie: '" + path + "': malformed shape '" + inside + "' in the .npy header");
    }
    pos += used;
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

std::size_t NpyArray::size() const { return element_count(shape); }

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

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) throw Error("kobie: cannot open '" + path + "' for writing");
  const std::size_t bytes = element_count(shape) * npy_size(type);
  const bool ok = std::fwrite(magic, 1, magic_size, f.get()) == magic_size &&
                  std::fwrite(version_and_length, 1, 4, f.get()) == 4 &&
                  std::fwrite(header.data(), 1, header.size(), f.get()) == header.size() &&
                  (bytes == 0 || std::fwrite(data, 1, bytes, f.get()) == bytes);
  if (!ok || std::fclose(f.release()) != 0) throw Error("kobie: writing '" + path + "' failed");
}

NpyArray read_npy(const std::string& path) {
  require_little_endian(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("kobie: cannot open '" + path + "' for reading");
  const std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (file.size() < magic_size + 4 || std::memcmp(file.data(), magic, magic_size) != 0) {
    throw Error("kobie: '" + path + "' is not a .npy file (bad magic)");
  }
  const auto byte = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(file[i])); };
  const int major = static_cast<int>(byte(magic_size));
  if (major < 1 || major > 3) {
    throw Error("kobie: '" + path + "': unsupported .npy version " + std::to_string(major));
  }
  // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  const std::size_t start = magic_size + 2 + len_bytes;
  if (file.size() < start) throw Error("kobie: '" + path + "': truncated .npy header");
  std::size_t header_len = 0;
  for (std::size_t i = 0; i < len_bytes; ++i) header_len |= byte(magic_size + 2 + i) << (8 * i);
  if (file.size() < start + header_len) throw Error("kobie: '" + path + "': truncated .npy header");
  const std::string header(file.data() + start, header_len);

  NpyArray a;
  const std::size_t d = value_of(header, "descr", path);
  const std::string descr = header.substr(d, header.find(',', d) - d);
  bool known = false;
  for (auto t : all_types) {
    if (descr == std::string("'") + npy_descr(t) + "'") {
      a.type = t;
      known = true;
    }
  }
  if (!known) {
    throw Error("kobie: '" + path + "': unsupported .npy element type " + descr +
                " (supported: '<f4', '<f8', '<i4', '<u4')");
  }
  const std::size_t fo = value_of(header, "fortran_order", path);
  if (header.compare(fo, 5, "False") != 0) {
    throw Error("kobie: '" + path + "': Fortran-ordered .npy arrays are not supported (save a C-ordered array)");
  }
  a.shape = parse_shape(header, path);
  const std::size_t bytes = a.size() * npy_size(a.type);
  if (file.size() - start - header_len < bytes) {
    throw Error("kobie: '" + path + "': truncated .npy data: shape " + shape_text(a.shape) + " needs " +
                std::to_string(bytes) + " bytes, the file holds " + std::to_string(file.size() - start - header_len));
  }
  a.data.assign(file.begin() + static_cast<std::ptrdiff_t>(start + header_len),
                file.begin() + static_cast<std::ptrdiff_t>(start + header_len + bytes));
  return a;
}

}  // namespace kobie
