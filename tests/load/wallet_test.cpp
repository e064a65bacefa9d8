#include <doctest/doctest.h>

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <string_view>

#include "credpath/load/profile.hpp"
#include "credpath/load/requests.hpp"
#include "credpath/load/wallet.hpp"
#include "credpath/plan/resolve.hpp"
#include "baked.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

Catalog catalog() {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: py-fund, title: Python}
  - {id: sql, title: SQL, same_as: ["https://badges.example/achievements/sql", "urn:ctid:ce-sql"]}
  - {id: hipaa, title: HIPAA, valid_for: 1y, same_as: ["https://hicc.example/achievements/hipaa"]}
  - {id: stats, title: Statistics, same_as: ["https://college.example/achievements/stats"]}
  - {id: stats-alt, title: Statistics elsewhere, same_as: ["https://college.example/achievements/stats"]}
)"));
    REQUIRE(r.ok());
    return r.catalog;
}

std::string wallet_error(const std::string& text) {
    try {
        load_wallet_text(text, "w.json");
    } catch (const InputError& error) {
        std::string out = error.message;
        for (const Diagnostic& d : error.diagnostics) out += "\n" + format_diagnostic(d);
        return out;
    }
    return "no error";
}

// One OpenBadgeCredential around an achievement and the credential's extra
// members (each line ends with a comma).
std::string badge(const std::string& achievement,
                  const std::string& extra = "  \"validFrom\": \"2024-05-01T10:00:00Z\",\n") {
    return "{\n  \"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"],\n" + extra +
           "  \"credentialSubject\": {\"type\": [\"AchievementSubject\"], \"achievement\": " + achievement + "}\n}";
}

std::vector<std::string> ids(const Catalog& c, const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> out;
    for (std::uint32_t i : indices) out.push_back(c.credentials[i].id);
    return out;
}

Holdings resolve(const Catalog& c, const Profile& p, const Date& as_of) {
    return resolve_holdings(c, p.holds, {}, as_of);
}

std::string source(const std::string& relative) {
    return std::string(CREDPATH_SOURCE_DIR) + "/" + relative;
}

}  // namespace

TEST_CASE("a profile file is read as a wallet when it starts with { or [") {
    CHECK(looks_like_json("{}"));
    CHECK(looks_like_json(" \n\t[]"));
    CHECK(looks_like_json("\xEF\xBB\xBF{}"));
    CHECK_FALSE(looks_like_json("format: credpath-profile/1\n"));
    CHECK_FALSE(looks_like_json("# {\nformat: credpath-profile/1\n"));
    CHECK_FALSE(looks_like_json(""));
    CHECK_FALSE(looks_like_json("   "));

    // load_profile_text tells them apart; YAML profiles read as before.
    Profile yaml = load_profile_text("format: credpath-profile/1\nholds: [py-fund]\n");
    REQUIRE(yaml.holds.size() == 1);
    CHECK_FALSE(yaml.holds[0].badge);
    Profile json = load_profile_text(badge(R"({"id": "py-fund", "name": "Python"})"), "w.json");
    REQUIRE(json.holds.size() == 1);
    CHECK(json.holds[0].badge);

    // Profiles in YAML flow style or JSON name their format: still profiles.
    for (const char* text : {"{format: credpath-profile/1, holds: [py-fund]}",
                             R"({"format": "credpath-profile/1", "holds": ["py-fund"]})"}) {
        Profile flow = load_profile_text(text);
        REQUIRE(flow.holds.size() == 1);
        CHECK(flow.holds[0].id == "py-fund");
        CHECK_FALSE(flow.holds[0].badge);
    }
    try {
        load_profile_text("{format: credpath-profile/2}", "p.yaml");
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.message == "invalid profile p.yaml");  // the YAML profile's fault, not a wallet's
    }
}

TEST_CASE("one OpenBadgeCredential: its achievement with id, name, alignments, date and place") {
    Profile p = load_wallet_text(badge(R"({
    "id": "https://example.com/achievements/teamwork", "type": ["Achievement"], "name": "Teamwork",
    "alignment": [{"type": ["Alignment"], "targetUrl": "urn:ctid:ce-1"}, {"targetUrl": "urn:ctid:ce-2"}]})"));
    CHECK(p.file == "wallet.json");
    CHECK(p.learner.empty());
    CHECK(p.exclude.empty());
    REQUIRE(p.holds.size() == 1);
    const HeldEntry& h = p.holds[0];
    CHECK(h.id == "https://example.com/achievements/teamwork");
    CHECK(h.earned == Date{2024, 5, 1});
    CHECK_FALSE(h.valid_until);
    CHECK(h.origin == "wallet.json:4:72");  // the achievement's opening brace
    REQUIRE(h.badge);
    CHECK(h.badge->name == "Teamwork");
    CHECK(h.badge->alignments == std::vector<std::string>{"urn:ctid:ce-1", "urn:ctid:ce-2"});

    // AchievementCredential is the same thing; `type` may be a plain string.
    Profile alias = load_wallet_text(R"({"type": "AchievementCredential", "validFrom": "2024-05-01",
  "credentialSubject": {"achievement": {"id": "urn:a"}}})");
    REQUIRE(alias.holds.size() == 1);
    CHECK(alias.holds[0].id == "urn:a");
    CHECK(alias.holds[0].badge->name.empty());
    CHECK(alias.holds[0].origin == "wallet.json:2:40");
}

TEST_CASE("an array of credentials, and the learner's name from a credentialSubject") {
    const std::string first = badge(R"({"id": "urn:one", "name": "One"})");
    const std::string second = R"({"type": ["VerifiableCredential", "OpenBadgeCredential"], "validFrom": "2023-01-02",
  "credentialSubject": {"name": "Ana Lima", "achievement": {"id": "urn:two", "name": "Two"}}})";
    Profile p = load_wallet_text("[\n" + first + ",\n" + second + "\n]\n");
    CHECK(p.learner == "Ana Lima");
    REQUIRE(p.holds.size() == 2);
    CHECK(p.holds[0].id == "urn:one");
    CHECK(p.holds[1].id == "urn:two");
    CHECK(p.holds[1].earned == Date{2023, 1, 2});
    CHECK(p.holds[1].origin == "wallet.json:8:60");

    // A name is only shown: one that is not a string is passed over.
    Profile odd = load_wallet_text(R"({"type": "OpenBadgeCredential", "validFrom": "2024-01-01",
  "credentialSubject": {"name": {"@value": "Ana"}, "achievement": {"id": "urn:c", "name": ["C", "c"]}}})");
    CHECK(odd.learner.empty());
    REQUIRE(odd.holds.size() == 1);
    CHECK(odd.holds[0].badge->name.empty());

    Profile empty = load_wallet_text(" [ ] ");
    CHECK(empty.holds.empty());
    CHECK(resolve(catalog(), empty, Date{2025, 1, 1}).held.empty());
}

TEST_CASE("a ClrCredential: each of its verifiable credentials") {
    const std::string text = R"({
  "type": ["VerifiableCredential", "ClrCredential"],
  "validFrom": "2026-06-20T00:00:00Z",
  "credentialSubject": {
    "type": "ClrSubject",
    "name": "Sam Lee",
    "verifiableCredential": [
      {"type": ["VerifiableCredential", "AchievementCredential"], "awardedDate": "2025-12-19T00:00:00Z",
       "credentialSubject": {"achievement": {"id": "https://college.example/achievements/stats", "name": "Stats"}}},
      {"type": ["VerifiableCredential", "OpenBadgeCredential"], "validFrom": "2026-05-15T00:00:00Z",
       "credentialSubject": {"name": "Other Name", "achievement": {"id": "urn:py", "name": "Python",
         "alignment": [{"targetUrl": "urn:ctid:ce-sql"}]}}}
    ],
    "achievement": [{"id": "urn:definitions-are-not-awards"}]
  }
})";
    Profile p = load_wallet_text(text, "clr.json");
    CHECK(p.learner == "Sam Lee");
    REQUIRE(p.holds.size() == 2);
    CHECK(p.holds[0].id == "https://college.example/achievements/stats");
    CHECK(p.holds[0].earned == Date{2025, 12, 19});  // its own date, not the CLR's
    CHECK(p.holds[0].origin == "clr.json:9:45");
    CHECK(p.holds[1].id == "urn:py");
    CHECK(p.holds[1].earned == Date{2026, 5, 15});

    const Catalog c = catalog();
    Holdings h = resolve(c, p, Date{2026, 11, 28});
    CHECK(ids(c, h.held) == std::vector<std::string>{"sql", "stats", "stats-alt"});
    CHECK(h.unmatched_badges.empty());

    Profile none =
        load_wallet_text(R"({"type": ["ClrCredential"], "credentialSubject": {"verifiableCredential": []}})");
    CHECK(none.holds.empty());
}

TEST_CASE("a presentation, an array mixing CLRs and badges, other credentials passed over with a note") {
    const std::string clr = R"({"type": ["VerifiableCredential", "ClrCredential"],
   "credentialSubject": {"name": "Sam Lee", "verifiableCredential": [)" +
                            badge(R"({"id": "urn:stats", "name": "Stats"})",
                                  "  \"validFrom\": \"2025-01-10T00:00:00Z\",\n") +
                            "]}}";
    const std::string endorsement = R"({"type": ["VerifiableCredential", "EndorsementCredential"],
   "credentialSubject": {"id": "urn:stats", "endorsementComment": "Good course"}})";
    // One presentation holding the CLR, a loose badge and an endorsement.
    const std::string presented = R"({"type": ["VerifiablePresentation"], "verifiableCredential": [)" + clr + ",\n" +
                                  badge(R"({"id": "urn:py", "name": "Python"})") + ",\n" + endorsement + "]}";
    Profile p = load_wallet_text(presented, "vp.json");
    REQUIRE(p.holds.size() == 2);
    CHECK(p.holds[0].id == "urn:stats");
    CHECK(p.holds[1].id == "urn:py");
    CHECK(p.learner == "Sam Lee");
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0] ==
          "vp.json:12:1: a credential of type [VerifiableCredential, EndorsementCredential] is not an achievement: "
          "passed over");
    // The same, as a plain array.
    Profile array = load_wallet_text("[" + clr + ",\n" + badge(R"({"id": "urn:py"})") + ",\n" + endorsement + "]");
    CHECK(array.holds.size() == 2);
    CHECK(array.notes.size() == 1);
    // An array of only passed-over credentials holds nothing and is no fault.
    CHECK(load_wallet_text("[" + endorsement + "]").holds.empty());

    // The same achievement twice (in the CLR and loose, renewed): every
    // award is read; resolving holds it once, from its latest award that
    // counts, wherever that was listed.
    const Catalog c = catalog();
    const std::string stats = R"({"id": "https://college.example/achievements/stats", "name": "Stats"})";
    Profile twice = load_wallet_text("[" + clr + ",\n" +
                                     badge(stats, "  \"validFrom\": \"2026-03-01T00:00:00Z\",\n") + ",\n" +
                                     badge(stats, "  \"validFrom\": \"2024-03-01T00:00:00Z\",\n") + "]");
    CHECK(twice.holds.size() == 3);  // the CLR's one badge and the two loose ones
    Holdings h = resolve(c, twice, Date{2026, 6, 1});
    REQUIRE(h.badges.size() == 2);  // stats and stats-alt, both by the 2026 award
    CHECK(ids(c, {h.badges[0].credential, h.badges[1].credential}) == std::vector<std::string>{"stats", "stats-alt"});
    CHECK(h.badges[0].award.earned == Date{2026, 3, 1});
    CHECK(h.badges[0].award.origin == h.badges[1].award.origin);
    // Before the renewal is valid, the older award counts (the newer is not
    // yet valid, so it is not listed as set aside either: another award holds).
    Holdings before = resolve(c, twice, Date{2025, 6, 1});
    REQUIRE(before.badges.size() == 2);
    CHECK(before.badges[0].award.earned == Date{2024, 3, 1});
    CHECK(before.set_aside.empty());
    // The latest award that is valid wins over a later one that has expired.
    Profile renewed = load_wallet_text(
        "[" + badge(stats, "  \"validFrom\": \"2025-01-01T00:00:00Z\", \"validUntil\": \"2025-02-01T00:00:00Z\",\n") +
        ",\n" + badge(stats, "  \"validFrom\": \"2024-01-01T00:00:00Z\",\n") + "]");
    Holdings kept = resolve(c, renewed, Date{2025, 6, 1});
    REQUIRE(kept.badges.size() == 2);
    CHECK(kept.badges[0].award.earned == Date{2024, 1, 1});
    CHECK(kept.expired.empty());
}

TEST_CASE("matching: by catalog id, by same_as, by an alignment target; the rest is listed") {
    const Catalog c = catalog();
    const std::string text = "[" + badge(R"({"id": "py-fund", "name": "Python"})") + "," +
                             badge(R"({"id": "https://badges.example/achievements/sql", "name": "SQL"})") + "," +
                             badge(R"({"id": "urn:employer:1", "name": "Stats at work",
                                       "alignment": [{"targetUrl": "https://nowhere.example/x"},
                                                     {"targetUrl": "https://college.example/achievements/stats"}]})") +
                             "," + badge(R"({"id": "https://example.com/teamwork", "name": "Teamwork"})") + "," +
                             badge(R"({"id": "https://example.com/teamwork", "name": "Teamwork"})") + "]";
    Profile p = load_wallet_text(text);
    REQUIRE(p.holds.size() == 5);  // each award is read; the two Teamwork awards are one achievement
    Holdings h = resolve(c, p, Date{2025, 1, 1});
    // One achievement may stand for several catalog credentials: both that list its URL.
    CHECK(ids(c, h.held) == std::vector<std::string>{"py-fund", "sql", "stats", "stats-alt"});
    CHECK(h.expired.empty());
    REQUIRE(h.unmatched_badges.size() == 1);
    CHECK(h.unmatched_badges[0].id == "https://example.com/teamwork");
    CHECK(h.unmatched_badges[0].name == "Teamwork");
    CHECK(h.unmatched_badges[0].origin == p.holds[3].origin);
    CHECK(unmatched_badge_message(h.unmatched_badges[0]) ==
          p.holds[3].origin + ": badge 'Teamwork' (id https://example.com/teamwork) matches no catalog credential");

    // Badges never make unknown-id errors, while --have ids still do.
    std::vector<HeldEntry> holds = p.holds;
    holds.push_back({"nope", std::nullopt, "--have"});
    CHECK_THROWS_AS(resolve_holdings(c, holds, {}, Date{2025, 1, 1}), InputError);
}

TEST_CASE("dates: validFrom, else awardedDate, else issuanceDate; validUntil, else expirationDate") {
    auto earned_and_until = [](const std::string& members) {
        Profile p = load_wallet_text(badge(R"({"id": "urn:x"})", members));
        REQUIRE(p.holds.size() == 1);
        return std::pair{p.holds[0].earned, p.holds[0].valid_until};
    };
    // Offsets are honoured: 23:59:59 at -08:00 is the next day in UTC.
    CHECK(earned_and_until("\"validFrom\": \"2024-05-01T23:59:59-08:00\", \"awardedDate\": \"2024-04-01\",") ==
          std::pair{std::optional<Date>{Date{2024, 5, 2}}, std::optional<Date>{}});
    CHECK(earned_and_until("\"awardedDate\": \"2024-04-01T08:00:00Z\", \"issuanceDate\": \"2020-01-01T00:00:00Z\",")
              .first == Date{2024, 4, 1});
    CHECK(
        earned_and_until("\"issuanceDate\": \"2020-01-01T00:00:00Z\", \"expirationDate\": \"2022-01-01T00:00:00Z\",") ==
        std::pair{std::optional<Date>{Date{2020, 1, 1}}, std::optional<Date>{Date{2022, 1, 1}}});
    CHECK(earned_and_until("\"validFrom\": \"2024-05-01\", \"validUntil\": \"2025-05-01T00:00:00Z\", "
                           "\"expirationDate\": \"2030-01-01T00:00:00Z\",")
              .second == Date{2025, 5, 1});
    // awardedDate written on the subject, as some CLR issuers do.
    Profile subject = load_wallet_text(R"({"type": "OpenBadgeCredential",
  "credentialSubject": {"awardedDate": "2021-03-04T00:00:00Z", "achievement": {"id": "urn:x"}}})");
    CHECK(subject.holds[0].earned == Date{2021, 3, 4});

    CHECK(wallet_error(badge(R"({"id": "urn:x"})", "  \"validFrom\": \"2024-02-30T00:00:00Z\",\n")) ==
          "invalid badge wallet w.json\nw.json:3:16: error: `validFrom` '2024-02-30T00:00:00Z' is not a day: "
          "February 2024 has 29 days");
    // RFC 3339 date-times are checked whole: time, fraction, zone, nothing after.
    const auto date_fault = [](const std::string& written) {
        return wallet_error(badge(R"({"id": "urn:x"})", "  \"validFrom\": \"" + written + "\",\n"));
    };
    const std::string head = "invalid badge wallet w.json\nw.json:3:16: error: `validFrom` ";
    const std::pair<std::string, std::string> refused[] = {
        {"2010-01-01Tbanana", "the time is not HH:MM:SS"},
        {"2010-01-01T99:99:99Z", "hour 99 does not exist"},
        {"2010-01-01T10:60:00Z", "minute 60 does not exist"},
        {"2010-01-01T10:00:00", "no time zone (Z or an offset such as +02:00)"},
        {"2010-01-01T10:00:00.Z", "a decimal point without digits after the seconds"},
        {"2010-01-01T10:00:00+2:00", "the time zone offset is not +HH:MM or -HH:MM"},
        {"2010-01-01T10:00:00+24:00", "the time zone offset is out of range"},
        {"2010-01-01T10:00:00Zjunk", "text after the time zone"},
        {"2010-01-01X", "the date is followed by neither T nor a time"},
    };
    for (const auto& [written, reason] : refused)
        CHECK(date_fault(written) == head + "'" + written + "' is not an RFC 3339 date-time: " + reason);
    CHECK(date_fault("2010-1-1") == head + "'2010-1-1' is not a date of the form YYYY-MM-DD");
    // Accepted: a leap second, fractions, offsets, lower-case t and z, a plain date.
    for (const char* good : {"2016-12-31T23:59:60Z", "2024-05-01T10:00:00.123456+02:00", "2024-05-01t10:00:00z",
                             "2024-05-01T10:00:00-05:30", "2024-05-01"})
        CHECK(date_fault(good) == "no error");
    CHECK(wallet_error(badge(R"({"id": "urn:x"})", "  \"validUntil\": 20250101, \"validFrom\": \"2024-01-01\",\n")) ==
          "invalid badge wallet w.json\nw.json:3:17: error: `validUntil` is a string, found a number");
    CHECK(wallet_error(badge(R"({"id": "urn:x"})", "")) ==
          "invalid badge wallet w.json\nw.json:1:1: error: the credential has no `validFrom` (nor awardedDate or "
          "issuanceDate): the date it was earned decides expiry");
}

TEST_CASE("validUntil overrides the catalog's valid_for, either way") {
    const Catalog c = catalog();
    auto hipaa = [&](const std::string& members, const Date& as_of) {
        return resolve(c, load_wallet_text(badge(R"({"id": "https://hicc.example/achievements/hipaa"})", members)),
                       as_of);
    };
    // valid_for (1y) alone: held until 2025-03-01 included.
    CHECK(hipaa("\"validFrom\": \"2024-03-01T00:00:00Z\",", Date{2025, 3, 1}).held.size() == 1);
    CHECK(hipaa("\"validFrom\": \"2024-03-01T00:00:00Z\",", Date{2025, 3, 2}).expired.size() == 1);
    // validUntil earlier than valid_for: expired once the moment is past it
    // (--as-of D is D at 00:00 UTC, so held on the day it ends at midnight).
    Holdings early =
        hipaa("\"validFrom\": \"2024-03-01T00:00:00Z\", \"validUntil\": \"2024-09-30T00:00:00Z\",", Date{2024, 10, 1});
    CHECK(early.held.empty());
    REQUIRE(early.expired.size() == 1);
    CHECK(early.expired[0].earned == Date{2024, 3, 1});
    CHECK(early.expired[0].expired_on == Date{2024, 9, 30});
    CHECK(hipaa("\"validFrom\": \"2024-03-01T00:00:00Z\", \"validUntil\": \"2024-09-30T00:00:00Z\",", Date{2024, 9, 30})
              .held.size() == 1);
    // validUntil later than valid_for: still held.
    CHECK(hipaa("\"validFrom\": \"2024-03-01T00:00:00Z\", \"validUntil\": \"2027-03-01T00:00:00Z\",", Date{2026, 1, 1})
              .held.size() == 1);
    // On a credential without valid_for too.
    Holdings sql = resolve(c,
                           load_wallet_text(badge(R"({"id": "sql"})",
                                                  "\"validFrom\": \"2020-01-01\", "
                                                  "\"validUntil\": \"2021-01-01\",")),
                           Date{2025, 1, 1});
    REQUIRE(sql.expired.size() == 1);
    CHECK(sql.expired[0].expired_on == Date{2021, 1, 1});

    // Renewed, then lapsed: the latest expiry shows; renewed and current: held.
    const std::string lapsed =
        "[" + badge(R"({"id": "sql"})", "\"validFrom\": \"2020-01-01\", \"validUntil\": \"2021-01-01\",") + "," +
        badge(R"({"id": "sql"})", "\"validFrom\": \"2021-01-01\", \"validUntil\": \"2022-01-01\",") + "]";
    Holdings twice = resolve(c, load_wallet_text(lapsed), Date{2025, 1, 1});
    REQUIRE(twice.expired.size() == 1);
    CHECK(twice.expired[0].expired_on == Date{2022, 1, 1});
    CHECK(resolve(c, load_wallet_text(lapsed), Date{2021, 6, 1}).held.size() == 1);
}

TEST_CASE("JSON that does not parse: the fault at its line and column") {
    CHECK(wallet_error("{\n  \"type\": \"OpenBadgeCredential\"\n  \"credentialSubject\": {}\n}") ==
          "invalid badge wallet w.json\nw.json:3:3: error: not valid JSON: syntax error while parsing object - "
          "unexpected string literal; expected '}'");
    CHECK(wallet_error("[\n  {\"name\": \"Café\", }\n]") ==
          "invalid badge wallet w.json\nw.json:2:20: error: not valid JSON: syntax error while parsing object key - "
          "unexpected '}'; expected string literal");
    CHECK(wallet_error("[{}") ==
          "invalid badge wallet w.json\nw.json:1:4: error: not valid JSON: syntax error while parsing array - "
          "unexpected end of input; expected ']'");
    CHECK(wallet_error("{} {}") ==
          "invalid badge wallet w.json\nw.json:1:4: error: not valid JSON: syntax error while parsing value - "
          "unexpected '{'; expected end of input");
    CHECK(wallet_error(std::string(200, '[') + std::string(200, ']')) ==
          "invalid badge wallet w.json\nw.json:1:129: error: nesting deeper than 128 levels");
    // The parser quotes what it read; invalid UTF-8 in it is escaped, not passed on.
    CHECK(wallet_error("[{\"name\": \"Caf\xe9\"}]") ==
          "invalid badge wallet w.json\nw.json:1:11: error: not valid JSON: syntax error while parsing value - "
          "invalid string: ill-formed UTF-8 byte; last read: '\"Caf\\xe9\"'");
    // Through load_profile_text, as --profile reads it.
    try {
        load_profile_text("[\n  {,\n]", "me.json");
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.message == "invalid badge wallet me.json");
        REQUIRE(error.diagnostics.size() == 1);
        CHECK(error.diagnostics[0].line == 2);
        CHECK(error.diagnostics[0].column == 4);
        CHECK(error.diagnostics[0].code == "json-syntax");
    }
}

TEST_CASE("a wallet's faults: the first 100 shown, the rest counted; reading stays linear") {
    // 250 empty objects: 250 faults, 100 of them shown and one line for the rest.
    std::string text = "[";
    for (int i = 0; i < 250; ++i) text += i ? ",{}" : "{}";
    text += "]";
    try {
        load_wallet_text(text, "w.json");
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        REQUIRE(error.diagnostics.size() == 101);
        CHECK(format_diagnostic(error.diagnostics[0]) == "w.json:1:2: error: a credential needs a `type`");
        CHECK(format_diagnostic(error.diagnostics[99]) == "w.json:1:299: error: a credential needs a `type`");
        CHECK(format_diagnostic(error.diagnostics[100]) ==
              "w.json:1:299: error: 150 more faults after these 100 (not shown)");
        CHECK(error.diagnostics[100].code == "too-many-faults");
    }
    // Deep nesting after a syntax fault: the fault that comes first is the one reported.
    CHECK(wallet_error("[{,}" + std::string(200, '[')) ==
          "invalid badge wallet w.json\nw.json:1:3: error: not valid JSON: syntax error while parsing object key - "
          "unexpected ','; expected string literal");
}

TEST_CASE("files that are not text say what they look like; a NUL byte in JSON is located") {
    const auto profile_error = [](std::string_view bytes) {
        try {
            load_profile_text(bytes, "f");
        } catch (const InputError& error) {
            REQUIRE(error.diagnostics.size() == 1);
            return format_diagnostic(error.diagnostics[0]);
        }
        return std::string("no error");
    };
    using namespace std::string_view_literals;
    using namespace std::string_literals;
    // A PNG or SVG is read as a badge: one that is damaged or holds none says so.
    CHECK(profile_error("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv) ==
          "f:1:1: error: a damaged PNG: the file ends inside a chunk (truncated)");
    CHECK(profile_error("\x1f\x8b\x08\0"sv) ==
          "f:1:1: error: this is gzip data: credpath reads profiles (YAML) and badge wallets (JSON, VC-JWT, PNG or "
          "SVG badges)");
    CHECK(profile_error("PK\x03\x04rest"sv).find("this is a ZIP archive") != std::string::npos);
    CHECK(profile_error("%PDF-1.7"sv).find("this is a PDF document") != std::string::npos);
    CHECK(profile_error("  <svg xmlns=\"http://www.w3.org/2000/svg\"/>"sv) ==
          "f:1:1: error: an SVG without a badge: it has no `openbadges:credential` element (namespace "
          "https://purl.imsglobal.org/ob/v3p0)");
    CHECK(profile_error("<a><b></a>"sv).find("f:1:") == 0);
    CHECK(profile_error("<a><b></a>"sv).find("an XML document that does not parse") != std::string::npos);
    CHECK(wallet_error("[\n  {}]\0{\"type\": 1}"s) ==
          "invalid badge wallet w.json\nw.json:2:6: error: the file holds a NUL byte: it is binary, not JSON text");
}

TEST_CASE("other shapes are errors that say what is read, each fault at its place") {
    CHECK(wallet_error("42") ==
          "invalid badge wallet w.json\nw.json:1:1: error: a badge wallet is a credential (a JSON object) or an array "
          "of them, not a number");
    CHECK(wallet_error("{\"credentials\": []}") ==
          "invalid badge wallet w.json\nw.json:1:1: error: not a badge credential (no `type`): a badge wallet is an "
          "OpenBadgeCredential or AchievementCredential, a ClrCredential, a VerifiablePresentation of them, or a "
          "JSON array of any of these");
    CHECK(wallet_error("{\"type\": \"Assertion\", \"badge\": \"https://example.org/badge\"}") ==
          "invalid badge wallet w.json\nw.json:1:10: error: type is [Assertion]: credpath reads OpenBadgeCredential, "
          "AchievementCredential and ClrCredential (this is an Open Badges 2.0 assertion; Open Badges 3.0 is read)");
    CHECK(wallet_error("{\"type\": [\"OpenBadgeCredential\", 3]}") ==
          "invalid badge wallet w.json\nw.json:1:10: error: `type` is a string or a list of strings");
    CHECK(wallet_error("[{\"type\": \"ClrCredential\"}]") ==
          "invalid badge wallet w.json\nw.json:1:2: error: a ClrCredential needs a `credentialSubject`");
    CHECK(wallet_error("{\"type\": \"ClrCredential\", \"credentialSubject\": {\"verifiableCredential\": "
                       "[{\"type\": \"VerifiablePresentation\"}]}}") ==
          "invalid badge wallet w.json\nw.json:1:74: error: a VerifiablePresentation inside a ClrCredential");

    // Every fault of every credential, in place order.
    const std::string text = R"([
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01"},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01", "credentialSubject": []},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01", "credentialSubject": {}},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01", "credentialSubject": {"achievement": "urn:a"}},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01", "credentialSubject": {"achievement": {"name": "A"}}},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01", "credentialSubject": {"achievement": {"id": ""}}},
  {"type": "OpenBadgeCredential", "validFrom": "2024-01-01",
   "credentialSubject": {"achievement": {"id": "urn:b", "name": 7, "alignment": [{"targetName": "x"}, 5]}}},
  "not a credential"
])";
    CHECK(wallet_error(text) == R"(invalid badge wallet w.json
w.json:2:3: error: a badge credential needs a `credentialSubject`
w.json:3:83: error: `credentialSubject` is an object, found an array
w.json:4:83: error: the credentialSubject has no `achievement`
w.json:5:99: error: `achievement` is an object (an Achievement), found a string
w.json:6:99: error: the achievement has no `id`
w.json:7:106: error: the achievement's `id` is empty
w.json:9:82: error: an alignment needs a `targetUrl`
w.json:9:103: error: an alignment is an object, found a number
w.json:10:3: error: expected a credential (a JSON object), found a string)");

    const std::string clr = R"({"type": ["VerifiableCredential", "ClrCredential"],
 "credentialSubject": {"verifiableCredential": ["eyJhbGciOiJFZERTQSJ9.e30.sig",
   {"type": "EndorsementCredential"}, {"type": "ClrCredential"}]}})";
    CHECK(wallet_error(clr) == R"(invalid badge wallet w.json
w.json:2:49: error: in the VC-JWT's payload: a credential needs a `type`
w.json:3:13: error: type is [EndorsementCredential]: credpath reads OpenBadgeCredential, AchievementCredential and ClrCredential
w.json:3:39: error: a ClrCredential inside a ClrCredential)");
    CHECK(wallet_error(R"({"type": "ClrCredential", "credentialSubject": {}})") ==
          "invalid badge wallet w.json\nw.json:1:48: error: a ClrCredential lists its credentials in "
          "`verifiableCredential`");
}

TEST_CASE("places count characters, not bytes, and skip a byte order mark") {
    CHECK(wallet_error("\xEF\xBB\xBF{\"name\": \"\xC3\xA9t\xC3\xA9\", \"type\": 1}") ==
          "invalid badge wallet w.json\nw.json:1:25: error: `type` is a string or a list of strings");
}

TEST_CASE("the bundled wallets match the bundled catalogs") {
    CheckedCatalog checked = check_catalog(load_catalog({source("catalogs")}));
    REQUIRE(checked.ok());
    const Catalog& c = checked.catalog;
    const Date as_of{2026, 11, 28};

    Profile single = load_profile(source("tests/data/wallets/ob3-sql-foundations.json"));
    Holdings one = resolve(c, single, as_of);
    CHECK(ids(c, one.held) == std::vector<std::string>{"dai-sql-basics"});
    CHECK(single.holds[0].earned == Date{2026, 2, 10});

    Profile wallet = load_profile(source("tests/data/wallets/ob3-wallet.json"));
    CHECK(wallet.learner == "Ana Lima");
    Holdings many = resolve(c, wallet, as_of);
    CHECK(ids(c, many.held) == std::vector<std::string>{"dai-sql-basics", "dai-dashboards"});
    REQUIRE(many.expired.size() == 1);
    CHECK(c.credentials[many.expired[0].credential].id == "dai-excel-analytics");
    CHECK(many.expired[0].earned == Date{2025, 7, 1});
    CHECK(many.expired[0].expired_on == Date{2026, 6, 30});
    REQUIRE(many.unmatched_badges.size() == 1);
    CHECK(many.unmatched_badges[0].name == "Teamwork");

    Profile clr = load_profile(source("tests/data/wallets/clr-transcript.json"));
    Holdings record = resolve(c, clr, as_of);
    CHECK(ids(c, record.held) == std::vector<std::string>{"dai-py-fund-ncc", "dai-stats-intro"});
    REQUIRE(record.unmatched_badges.size() == 1);
    CHECK(record.unmatched_badges[0].name == "College Success Seminar");

    CHECK_THROWS_AS(load_profile(source("tests/data/wallets/bad-syntax.json")), InputError);
    Profile presented = load_profile(source("tests/data/wallets/presentation.json"));
    CHECK(ids(c, resolve(c, presented, as_of).held) == std::vector<std::string>{"dai-sql-basics"});
    CHECK(presented.notes.size() == 1);  // its endorsement
}

TEST_CASE("plan requests (diff --requests, batch) read wallets through the same profile loader") {
    CheckedCatalog checked = check_catalog(load_catalog({source("catalogs")}));
    REQUIRE(checked.ok());
    Request request;
    request.targets = {"dai-cert-data-analyst"};
    request.profile = "clr-transcript.json";
    ResolveContext options;
    options.today = Date{2026, 11, 28};
    options.profile_dir = source("tests/data/wallets");
    const ResolvedRequest resolved = resolve_request_line(checked.catalog, request, options);
    CHECK(resolved.learner.name == "Ana Lima");
    CHECK(ids(checked.catalog, resolved.plan.held) ==
          std::vector<std::string>{"dai-py-fund-ncc", "dai-stats-intro"});
    REQUIRE(resolved.learner.holdings.unmatched_badges.size() == 1);

    request.profile = "bad-syntax.json";
    try {
        resolve_request_line(checked.catalog, request, options);
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.message.find("bad-syntax.json:5:3: error: not valid JSON") != std::string::npos);
    }
}

// ---------------------------------------------------------------- VC-JWT, baked badges, trust

namespace {
// A VC 2.0 badge credential (as JSON text) for a JWT's payload or a baked badge.
std::string badge_json(const std::string& achievement_id, const std::string& valid_from = "2025-01-10T09:00:00Z",
                       const std::string& extra = "") {
    return R"({"type": ["VerifiableCredential", "OpenBadgeCredential"], "id": "urn:uuid:c1",
 "issuer": {"id": "https://issuer.example", "name": "Example Issuer"}, "validFrom": ")" +
           valid_from + "\"" + extra + R"(, "credentialSubject": {"achievement": {"id": ")" + achievement_id +
           R"(", "name": "Badge"}}})";
}

std::string header_with_key(const std::string& alg, const jose::Jwk& key) {
    std::string jwk = R"({"kty": ")" + key.kty + "\"";
    for (const auto& [name, value] : {std::pair{"crv", key.crv}, {"n", key.n}, {"e", key.e}, {"x", key.x},
                                      {"y", key.y}})
        if (!value.empty()) jwk += std::string(", \"") + name + "\": \"" + value + "\"";
    return R"({"alg": ")" + alg + R"(", "typ": "JWT", "jwk": )" + jwk + "}}";
}
}  // namespace

TEST_CASE("VC-JWT: the payload is the credential or its vc claim; the signature is checked with the header's key") {
    for (const char* alg : {"RS256", "ES256", "EdDSA"}) {
        CAPTURE(alg);
        const jose::Jwk key = jose::generate_key(alg);
        const std::string jwt = jose::sign(alg, header_with_key(alg, key), badge_json("py-fund"), key);
        Profile p = load_wallet_text(jwt + "\n", "b.jwt");
        REQUIRE(p.holds.size() == 1);
        const Badge& badge = *p.holds[0].badge;
        CHECK(p.holds[0].id == "py-fund");
        CHECK(p.holds[0].origin == "b.jwt:1:1");
        CHECK(badge.form == "VC-JWT");
        CHECK(badge.issuer == "Example Issuer");
        CHECK(badge.proof == ProofState::Verified);
        CHECK(badge.proof_detail == std::string(alg) + " signature verified with the key in the JWT's header");
        CHECK(badge.verified());
        // One byte of the payload changed after signing: not the signer's.
        std::string forged = jwt;
        const std::size_t dot = forged.find('.');
        const std::string payload = *jose::base64url_decode(forged.substr(dot + 1, forged.rfind('.') - dot - 1));
        std::string changed = payload;
        changed.replace(changed.find("2025-01-10"), 10, "2020-01-10");
        forged.replace(dot + 1, forged.rfind('.') - dot - 1, jose::base64url_encode(changed));
        const Profile forged_wallet = load_wallet_text(forged, "f.jwt");
        CHECK(forged_wallet.holds[0].badge->proof == ProofState::Failed);
        const Catalog c = catalog();
        Holdings h = resolve_holdings(c, forged_wallet.holds, {}, Date{2026, 1, 1});
        CHECK(h.held.empty());
        REQUIRE(h.set_aside.size() == 1);
        CHECK(h.set_aside[0].reason == SetAsideBadge::Reason::BadSignature);
    }
    // VC 1.1 JWT: the credential is the vc claim; nbf and exp stand for its dates.
    const jose::Jwk key = jose::generate_key("EdDSA");
    const std::string vc = R"({"vc": {"type": ["VerifiableCredential", "OpenBadgeCredential"],
 "credentialSubject": {"achievement": {"id": "sql"}}}, "iss": "https://issuer.example", "nbf": 1262304000,
 "exp": 1893456000, "jti": "urn:uuid:j1"})";
    Profile p = load_wallet_text(jose::sign("EdDSA", R"({"alg": "EdDSA"})", vc, key), "vc.jwt");
    REQUIRE(p.holds.size() == 1);
    CHECK(p.holds[0].earned == Date{2010, 1, 1});
    CHECK(p.holds[0].valid_until == Date{2030, 1, 1});
    CHECK(p.holds[0].badge->issuer == "https://issuer.example");
    CHECK(p.holds[0].badge->credential_id == "urn:uuid:j1");
    // No key at hand: held, but not verified.
    CHECK(p.holds[0].badge->proof == ProofState::NotChecked);
    CHECK(p.holds[0].badge->proof_detail == "EdDSA signature not checked: no key at hand");
    // A trusted key (by kid) verifies it.
    jose::Jwk trusted = key;
    trusted.d.clear();
    trusted.kid = "k1";
    WalletTrust trust;
    trust.keys.push_back(TrustedKey{trusted, "keys.json:3:5"});
    Profile by_kid = load_wallet_text(jose::sign("EdDSA", R"({"alg": "EdDSA", "kid": "k1"})", vc, key), "vc.jwt", trust);
    CHECK(by_kid.holds[0].badge->proof_detail == "EdDSA signature verified with trusted key k1");
    // No kid and no header key: every trusted key is tried; none that
    // verifies says nothing of the JWT (its signer is not among them).
    jose::Jwk other = jose::generate_key("EdDSA");
    other.d.clear();
    WalletTrust two;
    two.keys.push_back(TrustedKey{other, "keys.json:2:5"});
    two.keys.push_back(TrustedKey{trusted, "keys.json:3:5"});
    const std::string bare = jose::sign("EdDSA", R"({"alg": "EdDSA"})", vc, key);
    CHECK(load_wallet_text(bare, "vc.jwt", two).holds[0].badge->proof_detail ==
          "EdDSA signature verified with trusted key k1");
    two.keys.pop_back();
    const Badge unknown = *load_wallet_text(bare, "vc.jwt", two).holds[0].badge;
    CHECK(unknown.proof == ProofState::NotChecked);
    CHECK(unknown.proof_detail == "EdDSA signature not checked: no trusted key verifies it");
    // A header key that is also trusted says so.
    Profile both = load_wallet_text(jose::sign("EdDSA", header_with_key("EdDSA", key), vc, key), "vc.jwt", trust);
    CHECK(both.holds[0].badge->proof_detail == "EdDSA signature verified with trusted key k1");
    // A fault inside the payload is placed at the JWT, with its path inside.
    CHECK(wallet_error(jose::sign("EdDSA", R"({"alg": "EdDSA"})", R"({"vc": {"type": "OpenBadgeCredential",
 "credentialSubject": {}}, "nbf": 1262304000})", key)) ==
          "invalid badge wallet w.json\nw.json:1:1: error: in the VC-JWT's payload at /vc/credentialSubject: the "
          "credentialSubject has no `achievement`");
    // A claim past year 9999 (or before year 1) is no date.
    CHECK(wallet_error(jose::sign("EdDSA", R"({"alg": "EdDSA"})", R"({"vc": {"type": "OpenBadgeCredential",
 "credentialSubject": {"achievement": {"id": "urn:x"}}}, "nbf": -9223372036854775808})", key))
              .find("the credential has no `validFrom`") != std::string::npos);
    CHECK(wallet_error("eyJhbGciOiJFZERTQSJ9.a.sig") ==
          "invalid badge wallet w.json\nw.json:1:1: error: a VC-JWT whose header or payload is not base64url");
}

TEST_CASE("VC-JWT strings in an array and in a CLR; a CLR's signature covers the badges in it") {
    const jose::Jwk key = jose::generate_key("ES256");
    const std::string header = header_with_key("ES256", key);
    const std::string loose = jose::sign("ES256", header, badge_json("py-fund"), key);
    const std::string clr = jose::sign("ES256", header, R"({"type": ["VerifiableCredential", "ClrCredential"],
 "credentialSubject": {"verifiableCredential": [)" + badge_json("sql") + "]}}", key);
    Profile p = load_wallet_text("[\n  \"" + loose + "\",\n  \"" + clr + "\"\n]");
    REQUIRE(p.holds.size() == 2);
    CHECK(p.holds[0].origin == "wallet.json:2:3");
    CHECK(p.holds[1].origin == "wallet.json:3:3");
    CHECK(p.holds[1].id == "sql");
    CHECK(p.holds[1].badge->proof == ProofState::Verified);
}

TEST_CASE("baked badges: a PNG's openbadgecredential chunk, an SVG's element or its verify JWT") {
    const std::string png = bake_png(badge_json("py-fund"));
    REQUIRE_FALSE(png.empty());
    Profile from_png = load_wallet_text(png, "b.png");
    REQUIRE(from_png.holds.size() == 1);
    CHECK(from_png.holds[0].id == "py-fund");
    CHECK(from_png.holds[0].badge->form == "PNG");
    CHECK(from_png.holds[0].origin == "b.png");
    // A baked JWT, and faults inside a PNG named by the chunk's lines.
    const jose::Jwk key = jose::generate_key("EdDSA");
    const std::string jwt = jose::sign("EdDSA", header_with_key("EdDSA", key), badge_json("sql"), key);
    CHECK(load_wallet_text(bake_png(jwt), "j.png").holds[0].badge->form == "PNG (VC-JWT)");
    CHECK(wallet_error(bake_png("{\n\"type\": 5}")) ==
          "invalid badge wallet w.json\nw.json: error: in the PNG's openbadgecredential chunk: line 2, column 9: "
          "`type` is a string or a list of strings");
    // A PNG through the profile reader too (content decides, not the name).
    CHECK(load_profile_text(png, "p.yaml").holds.size() == 1);

    const std::string svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"\n"
                            "     xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">\n"
                            "  <openbadges:credential><![CDATA[\n" +
                            badge_json("stats-x", "2025-01-10T09:00:00Z") + "\n]]></openbadges:credential>\n</svg>\n";
    Profile from_svg = load_wallet_text(svg, "b.svg");
    REQUIRE(from_svg.holds.size() == 1);
    CHECK(from_svg.holds[0].badge->form == "SVG");
    CHECK(from_svg.holds[0].origin.rfind("b.svg:", 0) == 0);
    // A fault in the baked JSON is placed at the file's own line.
    std::string bad_svg = svg;
    bad_svg.replace(bad_svg.find("2025-01-10T09"), 13, "2025-01-10T99");
    const std::string line6 = R"( "issuer": {"id": "https://issuer.example", "name": "Example Issuer"}, "validFrom": )";
    CHECK(wallet_error(bad_svg) == fmt::format("invalid badge wallet w.json\nw.json:6:{}: error: `validFrom` "
                                               "'2025-01-10T99:00:00Z' is not an RFC 3339 date-time: hour 99 does "
                                               "not exist",
                                               line6.size() + 1));
    const std::string verify = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                               "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">\n"
                               "  <openbadges:credential verify=\"" + jwt + "\"/>\n</svg>";
    Profile from_verify = load_wallet_text(verify, "v.svg");
    REQUIRE(from_verify.holds.size() == 1);
    CHECK(from_verify.holds[0].badge->form == "SVG (VC-JWT)");
    CHECK(from_verify.holds[0].badge->proof == ProofState::Verified);
    CHECK(from_verify.holds[0].origin == "v.svg:2:1");
}

TEST_CASE("trusted keys: a JWK Set or one JWK; private keys and other shapes are refused at their place") {
    const std::vector<TrustedKey> keys = load_trusted_keys_text(R"({"keys": [
  {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "a"},
  {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
   "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})",
                                                                "k.json");
    REQUIRE(keys.size() == 2);
    CHECK(keys[0].key.kid == "a");
    CHECK(keys[1].origin == "k.json:3:3");
    CHECK(load_trusted_keys_text(R"({"kty": "OKP", "crv": "Ed25519", "x": "abc"})", "one.json").size() == 1);
    auto error_of = [](const std::string& text) {
        try {
            load_trusted_keys_text(text, "k.json");
        } catch (const InputError& error) {
            return format_diagnostic(error.diagnostics.at(0));
        }
        return std::string("no error");
    };
    CHECK(error_of(R"({"keys": [{"kty": "OKP", "x": "a", "d": "b"}]})") ==
          "k.json:1:11: error: this JWK holds a private key (`d`): give issuers' public keys only");
    CHECK(error_of("[1]") ==
          "k.json:1:1: error: trusted keys are a JWK Set ({\"keys\": [...]}) or one JWK");
    CHECK(error_of("{").rfind("k.json:1:2: error: not valid JSON", 0) == 0);
}

TEST_CASE("validity to the second: from validFrom to validUntil inclusive, at a moment or the as-of day's 00:00 UTC") {
    const Catalog c = catalog();
    const Profile p = load_wallet_text(badge(R"({"id": "sql"})", "  \"validFrom\": \"2026-12-01T10:00:00+02:00\", "
                                                                  "\"validUntil\": \"2027-01-01T18:00:00Z\",\n"));
    auto at = [&](const std::string& moment) {
        return resolve_holdings(c, p.holds, {}, utc_date(*parse_date_time(moment)), {},
                                BadgeRules{parse_date_time(moment), false});
    };
    // 10:00 at +02:00 is 08:00 UTC.
    CHECK(at("2026-12-01T07:59:59Z").set_aside.size() == 1);
    CHECK(at("2026-12-01T08:00:00Z").held.size() == 1);
    CHECK(at("2027-01-01T18:00:00Z").held.size() == 1);
    CHECK(at("2027-01-01T18:00:01Z").expired.size() == 1);
    // A day alone is 00:00 UTC: on the last day, still held.
    CHECK(resolve_holdings(c, p.holds, {}, Date{2027, 1, 1}).held.size() == 1);
    Holdings early = resolve_holdings(c, p.holds, {}, Date{2026, 12, 1});
    CHECK(early.held.empty());
    REQUIRE(early.set_aside.size() == 1);
    CHECK(early.set_aside[0].reason == SetAsideBadge::Reason::NotYetValid);
    CHECK(early.set_aside[0].detail == "not yet valid: valid from 2026-12-01T08:00:00Z");
    CHECK(ids(c, early.set_aside[0].credentials) == std::vector<std::string>{"sql"});
    // --require-verified: an unsigned badge is set aside with why.
    Holdings strict = resolve_holdings(c, p.holds, {}, Date{2026, 12, 24}, {}, BadgeRules{std::nullopt, true});
    REQUIRE(strict.set_aside.size() == 1);
    CHECK(strict.set_aside[0].detail == "not verified: not signed");
}

TEST_CASE("JSON-LD spellings and VC shapes: @type, IRI types, subject lists, a JWT or a decoded payload as the file") {
    const std::string subject = R"("credentialSubject": {"achievement": {"id": "py-fund"}})";
    CHECK(load_wallet_text(R"({"@type": ["VerifiableCredential", "OpenBadgeCredential"], "validFrom": "2024-01-01",
 )" + subject + "}").holds.size() == 1);
    CHECK(load_wallet_text(R"({"type": ["https://www.w3.org/2018/credentials#VerifiableCredential",
 "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"], "validFrom": "2024-01-01", )" + subject +
                           "}")
              .holds.size() == 1);
    const Profile two = load_wallet_text(R"({"type": "OpenBadgeCredential", "validFrom": "2024-01-01",
 "credentialSubject": [{"achievement": {"id": "py-fund"}}, {"achievement": {"id": "sql"}}]})");
    REQUIRE(two.holds.size() == 2);
    CHECK(two.holds[1].id == "sql");
    CHECK(two.holds[1].origin == "wallet.json:2:76");
    const jose::Jwk key = jose::generate_key("EdDSA");
    const std::string jwt = jose::sign("EdDSA", header_with_key("EdDSA", key), badge_json("py-fund"), key);
    CHECK(load_wallet_text("\"" + jwt + "\"").holds.at(0).badge->proof == ProofState::Verified);
    const Profile decoded = load_wallet_text(R"({"vc": {"type": ["VerifiableCredential", "OpenBadgeCredential"],
 )" + subject + R"(}, "nbf": 1262304000, "iss": "https://issuer.example"})");
    REQUIRE(decoded.holds.size() == 1);
    CHECK(decoded.holds[0].earned == Date{2010, 1, 1});
    CHECK(decoded.holds[0].badge->issuer == "https://issuer.example");
    CHECK(decoded.holds[0].badge->proof == ProofState::None);
}

}  // namespace credpath
