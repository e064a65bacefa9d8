// The small catalog and requests both batch test files answer: plans worked
// out by hand, so that the answers and their summary can be checked exactly.
#pragma once

#include <doctest/doctest.h>

#include "credpath/load/check.hpp"
#include "credpath/plan/resolve.hpp"
#include "test_support.hpp"

namespace credpath::test {

// A Python course, two ways to learn SQL (a course and a cheaper badge) and a
// certificate that needs Python and either of them. Plans add up by hand:
//   cert alone:          py-fund + sql-badge + cert = 100 + 30 + 50 = 180, weeks 4 + 3 = 7
//   cert holding py:     sql-badge + cert           =  30 + 50      =  80, weeks 1 + 3 = 4
//   cert holding sql:    py-fund + cert             = 100 + 50      = 150, weeks 4 + 3 = 7
//   skills [sql]:        sql-badge                  =  30,             weeks 1
inline CheckedCatalog small_catalog() {
    CheckedCatalog c = check_catalog(load_catalog_text(
        "format: credpath/1\ncatalog: {currency: EUR}\ncredentials:\n"
        R"(  - {id: py-fund, title: Python, cost: 100, weeks: 4, skills: [python]}
  - {id: sql-fund, title: SQL, cost: 80, weeks: 2, skills: [sql]}
  - {id: sql-badge, title: SQL badge, kind: badge, cost: 30, weeks: 1, skills: [sql]}
  - id: cert
    title: Certificate
    kind: certificate
    cost: 50
    weeks: 3
    requires: {all: [py-fund, {any: [sql-fund, sql-badge]}]}
)"));
    REQUIRE(c.ok());
    return c;
}

inline ResolveContext resolve_options() {
    ResolveContext options;
    options.today = Date{2027, 1, 4};
    return options;
}

// Requests with plans worked out above (see small_catalog):
//   cert: ana 180/7w, ben 80/4w, cy 150/7w planned; dee infeasible; eve error
//   cert + py-fund: hal 180/7w (py-fund is a target, so not "missing")
//   skills: sql: fay 30/1w
//   (unreadable requests): a line that is not JSON
inline const char* const kSummaryRequests =
    "{\"id\": \"ana\", \"targets\": [\"cert\"]}\n"
    "{\"id\": \"ben\", \"targets\": [\"cert\"], \"have\": [\"py-fund\"]}\n"
    "{\"id\": \"cy\", \"targets\": [\"cert\"], \"have\": [\"sql-fund\"]}\n"
    "{\"id\": \"dee\", \"targets\": [\"cert\"], \"max_cost\": 50}\n"
    "{\"id\": \"eve\", \"targets\": [\"cert\"], \"exclude\": [\"nope\"]}\n"
    "{\"id\": \"fay\", \"skills\": [\"sql\"]}\n"
    "{\"id\": \"hal\", \"targets\": [\"cert\", \"py-fund\"]}\n"
    "{oops\n";

}  // namespace credpath::test
