#include "fuzz_targets.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string>
#include <unistd.h>

#include "credpath/jobs/batch.hpp"
#include "credpath/load/catalog_cache.hpp"
#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/load/profile.hpp"
#include "credpath/load/requests.hpp"
#include "credpath/load/wallet.hpp"
#include "credpath/load/catalog_writer.hpp"
#include "credpath/load/ctdl.hpp"
#include "credpath/plan/resolve.hpp"

namespace credpath::fuzz {

namespace {

std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

// A finding that is not a crash: say what, then abort so libFuzzer keeps the input.
[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "credpath fuzz: %s\n", what.c_str());
    std::abort();
}

// Diagnostics must render, and an error must say where it is when it is in a file.
void render_all(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) {
        if (d.message.empty()) fail("a diagnostic without a message");
        (void)format_diagnostic(d);
    }
}

// The catalog the profile and request targets resolve against: ids, a
// `same_as`, an expiring credential, skills and tags.
const Catalog& small_catalog() {
    static const Catalog catalog = [] {
        LoadResult loaded = load_catalog_text(R"(format: credpath/1
catalog: {name: Fuzz, currency: USD, credit_unit: ECTS}
credentials:
  - {id: py, title: Python, kind: badge, cost: 0, hours: 20, weeks: 4, credits: 1, skills: [python], tags: [data],
     same_as: [https://badges.example.org/achievements/python]}
  - {id: sql, title: SQL, kind: badge, cost: 50, hours: 10, weeks: 2, credits: 1, skills: [sql], tags: [data],
     valid_for: 2y}
  - {id: stats, title: Statistics, cost: 300, hours: 40, weeks: 6, credits: 3, skills: [statistics]}
  - {id: cert, title: Data Certificate, kind: certificate, cost: 900, hours: 60, weeks: 8, credits: 6,
     requires: {all: [py, {any: [sql, stats]}, {credits: 2, tagged: [data]}]}}
  - {id: dip, title: Data Diploma, kind: diploma, cost: 4000, hours: 300, weeks: 30,
     requires: {all: [cert, {at_least: 1, of: [stats, sql]}, {skills: [python, sql]}]}}
)",
                                              "fuzz-catalog.yaml");
        if (!loaded.ok()) fail("the fuzz catalog does not load");
        return std::move(loaded.catalog);
    }();
    return catalog;
}

void resolve(const Profile& profile) {
    for (const HeldEntry& held : profile.holds) (void)held.origin.size();
    try {
        Holdings holdings = resolve_holdings(small_catalog(), profile.holds, profile.exclude, Date{2027, 1, 1});
        for (const UnmatchedBadge& badge : holdings.unmatched_badges) (void)unmatched_badge_message(badge);
    } catch (const InputError& error) {
        if (error.message.empty()) fail("an InputError without a message");
    }
}

// A profile or wallet read by `load`, then resolved against the small catalog.
template <class Load>
void read_holdings(Load load) {
    try {
        resolve(load());
    } catch (const InputError& error) {
        if (error.message.empty() && error.diagnostics.empty()) fail("an InputError that says nothing");
        render_all(error.diagnostics);
    }
}

// What the checker of a loaded catalog computes for every command.
void check(LoadResult loaded) {
    render_all(loaded.diagnostics);
    CheckedCatalog checked = check_catalog(std::move(loaded));
    render_all(checked.diagnostics);
    if (!checked.ok()) return;
    if (!checked.graph.acyclic()) fail("a catalog with a cycle passed the check");
    const std::uint32_t n = checked.graph.size();
    if (n != checked.catalog.credentials.size()) fail("graph and catalog disagree on the size");
    if (n == 0) return;
    const auto order = checked.graph.topological_order();
    if (order.size() != n) fail("the topological order misses credentials");
    (void)checked.graph.cone({n - 1});
    (void)checked.graph.longest_chain();
}

// A fingerprint of what a credential holds, for the image round trip.
void print_rule(std::string& out, const Rule& rule) {
    out += fmt::format("({} {} {} {} [{}]", static_cast<int>(rule.kind), rule.ref, rule.at_least, rule.credits,
                       fmt::join(rule.names, ","));
    for (const Rule& child : rule.children) print_rule(out, child);
    out += ")";
}
std::string fingerprint(const Catalog& catalog) {
    std::string out = fmt::format("{}|{}|{}\n", catalog.name, catalog.currency, catalog.credit_unit);
    for (const Credential& c : catalog.credentials) {
        out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|[{}]|[{}]|[{}]|{}|", c.id, c.title, static_cast<int>(c.kind),
                           c.provider, c.cost, c.hours, c.weeks, c.credits, fmt::join(c.tags, ","),
                           fmt::join(c.skills, ","), fmt::join(c.same_as, ","), c.loc.line);
        if (c.rule) print_rule(out, *c.rule);
        out += "\n";
    }
    return out;
}

// A scratch directory of this process for image files, removed at exit.
struct ScratchDir {
    std::string path =
        (std::filesystem::temp_directory_path() / ("credpath-fuzz-" + std::to_string(::getpid()))).string();
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};
const std::string& scratch_dir() {
    static const ScratchDir dir;
    return dir.path;
}

}  // namespace

void catalog(const std::uint8_t* data, std::size_t size) {
    LoadResult loaded = load_catalog_sources({{"fuzz.yaml", std::string(bytes(data, size))}});
    const bool ok = loaded.ok();
    Catalog copy = ok ? loaded.catalog : Catalog{};
    check(std::move(loaded));
    if (!ok) return;
    // A valid catalog also goes through the compiled image and must come back
    // the same (when it is acyclic: only checked catalogs are cached).
    CheckedCatalog checked = check_catalog(LoadResult{copy, {}});
    if (!checked.ok()) return;
    const std::string path = scratch_dir() + "/image.cpimg";
    if (auto error = write_catalog_image(checked.catalog, {}, path)) fail("image not written: " + *error);
    std::string why;
    auto image = CatalogImage::open(path, &why);
    if (!image) fail("image written but not read back: " + why);
    if (fingerprint(image->catalog()) != fingerprint(checked.catalog)) fail("the image round trip changed the catalog");
}

void profile(const std::uint8_t* data, std::size_t size) {
    read_holdings([&] { return load_profile_text(bytes(data, size), "fuzz-profile.yaml"); });
}

// Keys and lists for the wallet target, so that signature checks (against
// keys that are not the signer's) and status look-ups run on every input:
// the JSON, VC-JWT, PNG and SVG forms all reach them.
const WalletTrust& fuzz_trust() {
    static const WalletTrust trust = [] {
        WalletTrust made;
        for (const char* alg : {"EdDSA", "ES256"}) {
            jose::Jwk key = jose::generate_key(alg);
            key.d.clear();
            key.kid = "osa-2026";
            made.keys.push_back(TrustedKey{key, "fuzz-keys.json:1:1"});
        }
        StatusList bits;
        bits.id = "https://badges.openskills.example/status/2026-1";
        bits.purpose = "revocation";
        bits.bits = std::string(64, '\x55');
        bits.file = "fuzz-list.json";
        made.lists.push_back(bits);
        StatusList revoked;
        revoked.kind = StatusList::Kind::RevocationList;
        revoked.id = "https://dc.1edtech.org/wellspring2022/wellspring-portal/api/revocations/list";
        revoked.revoked["urn:uuid:revoked"] = "a test";
        revoked.file = "fuzz-revocations.json";
        made.lists.push_back(revoked);
        return made;
    }();
    return trust;
}

void wallet(const std::uint8_t* data, std::size_t size) {
    read_holdings([&] { return load_wallet_text(bytes(data, size), "fuzz-wallet.json", fuzz_trust()); });
}

void ctdl(const std::uint8_t* data, std::size_t size) {
    CtdlImport imported = import_ctdl_sources({{"fuzz.jsonld", std::string(bytes(data, size))}});
    render_all(imported.diagnostics);
    CheckedCatalog checked = check_catalog(load_ctdl_import(std::move(imported)));
    render_all(checked.diagnostics);
    if (!checked.ok()) return;
    // What `credpath import ctdl` writes loads back as the same catalog.
    LoadResult back = load_catalog_text(catalog_to_yaml(checked.catalog, {}), "fuzz-import.yaml");
    if (!back.ok()) fail("the YAML an import writes does not load: " + format_diagnostic(back.diagnostics.front()));
    if (back.catalog.credentials.size() != checked.catalog.credentials.size())
        fail("the YAML an import writes loads another number of credentials");
}

void requests(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bytes(data, size);
    for (const RequestLine& line : read_requests(text, "fuzz.jsonl")) {
        if (!line.ok()) {
            if (line.error.rfind("fuzz.jsonl:", 0) != 0) fail("a request error without its place: " + line.error);
            continue;
        }
        (void)request_label(line);
        if (!line.request.profile.empty()) continue;  // would read a file
        try {
            ResolveContext options;
            options.today = Date{2027, 1, 1};
            ResolvedRequest resolved = resolve_request_line(small_catalog(), line.request, options);
            (void)resolved.plan_request();
        } catch (const InputError& error) {
            if (error.message.empty()) fail("an InputError without a message");
        }
    }
    // The same bytes as a batch output, as batch-merge reads it.
    try {
        (void)read_batch_output(text, "fuzz.out");
    } catch (const InputError& error) {
        if (error.message.empty()) fail("an InputError without a message");
    }
}

void cache(const std::uint8_t* data, std::size_t size) {
    // The header's size and checksum are made to match the bytes, so that the
    // fuzzer reaches the section checks instead of stopping at the checksum
    // (which the unit tests cover).
    std::string image(bytes(data, size));
    seal_image_header(image);
    std::string why;
    auto opened = CatalogImage::from_bytes(std::move(image), &why);
    if (!opened) {
        if (why.empty()) fail("an image refused without a reason");
        return;
    }
    try {
        const std::uint32_t n = opened->size();
        (void)opened->matches({});
        (void)opened->sources();
        Catalog whole = opened->catalog();
        if (whole.credentials.size() != n) fail("the image's catalog has another size");
        // An image whose checksum was forged (as here) may hold an id index
        // that does not match its records: the checksum is what keeps
        // accidents out. What must hold even then: nothing is read outside
        // the image, and what is found is what was asked for.
        for (const Credential& c : whole.credentials) {
            if (auto found = opened->find(c.id); found && (*found >= n || whole.credentials[*found].id != c.id))
                fail("find() gave another credential than asked for: " + c.id);
            for (const std::string& skill : c.skills) (void)opened->teaching(skill);
        }
        if (n == 0) return;
        const auto cone = opened->cone({0, n - 1});
        Catalog part = opened->catalog(cone);
        if (part.credentials.size() != cone.size()) fail("the cone's catalog has another size");
    } catch (const InputError& error) {
        if (error.message.empty()) fail("an InputError without a message");
    }
}

const std::vector<NamedTarget>& targets() {
    static const std::vector<NamedTarget> all = {
        {"catalog", catalog}, {"profile", profile}, {"wallet", wallet}, {"ctdl", ctdl}, {"requests", requests},
        {"cache", cache}};
    return all;
}

}  // namespace credpath::fuzz
