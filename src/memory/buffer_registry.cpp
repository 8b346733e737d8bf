#include "kobie/memory/buffer_registry.hpp"

#include <algorithm>
#include <iomanip>
#include <limits>
#include <sstream>

namespace kobie {

namespace {

constexpr const char* kWho = "kobie::BufferRegistry: ";
constexpr std::size_t kRunAlignment = 8;  // every run's block starts 8-byte aligned

std::string squote(const std::string& s) { return "'" + s + "'"; }

void split_target(const std::string& alias, const std::string& owner, std::string& target_owner,
                  std::string& target_name) {
  const auto slash = alias.rfind('/');
  if (slash == std::string::npos) {
    target_owner = owner;
    target_name = alias;
  } else {
    target_owner = alias.substr(0, slash);
    target_name = alias.substr(slash + 1);
  }
}

void check_count(const std::string& owner, const std::string& name, std::int64_t count) {
  if (count < 0) {
    throw RegistryError(std::string(kWho) + "buffer " + squote(owner + "/" + name) + " has negative size " +
                        std::to_string(count) + "; sizes must be >= 0");
  }
  if (count > std::numeric_limits<std::int32_t>::max()) {
    throw RegistryError(std::string(kWho) + "buffer " + squote(owner + "/" + name) + " has " + std::to_string(count) +
                        " elements; at most " + std::to_string(std::numeric_limits<std::int32_t>::max()) +
                        " are allowed per run");
  }
}

}  // namespace

BufferRegistry::BufferRegistry(DType real) : real_(real) {
  if (real != DType::float32 && real != DType::float64) {
    throw RegistryError(std::string(kWho) + "the Real dtype must be float32 or float64, not " + to_string(real));
  }
}

void BufferRegistry::touch_owner(const std::string& owner) {
  if (owner.empty()) throw RegistryError(std::string(kWho) + "owner names must not be empty");
  if (owners_.emplace(owner, OwnerNode{}).second) owner_order_.push_back(owner);
}

void BufferRegistry::mark_dirty() {
  dirty_ = true;
  ++generation_;
}

const BufferRegistry::Entry* BufferRegistry::find(const std::string& owner, const std::string& name) const {
  for (const auto& e : entries_) {
    if (e.owner == owner && e.name == name) return &e;
  }
  return nullptr;
}

BufferRegistry::Entry* BufferRegistry::find(const std::string& owner, const std::string& name) {
  return const_cast<Entry*>(static_cast<const BufferRegistry*>(this)->find(owner, name));
}

void BufferRegistry::register_buffer(const std::string& owner, const std::string& name, std::int64_t count,
                                     Location location, const BufferOptions& options) {
  if (name.empty())
    throw RegistryError(std::string(kWho) + "buffer names must not be empty (owner " + squote(owner) + ")");
  if (name.find('/') != std::string::npos) {
    throw RegistryError(std::string(kWho) + "buffer name " + squote(name) + " of owner " + squote(owner) +
                        " must not contain '/'");
  }
  check_count(owner, name, count);
  if (options.alternative < 0 || (options.alternative != 0 && !options.alias_of.empty())) {
    throw RegistryError(std::string(kWho) + "buffer " + squote(owner + "/" + name) + " has alternative " +
                        std::to_string(options.alternative) +
                        "; an alternative is 0 (none) or positive, and an alias cannot be one (it follows its target)");
  }
  if (find(owner, name) != nullptr) {
    throw RegistryError(std::string(kWho) + "buffer " + squote(name) + " is already registered for owner " +
                        squote(owner) + "; each (owner, name) is registered once per layout");
  }
  touch_owner(owner);
  entries_.push_back(Entry{owner, name, count, location, options});
  mark_dirty();
}

void BufferRegistry::register_buffer(const std::string& owner, const std::string& name, std::int64_t count,
                                     const std::string& location, const BufferOptions& options) {
  register_buffer(owner, name, count, parse_location(location, owner + "/" + name + " location"), options);
}

void BufferRegistry::use_alternative(const std::string& owner, int k) {
  if (k <= 0) {
    throw RegistryError(std::string(kWho) + "owner " + squote(owner) + " chose alternative " + std::to_string(k) +
                        "; alternatives are numbered from 1");
  }
  touch_owner(owner);
  alternatives_[owner] = k;
  mark_dirty();
}

int BufferRegistry::alternative_in_use() const {
  int k = 0;
  for (const auto& [owner, chosen] : alternatives_) {
    if (k != 0 && chosen != k) {
      throw RegistryError(std::string(kWho) + "owners chose different alternatives (" + squote(owner) + " chose " +
                          std::to_string(chosen) + ", another " + std::to_string(k) +
                          "); a kernel is compiled for one alternative");
    }
    k = chosen;
  }
  return k;
}

bool BufferRegistry::is_ancestor_or_self(const std::string& ancestor, const std::string& owner) const {
  std::string current = owner;
  while (!current.empty()) {
    if (current == ancestor) return true;
    const auto it = owners_.find(current);
    if (it == owners_.end()) return false;
    current = it->second.parent;
  }
  return false;
}

void BufferRegistry::register_child(const std::string& parent, const std::string& child) {
  touch_owner(parent);
  touch_owner(child);
  OwnerNode& node = owners_.at(child);
  if (node.parent == parent) return;
  if (!node.parent.empty()) {
    throw RegistryError(std::string(kWho) + "owner " + squote(child) + " is already a child of " + squote(node.parent) +
                        "; it cannot also be a child of " + squote(parent));
  }
  if (is_ancestor_or_self(child, parent)) {
    throw RegistryError(std::string(kWho) + "making " + squote(child) + " a child of " + squote(parent) +
                        " would create a cycle");
  }
  node.parent = parent;
  owners_.at(parent).children.push_back(child);
  mark_dirty();
}

bool BufferRegistry::has_buffer(const std::string& owner, const std::string& name) const {
  return find(owner, name) != nullptr;
}

void BufferRegistry::place_owner(const std::string& owner, std::size_t cursor[n_locations]) const {
  const OwnerNode& node = owners_.at(owner);

  auto place_own = [&](const Entry& e, BufferInfo& info) {
    const std::size_t esize = size_of(info.dtype);
    const int l = static_cast<int>(e.location);
    info.offset = Impl::align_up(cursor[l], esize);
    cursor[l] = info.offset + info.bytes;
    if (cursor[l] > std::numeric_limits<std::uint32_t>::max()) {
      throw RegistryError(std::string(kWho) + "the per-run block of location " + squote(to_string(e.location)) +
                          " exceeds 4 GiB at buffer " + squote(info.qualified_name()));
    }
    switch (e.location) {
      case Location::local:
        totals_.local_elements += e.count;
        break;
      case Location::shared:
        totals_.shared_elements += e.count;
        break;
      case Location::scratch:
        totals_.scratch_elements += e.count;
        break;
    }
    if (e.options.persistent) totals_.persistent_elements += e.count;
  };
  auto make_info = [&](const Entry& e) {
    BufferInfo info;
    info.owner = e.owner;
    info.name = e.name;
    info.location = e.location;
    info.dtype = e.options.dtype == DType::real ? real_ : e.options.dtype;
    info.count = e.count;
    info.persistent = e.options.persistent;
    info.runtime_sized = e.options.runtime_sized;
    info.alias_of = e.options.alias_of;
    info.bytes = static_cast<std::size_t>(e.count) * size_of(info.dtype);
    return info;
  };
  auto push = [&](BufferInfo info) {
    index_[info.qualified_name()] = layout_.size();
    layout_.push_back(std::move(info));
  };

  int alternatives = 0;
  for (const Entry& e : entries_) {
    if (e.owner != owner || !e.options.alias_of.empty()) continue;
    alternatives = std::max(alternatives, e.options.alternative);
    if (e.options.alternative != 0) continue;
    BufferInfo info = make_info(e);
    place_own(e, info);
    push(std::move(info));
  }
  // Alternatives never coexist: each one's buffers start where the others' do, and the largest sets the end.
  std::size_t region[n_locations], end[n_locations];
  for (int l = 0; l < n_locations; ++l) region[l] = end[l] = cursor[l];
  for (int k = 1; k <= alternatives; ++k) {
    for (int l = 0; l < n_locations; ++l) cursor[l] = region[l];
    for (const Entry& e : entries_) {
      if (e.owner != owner || !e.options.alias_of.empty() || e.options.alternative != k) continue;
      BufferInfo info = make_info(e);
      place_own(e, info);
      push(std::move(info));
    }
    for (int l = 0; l < n_locations; ++l) end[l] = std::max(end[l], cursor[l]);
  }
  for (int l = 0; l < n_locations; ++l) cursor[l] = end[l];
  for (const Entry& e : entries_) {
    if (e.owner != owner || e.options.alias_of.empty()) continue;
    BufferInfo info = make_info(e);
    std::string t_owner, t_name;
    split_target(e.options.alias_of, owner, t_owner, t_name);
    const Entry* target = find(t_owner, t_name);
    if (target == nullptr) {
      std::string known;
      for (const auto& k : entries_) {
        if (k.owner == t_owner) known += (known.empty() ? "" : ", ") + k.name;
      }
      throw RegistryError(std::string(kWho) + "buffer " + squote(info.qualified_name()) + " is an alias of " +
                          squote(e.options.alias_of) + ", which is not registered (owner " + squote(t_owner) +
                          " has: " + (known.empty() ? "no buffers" : known) + ")");
    }
    if (!is_ancestor_or_self(t_owner, owner)) {
      throw RegistryError(std::string(kWho) + "buffer " + squote(info.qualified_name()) + " aliases " +
                          squote(t_owner + "/" + t_name) + ", but an alias target must belong to the same owner or " +
                          "to one of its ancestors");
    }
    if (!target->options.alias_of.empty()) {
      throw RegistryError(std::string(kWho) + "buffer " + squote(info.qualified_name()) + " aliases " +
                          squote(t_owner + "/" + t_name) + ", which is itself an alias; alias its target instead");
    }
    if (target->location != e.location) {
      throw RegistryError(std::string(kWho) + "buffer " + squote(info.qualified_name()) + " (location " +
                          squote(to_string(e.location)) + ") cannot alias " + squote(t_owner + "/" + t_name) +
                          " (location " + squote(to_string(target->location)) +
                          "): an alias must live in the same location as its target");
    }
    const BufferInfo& t_info = layout_.at(index_.at(t_owner + "/" + t_name));
    std::size_t& used = alias_use_[t_info.qualified_name()];
    const std::size_t start = Impl::align_up(t_info.offset + used, size_of(info.dtype));
    if (start + info.bytes <= t_info.offset + t_info.bytes) {
      info.offset = start;
      info.aliased = true;
      used = start + info.bytes - t_info.offset;
    } else {
      info.alias_fallback = true;
      place_own(e, info);
    }
    push(std::move(info));
  }
  for (const auto& child : node.children) place_owner(child, cursor);
}

void BufferRegistry::ensure_layout() const {
  if (!dirty_) return;
  layout_.clear();
  index_.clear();
  alias_use_.clear();
  totals_ = LayoutTotals{};
  std::size_t cursor[n_locations] = {0, 0, 0};
  try {
    for (const auto& owner : owner_order_) {
      if (owners_.at(owner).parent.empty()) place_owner(owner, cursor);
    }
  } catch (...) {
    layout_.clear();
    index_.clear();
    throw;
  }
  totals_.local_bytes = Impl::align_up(cursor[static_cast<int>(Location::local)], kRunAlignment);
  totals_.shared_bytes = Impl::align_up(cursor[static_cast<int>(Location::shared)], kRunAlignment);
  totals_.scratch_bytes = Impl::align_up(cursor[static_cast<int>(Location::scratch)], kRunAlignment);
  dirty_ = false;
}

Allocator BufferRegistry::allocator(const std::string& owner, const std::string& name) const {
  ensure_layout();
  const auto it = index_.find(owner + "/" + name);
  if (it == index_.end()) {
    std::string known;
    for (const auto& e : entries_) {
      if (e.owner == owner) known += (known.empty() ? "" : ", ") + e.name;
    }
    throw RegistryError(std::string(kWho) + "no buffer " + squote(name) + " is registered for owner " + squote(owner) +
                        " (its buffers: " + (known.empty() ? "none" : known) + ")");
  }
  const BufferInfo& info = layout_[it->second];
  Allocator a;
  a.location = info.location;
  a.dtype = info.dtype;
  a.offset = static_cast<std::uint32_t>(info.offset);
  a.count = static_cast<std::uint32_t>(info.count);
  a.generation = generation_;
  return a;
}

Allocator BufferRegistry::checked_type(const Allocator& allocator, DType expected, const std::string& what) {
  if (allocator.dtype != expected) {
    throw RegistryError(std::string(kWho) + "buffer " + squote(what) + " holds " + to_string(allocator.dtype) +
                        " elements, but was requested as " + to_string(expected));
  }
  return allocator;
}

LayoutTotals BufferRegistry::totals() const {
  ensure_layout();
  return totals_;
}

const std::vector<BufferInfo>& BufferRegistry::buffers() const {
  ensure_layout();
  return layout_;
}

void BufferRegistry::require_current(const Allocator& allocator, const std::string& what) const {
  if (!is_current(allocator)) {
    throw StaleAllocatorError(std::string(kWho) + "the allocator of " + squote(what) + " is from layout generation " +
                              std::to_string(allocator.generation) + ", but the layout is now at generation " +
                              std::to_string(generation_) + "; fetch a new allocator after changing registrations");
  }
}

std::string BufferRegistry::largest_buffers(Location location, int how_many) const {
  std::vector<const BufferInfo*> own;
  for (const auto& info : layout_) {
    if (info.location == location && !info.aliased) own.push_back(&info);
  }
  std::stable_sort(own.begin(), own.end(),
                   [](const BufferInfo* a, const BufferInfo* b) { return a->bytes > b->bytes; });
  std::string out;
  for (int i = 0; i < how_many && i < static_cast<int>(own.size()); ++i) {
    out += (i ? ", " : "") + own[i]->qualified_name() + " (" + std::to_string(own[i]->bytes) + " bytes)";
  }
  return out.empty() ? "none" : out;
}

void BufferRegistry::check_local_capacity(std::size_t capacity_bytes) const {
  ensure_layout();
  if (totals_.local_bytes > capacity_bytes) {
    throw LocalCapacityError("kobie: the thread-private buffers (location 'local') need " +
                             std::to_string(totals_.local_bytes) + " bytes per run, but the kernel was compiled " +
                             "with a capacity of " + std::to_string(capacity_bytes) + " bytes; largest 'local' " +
                             "buffers: " + largest_buffers(Location::local, 3) +
                             "; set their location to 'shared' or 'scratch', or raise the compile-time capacity");
  }
}

void BufferRegistry::check_scratch_limits(std::size_t level0_max_bytes, std::size_t level1_max_bytes) const {
  ensure_layout();
  auto check = [&](Location l, std::size_t need, std::size_t limit, int level, const char* advice) {
    if (need <= limit) return;
    throw ScratchLimitError("kobie: one run needs " + std::to_string(need) + " bytes of team scratch level " +
                            std::to_string(level) + " (location " + squote(to_string(l)) + "), but the device " +
                            "allows at most " + std::to_string(limit) + " bytes per team (scratch_size_max(" +
                            std::to_string(level) + ")); largest " + squote(to_string(l)) +
                            " buffers: " + largest_buffers(l, 3) + "; " + advice);
  };
  check(Location::shared, totals_.shared_bytes, level0_max_bytes, 0,
        "set some of their locations to 'scratch' (level 1) or 'local'");
  check(Location::scratch, totals_.scratch_bytes, level1_max_bytes, 1, "reduce the system size or buffer counts");
}

std::string BufferRegistry::format_table() const {
  ensure_layout();
  std::ostringstream os;
  std::size_t w_owner = 5, w_name = 6;
  for (const auto& b : layout_) {
    w_owner = std::max(w_owner, b.owner.size());
    w_name = std::max(w_name, b.name.size());
  }
  auto row = [&](const std::string& owner, const std::string& name, const std::string& loc, const std::string& dtype,
                 const std::string& count, const std::string& bytes, const std::string& offset, const std::string& pers,
                 const std::string& alias) {
    os << std::left << std::setw(static_cast<int>(w_owner)) << owner << "  " << std::setw(static_cast<int>(w_name))
       << name << "  " << std::setw(10) << loc << std::setw(9) << dtype << std::right << std::setw(8) << count
       << std::setw(9) << bytes << std::setw(9) << offset << "  " << std::left << std::setw(11) << pers << alias
       << "\n";
  };
  row("owner", "buffer", "location", "dtype", "count", "bytes", "offset", "persistent", "alias");
  os << std::string(w_owner + w_name + 4 + 19 + 26 + 2 + 11 + 10, '-') << "\n";
  for (const auto& b : layout_) {
    std::string alias =
        b.alias_of.empty() ? "" : b.alias_of + (b.aliased ? " (inside)" : " (own storage: target full)");
    row(b.owner, b.name, to_string(b.location), to_string(b.dtype), std::to_string(b.count), std::to_string(b.bytes),
        std::to_string(b.offset), b.persistent ? "yes" : "no", alias);
  }
  os << "per run: level-0 (shared) " << totals_.shared_bytes << " B, level-1 (scratch) " << totals_.scratch_bytes
     << " B, thread-private " << totals_.local_elements << " elements (" << totals_.local_bytes << " B), persistent "
     << totals_.persistent_elements << " elements; layout generation " << generation_ << "\n";
  return os.str();
}

}  // namespace kobie
