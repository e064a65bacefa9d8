// The catalog model: plain value types, no parser or graph types.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/names.hpp"

namespace credpath {

// Where an entity was written. `file` indexes Catalog::files; line and column
// are 1-based (0 means "no place").
struct SourceLoc {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

enum class RuleKind { Ref, All, Any, AtLeast, CreditsFrom, CreditsTagged, Skills };

// One node of a `requires` rule tree.
struct Rule {
    RuleKind kind = RuleKind::Ref;
    SourceLoc loc;
    std::string ref;                 // Ref: the credential id
    // Ref: where `ref` was found when the catalog resolved its rules
    // (Catalog::resolve_refs); a hint only, checked against the id on use,
    // so a rule copied elsewhere still resolves right.
    std::uint32_t ref_index = UINT32_MAX;
    std::vector<Rule> children;      // All, Any, AtLeast
    std::uint32_t at_least = 0;      // AtLeast: N
    double credits = 0;              // CreditsFrom, CreditsTagged: the amount
    std::vector<std::string> names;  // CreditsFrom: ids; CreditsTagged: tags; Skills: skills
    std::vector<SourceLoc> name_locs;  // one per entry of `names`
    // CreditsFrom, CreditsTagged: `cap`, each a credits rule of its own
    // (CreditsFrom or CreditsTagged, no caps): together the sources it names
    // count at most its `credits`. Caps of one rule never share a source.
    std::vector<Rule> caps;
};

enum class Kind { Microcredential, Certificate, Diploma, Degree, Badge, License, Course };
// The kinds' names, as catalogs, --kind and every printer write them.
inline constexpr Named<Kind> kKinds[] = {
    {Kind::Microcredential, "microcredential"},
    {Kind::Certificate, "certificate"},
    {Kind::Diploma, "diploma"},
    {Kind::Degree, "degree"},
    {Kind::Badge, "badge"},
    {Kind::License, "license"},
    {Kind::Course, "course"},
};

// What renewing a credential takes (its `renewal`); without one, renewing is
// taking the credential again.
struct Renewal {
    double cost = 0;
    double hours = 0;
    double weeks = 0;
};

// One entry of a credential's `overlap`: when a plan adds both it and `with`,
// at most `at_most` credentials count toward both (a credential counts toward
// one when that one's own `requires` uses it: a leaf of the rule, a source its
// credits rule counts, a teacher of a skill it asks for).
struct OverlapLimit {
    std::string with;
    std::uint32_t at_most = 0;
    SourceLoc loc;  // its `with` value
};

struct Credential {
    std::string id;
    std::string title;
    Kind kind = Kind::Microcredential;
    std::string provider;
    double cost = 0;
    double hours = 0;
    double weeks = 0;
    double credits = 0;
    // Which of the four the catalog wrote: one it leaves out counts as 0 in
    // plans but is shown as not given.
    struct Stated {
        bool cost = true, hours = true, weeks = true, credits = true;
        bool operator==(const Stated&) const = default;
    };
    Stated stated;
    std::optional<int> level;
    std::vector<std::string> tags;
    std::vector<std::string> skills;
    std::string modality;    // "" when not given
    std::string assessment;  // "" when not given
    std::string country;
    std::string language;
    std::vector<std::string> outcomes;
    std::string quality_assurance;
    std::optional<Duration> valid_for;
    std::optional<Renewal> renewal;
    std::optional<Intakes> starts;  // when it can be started; none: any day (self-paced)
    std::string url;
    std::vector<std::string> same_as;
    std::string description;
    std::optional<Rule> rule;  // the `requires` field
    // `corequires`: a rule met by credentials held, finished earlier or
    // started on the same day or before (taken before or alongside).
    std::optional<Rule> corequisite;
    // `excludes`: credentials never held together with this one (symmetric:
    // naming it on either side is enough); one place per entry.
    std::vector<std::string> excludes;
    std::vector<SourceLoc> exclude_locs;
    // `overlap`: limits on what counts toward both this credential and another
    // one added by the same plan (symmetric: either side may state it).
    std::vector<OverlapLimit> overlap;
    // `also_required`: requirements no plan can meet or check (free-text
    // conditions, experience, grades), shown with its plans and explanations.
    std::vector<std::string> also_required;
    // `external: true`: a resource known only by reference (an imported
    // reference to a resource outside the input): its cost, hours and weeks
    // are unknown, so totals through it are lower bounds.
    bool external = false;
    // Its cost and credits as its file wrote them, in that file's currency
    // and credit unit (Catalog::file_terms), when loading converted them.
    double written_cost = 0;
    double written_credits = 0;
    SourceLoc loc;     // the credential's mapping
    SourceLoc id_loc;  // its `id` value
};

// Lets the id tables be searched with a string_view, without a copy.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};
template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// The currency and credit unit one catalog file wrote its numbers in.
struct FileTerms {
    std::string currency;
    std::string credit_unit;
};

// How a catalog's money and credits were converted while it was loaded
// (`--rates`): the table used, and each file's own terms.
struct CatalogConversion {
    std::string rates_file;
    std::string rates_date;
    std::vector<FileTerms> files;  // parallel to Catalog::files
};

struct Catalog {
    std::string name;
    std::string currency = "USD";
    std::string credit_unit = "credits";
    std::vector<std::string> files;  // SourceLoc::file indexes this
    // Set when loading converted some file's prices or credits.
    std::optional<CatalogConversion> conversion;
    std::vector<Credential> credentials;
    // Derived lookups, rebuilt by build_index().
    StringMap<std::uint32_t> by_id;
    StringMap<std::vector<std::uint32_t>> by_tag;
    StringMap<std::vector<std::uint32_t>> by_skill;

    void build_index();
    // Notes each Ref rule's index (Rule::ref_index) in the credentials'
    // rules; build_index() and the loader call it.
    void resolve_refs();
    // Index of the credential with this id, or nullopt.
    std::optional<std::uint32_t> find(std::string_view id) const;
    // Index of the credential a Ref rule names: the resolved index when it
    // still holds that id (no hashing: rules are evaluated in inner loops),
    // else by id.
    std::optional<std::uint32_t> find(const Rule& ref) const {
        if (ref.ref_index < credentials.size() && credentials[ref.ref_index].id == ref.ref) return ref.ref_index;
        return find(ref.ref);
    }
};

// How a credits rule counts its sources' credits under its caps (`cap`):
// each cap's members together count at most its amount. Caps never share a
// member (the loader refuses it); with none every source counts in full.
class CreditCaps {
public:
    CreditCaps(const Catalog& catalog, const Rule& rule, std::uint32_t owner);
    bool empty() const { return members_.empty(); }
    std::size_t size() const { return members_.size(); }
    // The cap naming `source`, or -1.
    int cap_of(std::uint32_t source) const;
    double amount(std::size_t cap) const { return amounts_[cap]; }
    const std::vector<std::uint32_t>& members(std::size_t cap) const { return members_[cap]; }
    // What (source, credits) pairs count together, each source once.
    double counted(const std::vector<std::pair<std::uint32_t, double>>& sources) const;

private:
    std::vector<std::vector<std::uint32_t>> members_;  // sorted, per cap
    std::vector<double> amounts_;
};

std::string_view to_string(Kind kind);
std::optional<Kind> kind_from_string(std::string_view text);
std::string_view to_string(RuleKind kind);

// The credentials that can count toward credential `owner` (for overlap
// limits): those its own `requires` uses directly, i.e. its references, the
// sources with credits its credits rules count, and the teachers of the skills
// it asks for. Sorted, without repeats.
std::vector<std::uint32_t> counted_toward(const Catalog& catalog, std::uint32_t owner);

// Credentials a credits rule can count, sorted, without repeats: `from` ids, or
// the credentials carrying any of the tags except the owner.
std::vector<std::uint32_t> credit_sources(const Catalog& catalog, const Rule& rule, std::uint32_t owner);

// Calls `visit(index)` for every credential a credential's rules (`requires`
// and `corequires`) can draw on; may repeat an index.
template <class Visit>
void for_each_requirement(const Catalog& catalog, std::uint32_t owner, Visit&& visit);

// Calls `visit(index)` for every credential a rule can draw on (references,
// `from` ids, credentials `tagged` or teaching a required skill). `tagged` and
// `skills` never count `owner` itself (a self-reference does, as a cycle).
// Unknown names are skipped. May repeat an index.
template <class Visit>
void for_each_source(const Catalog& catalog, const Rule& rule, std::uint32_t owner, Visit&& visit);

}  // namespace credpath

#include "credpath/model/model_inl.hpp"
